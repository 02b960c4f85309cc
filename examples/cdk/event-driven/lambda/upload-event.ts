// The S3 "Object Created" event as EventBridge delivers it, reduced to what the pipeline keeps,
// and the message the processor sends downstream. Both are checked field by field: a message that
// does not match is a poison message, and retrying it would never help.

/** An uploaded object version, as recorded in the table and sent to consumers. */
export interface UploadedObject {
  readonly bucket: string;
  readonly key: string;
  /**
   * What makes this upload unique under its key: the S3 version id (the bucket is versioned), or
   * the event's sequencer if S3 sent none. A redelivered event carries the same value.
   */
  readonly objectVersion: string;
  readonly size: number;
  readonly etag: string;
  readonly uploadedAt: string;
}

/** The input can never be processed; retrying it is pointless. */
export class PoisonMessageError extends Error {
  override readonly name = "PoisonMessageError";
}

export function parseObjectCreatedEvent(event: unknown): UploadedObject {
  const root = asRecord(event, "event");
  if (root["source"] !== "aws.s3" || root["detail-type"] !== "Object Created") {
    throw new PoisonMessageError(`not an S3 Object Created event (source ${String(root["source"])}, detail-type ${String(root["detail-type"])})`);
  }
  const detail = asRecord(root["detail"], "detail");
  const bucket = asRecord(detail["bucket"], "detail.bucket");
  const object = asRecord(detail["object"], "detail.object");
  const versionId = optionalString(object["version-id"], "detail.object.version-id");
  return {
    bucket: requiredString(bucket["name"], "detail.bucket.name"),
    key: requiredString(object["key"], "detail.object.key"),
    objectVersion: versionId ?? `sequencer:${requiredString(object["sequencer"], "detail.object.sequencer")}`,
    size: nonNegativeInteger(object["size"], "detail.object.size"),
    etag: requiredString(object["etag"], "detail.object.etag"),
    uploadedAt: requiredString(root["time"], "time"),
  };
}

export function parseUploadedObjectMessage(body: string): UploadedObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new PoisonMessageError("message body is not JSON");
  }
  const message = asRecord(parsed, "message");
  return {
    bucket: requiredString(message["bucket"], "bucket"),
    key: requiredString(message["key"], "key"),
    objectVersion: requiredString(message["objectVersion"], "objectVersion"),
    size: nonNegativeInteger(message["size"], "size"),
    etag: requiredString(message["etag"], "etag"),
    uploadedAt: requiredString(message["uploadedAt"], "uploadedAt"),
  };
}

/** The table's partition key: one item per object version under it. */
export function objectId(object: Pick<UploadedObject, "bucket" | "key">): string {
  return `s3://${object.bucket}/${object.key}`;
}

function asRecord(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new PoisonMessageError(`${field} must be an object`);
  return value as Record<string, unknown>;
}

function requiredString(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) throw new PoisonMessageError(`${field} must be a non-empty string`);
  return value;
}

function optionalString(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : requiredString(value, field);
}

function nonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw new PoisonMessageError(`${field} must be a non-negative integer`);
  return value;
}
