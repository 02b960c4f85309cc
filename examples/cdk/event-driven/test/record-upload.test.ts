// The processor's contract: one metadata item and one downstream message per uploaded object
// version, however often the event arrives; transient errors propagate so Lambda retries.
import { ProvisionedThroughputExceededException, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createRecordUploadHandler } from "../lambda/record-upload.js";
import { PoisonMessageError } from "../lambda/upload-event.js";
import { fakeQueue, fakeTable, objectCreatedEvent } from "./fakes.js";

function setup() {
  const table = fakeTable();
  const queue = fakeQueue();
  const recordUpload = createRecordUploadHandler({
    dynamodb: table.client,
    sqs: queue.client,
    tableName: "uploads",
    queueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/uploads",
    now: () => new Date("2026-11-26T06:00:05Z"),
  });
  return { table, queue, recordUpload };
}

const upload = objectCreatedEvent({ key: "uploads/report.csv", versionId: "v1" });

beforeEach(() => {
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});

describe("record-upload", () => {
  it("records a new upload with a conditional put, publishes it once, then marks it published", async () => {
    const { table, queue, recordUpload } = setup();
    await expect(recordUpload(upload)).resolves.toEqual({ outcome: "recorded", objectId: "s3://upload-bucket/uploads/report.csv", objectVersion: "v1" });

    const [put] = table.commands(PutItemCommand);
    expect(put?.input).toMatchObject({ TableName: "uploads", ConditionExpression: "attribute_not_exists(objectId)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" });
    expect(queue.sent()).toEqual([
      {
        QueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/uploads",
        MessageBody: JSON.stringify({ bucket: "upload-bucket", key: "uploads/report.csv", objectVersion: "v1", size: 1024, etag: "d41d8cd98f00b204e9800998ecf8427e", uploadedAt: "2026-11-26T06:00:00Z" }),
      },
    ]);
    expect(table.item("s3://upload-bucket/uploads/report.csv", "v1")).toMatchObject({ status: { S: "PUBLISHED" }, size: { N: "1024" }, publishedAt: { S: "2026-11-26T06:00:05.000Z" } });
  });

  it("ignores a redelivered event: DynamoDB rejects the second put and nothing is sent again", async () => {
    const { table, queue, recordUpload } = setup();
    await recordUpload(upload);
    // S3 can emit the same upload twice with different EventBridge event ids: the key decides.
    await expect(recordUpload({ ...upload, id: "another-event-id" })).resolves.toMatchObject({ outcome: "duplicate" });

    expect(table.commands(PutItemCommand)).toHaveLength(2);
    expect(table.send.mock.settledResults[2]).toMatchObject({ type: "rejected", value: { name: "ConditionalCheckFailedException" } });
    expect(table.items.size).toBe(1);
    expect(table.commands(UpdateItemCommand)).toHaveLength(1);
    expect(queue.send).toHaveBeenCalledTimes(1);
  });

  it("records a new version of the same key as a new upload", async () => {
    const { table, queue, recordUpload } = setup();
    await recordUpload(upload);
    await expect(recordUpload(objectCreatedEvent({ key: "uploads/report.csv", versionId: "v2" }))).resolves.toMatchObject({ outcome: "recorded", objectVersion: "v2" });
    expect(table.items.size).toBe(2);
    expect(queue.send).toHaveBeenCalledTimes(2);
  });

  it("keys an upload without a version id by the event's sequencer", async () => {
    const { recordUpload } = setup();
    await expect(recordUpload(objectCreatedEvent({ key: "uploads/a.json", sequencer: "0062E99A88DC407461" }))).resolves.toMatchObject({ objectVersion: "sequencer:0062E99A88DC407461" });
  });

  it("rethrows a transient DynamoDB error so Lambda retries the invocation, and sends nothing", async () => {
    const { table, queue, recordUpload } = setup();
    const throttled = new ProvisionedThroughputExceededException({ message: "Rate of requests exceeds the allowed throughput", $metadata: {} });
    table.failures.set("s3://upload-bucket/uploads/report.csv#v1", throttled);
    await expect(recordUpload(upload)).rejects.toBe(throttled);
    expect(queue.send).not.toHaveBeenCalled();
  });

  it("publishes on the retry when the first attempt recorded the upload but the send failed", async () => {
    const { table, queue, recordUpload } = setup();
    const sendFailure = Object.assign(new Error("connect ETIMEDOUT"), { name: "TimeoutError" });
    queue.failNextSend(sendFailure);
    await expect(recordUpload(upload)).rejects.toBe(sendFailure);
    expect(table.item("s3://upload-bucket/uploads/report.csv", "v1")).toMatchObject({ status: { S: "RECORDED" } });

    // Lambda's retry of the same event: the put is rejected, the item says unpublished, so send.
    await expect(recordUpload(upload)).resolves.toMatchObject({ outcome: "republished" });
    expect(queue.send).toHaveBeenCalledTimes(2);
    expect(table.items.size).toBe(1);
    expect(table.item("s3://upload-bucket/uploads/report.csv", "v1")).toMatchObject({ status: { S: "PUBLISHED" } });
    // A third delivery after the successful retry changes nothing.
    await expect(recordUpload(upload)).resolves.toMatchObject({ outcome: "duplicate" });
    expect(queue.send).toHaveBeenCalledTimes(2);
  });

  it.each([
    [{ ...upload, source: "aws.ec2" }, "not an S3 Object Created event (source aws.ec2, detail-type Object Created)"],
    [{ ...upload, detail: { ...upload.detail, object: { ...upload.detail.object, key: "" } } }, "detail.object.key must be a non-empty string"],
    [{ ...upload, detail: { ...upload.detail, object: { ...upload.detail.object, size: -1 } } }, "detail.object.size must be a non-negative integer"],
    [{ ...upload, detail: { bucket: { name: "upload-bucket" } } }, "detail.object must be an object"],
  ])("fails a poison event with PoisonMessageError before touching the table or the queue (%#)", async (event, reason) => {
    const { table, queue, recordUpload } = setup();
    const failure = recordUpload(event);
    await expect(failure).rejects.toBeInstanceOf(PoisonMessageError);
    await expect(failure).rejects.toThrow(reason);
    expect(table.send).not.toHaveBeenCalled();
    expect(queue.send).not.toHaveBeenCalled();
  });
});
