// The consumer's contract: each message handled once, failures reported per message
// (ReportBatchItemFailures), poison messages moved to the dead-letter queue instead of retried.
import { ProvisionedThroughputExceededException, type AttributeValue } from "@aws-sdk/client-dynamodb";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createConsumeUploadHandler } from "../lambda/consume-upload.js";
import { fakeQueue, fakeTable } from "./fakes.js";

const deadLetterQueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/uploads-dlq";

function setup() {
  const table = fakeTable();
  const queue = fakeQueue();
  const consume = createConsumeUploadHandler({
    dynamodb: table.client,
    sqs: queue.client,
    tableName: "uploads",
    deadLetterQueueUrl,
    now: () => new Date("2026-11-26T06:01:00Z"),
  });
  return { table, queue, consume };
}

function message(key: string, objectVersion = "v1") {
  return { bucket: "upload-bucket", key, objectVersion, size: 10, etag: "e", uploadedAt: "2026-11-26T06:00:00Z" };
}

/** A metadata item as the processor leaves it. */
function recorded(table: ReturnType<typeof fakeTable>, key: string, extra: Record<string, AttributeValue> = {}) {
  table.items.set(`s3://upload-bucket/${key}#v1`, { objectId: { S: `s3://upload-bucket/${key}` }, objectVersion: { S: "v1" }, status: { S: "PUBLISHED" }, ...extra });
}

function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1795672800000", SenderId: "AROAEXAMPLE", ApproximateFirstReceiveTimestamp: "1795672800000" },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:eu-west-1:123456789012:uploads",
    awsRegion: "eu-west-1",
  };
}

const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

beforeEach(() => {
  for (const level of ["error", "warn"] as const) vi.spyOn(console, level).mockImplementation(() => undefined);
});

describe("consume-upload", () => {
  it("marks every message in a good batch consumed and reports no failures", async () => {
    const { table, consume } = setup();
    recorded(table, "uploads/a.csv");
    recorded(table, "uploads/b.csv");
    await expect(consume(batch(sqsRecord("m1", JSON.stringify(message("uploads/a.csv"))), sqsRecord("m2", JSON.stringify(message("uploads/b.csv")))))).resolves.toEqual({ batchItemFailures: [] });
    expect(table.item("s3://upload-bucket/uploads/a.csv", "v1")?.["consumedAt"]).toEqual({ S: "2026-11-26T06:01:00.000Z" });
    expect(table.item("s3://upload-bucket/uploads/b.csv", "v1")?.["consumedAt"]).toEqual({ S: "2026-11-26T06:01:00.000Z" });
  });

  it("reports exactly the message that failed transiently, so the queue redelivers only that one", async () => {
    const { table, queue, consume } = setup();
    for (const key of ["uploads/a.csv", "uploads/b.csv", "uploads/c.csv"]) recorded(table, key);
    table.failures.set("s3://upload-bucket/uploads/b.csv#v1", new ProvisionedThroughputExceededException({ message: "throttled", $metadata: {} }));

    const response = await consume(
      batch(sqsRecord("m1", JSON.stringify(message("uploads/a.csv"))), sqsRecord("m2", JSON.stringify(message("uploads/b.csv"))), sqsRecord("m3", JSON.stringify(message("uploads/c.csv")))),
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "m2" }] });
    expect(table.item("s3://upload-bucket/uploads/a.csv", "v1")?.["consumedAt"]).toBeDefined();
    expect(table.item("s3://upload-bucket/uploads/c.csv", "v1")?.["consumedAt"]).toBeDefined();
    expect(table.item("s3://upload-bucket/uploads/b.csv", "v1")?.["consumedAt"]).toBeUndefined();
    // A transient failure is left to the queue's retries, not moved to the dead-letter queue.
    expect(queue.send).not.toHaveBeenCalled();
  });

  it("treats a redelivered message as done: no failure, and the first consumedAt stays", async () => {
    const { table, consume } = setup();
    recorded(table, "uploads/a.csv", { consumedAt: { S: "2026-11-26T05:59:00.000Z" } });
    await expect(consume(batch(sqsRecord("m1", JSON.stringify(message("uploads/a.csv")))))).resolves.toEqual({ batchItemFailures: [] });
    expect(table.item("s3://upload-bucket/uploads/a.csv", "v1")?.["consumedAt"]).toEqual({ S: "2026-11-26T05:59:00.000Z" });
  });

  it.each([
    ["not json", "message body is not JSON"],
    [JSON.stringify({ ...message("uploads/a.csv"), objectVersion: 7 }), "objectVersion must be a non-empty string"],
    [JSON.stringify(message("uploads/never-recorded.csv")), "no metadata record for s3://upload-bucket/uploads/never-recorded.csv version v1"],
  ])("moves poison message %j to the dead-letter queue at once, with the reason, and does not report it", async (body, reason) => {
    const { table, queue, consume } = setup();
    recorded(table, "uploads/good.csv");
    const response = await consume(batch(sqsRecord("bad", body), sqsRecord("good", JSON.stringify(message("uploads/good.csv")))));
    expect(response).toEqual({ batchItemFailures: [] });
    expect(queue.sent()).toEqual([
      {
        QueueUrl: deadLetterQueueUrl,
        MessageBody: body,
        MessageAttributes: { poisonReason: { DataType: "String", StringValue: reason }, sourceMessageId: { DataType: "String", StringValue: "bad" } },
      },
    ]);
    expect(table.item("s3://upload-bucket/uploads/good.csv", "v1")?.["consumedAt"]).toBeDefined();
  });

  it("reports a poison message it could not move, so the redrive policy still catches it", async () => {
    const { queue, consume } = setup();
    queue.failNextSend(new Error("AccessDenied"));
    await expect(consume(batch(sqsRecord("bad", "not json")))).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: "bad" }] });
  });
});
