/** A problem the author can fix: printed as `file: message`, never as a stack trace. */
export class BundleError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }

  format(): string {
    return `${this.file}${this.line ? `:${this.line}` : ""}  error  ${this.message}`;
  }
}
