// Input validation for the items API, kept free of AWS imports so it is unit-tested directly.

export interface ItemInput {
  name: string;
  description?: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

const ALLOWED_FIELDS = new Set(["name", "description"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_BODY_BYTES = 16 * 1024;

/** Parses and validates a request body: `{ "name": 1-200 chars, "description"?: up to 2000 chars }`. */
export function parseItemInput(body: string | undefined): Validation<ItemInput> {
  if (body === undefined || body.trim() === "") return { ok: false, error: "request body is required" };
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return { ok: false, error: `request body is larger than ${MAX_BODY_BYTES} bytes` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, error: "request body is not valid JSON" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { ok: false, error: "request body must be a JSON object" };
  const fields = parsed as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !ALLOWED_FIELDS.has(key));
  if (unknown.length > 0) return { ok: false, error: `unknown field(s): ${unknown.join(", ")}` };
  const { name, description } = fields;
  if (typeof name !== "string" || name.trim().length === 0 || name.length > 200) return { ok: false, error: "name must be a string of 1 to 200 characters" };
  if (description !== undefined && (typeof description !== "string" || description.length > 2000)) return { ok: false, error: "description must be a string of at most 2000 characters" };
  return { ok: true, value: description === undefined ? { name: name.trim() } : { name: name.trim(), description } };
}

/** Item ids are UUIDs the API generated; anything else cannot exist and is rejected early. */
export function parseItemId(id: string | undefined): Validation<string> {
  if (id === undefined || !UUID.test(id)) return { ok: false, error: "id must be a UUID" };
  return { ok: true, value: id };
}
