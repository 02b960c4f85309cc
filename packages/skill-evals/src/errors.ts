/** A mistake the user can fix (a flag, a path, a missing key): printed as a message, exit 2. */
export class UsageError extends Error {}
