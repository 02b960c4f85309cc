// A downstream consumer: reads upload messages from the queue in batches and marks each upload
// consumed. Replace markConsumed with your own work; keep a conditional write as its first step so
// a message delivered twice is handled once.
//
// Failures are per message (ReportBatchItemFailures): the handler returns the ids of the messages
// that failed and the queue deletes the rest.
// - A transient failure (throttling, a timeout) is reported; the queue makes the message visible
//   again after the visibility timeout and, after maxReceiveCount receives, moves it to the
//   dead-letter queue.
// - A poison message (not JSON, missing fields, no metadata record) can never succeed: it is sent
//   to the dead-letter queue at once, with the reason, and not reported, so the queue deletes it
//   instead of receiving it again. If that send fails, it is reported like a transient failure.
import { ConditionalCheckFailedException, DynamoDBClient, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { objectId, parseUploadedObjectMessage, PoisonMessageError } from "./upload-event.js";

export interface ConsumeUploadDependencies {
  readonly dynamodb: Pick<DynamoDBClient, "send">;
  readonly sqs: Pick<SQSClient, "send">;
  readonly tableName: string;
  readonly deadLetterQueueUrl: string;
  readonly now?: () => Date;
}

export function createConsumeUploadHandler(dependencies: ConsumeUploadDependencies) {
  const { dynamodb, sqs, tableName, deadLetterQueueUrl } = dependencies;
  const now = dependencies.now ?? (() => new Date());

  async function markConsumed(record: SQSRecord): Promise<void> {
    const object = parseUploadedObjectMessage(record.body);
    try {
      await dynamodb.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { objectId: { S: objectId(object) }, objectVersion: { S: object.objectVersion } },
          UpdateExpression: "SET consumedAt = :now",
          ConditionExpression: "attribute_exists(objectId) AND attribute_not_exists(consumedAt)",
          ExpressionAttributeValues: { ":now": { S: now().toISOString() } },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Consumed before: a redelivery, done. No item at all: the processor never recorded it.
      if (error.Item === undefined) throw new PoisonMessageError(`no metadata record for ${objectId(object)} version ${object.objectVersion}`);
    }
  }

  async function handleRecord(record: SQSRecord): Promise<SQSBatchItemFailure | undefined> {
    try {
      await markConsumed(record);
      return undefined;
    } catch (error) {
      if (error instanceof PoisonMessageError) {
        try {
          await sqs.send(
            new SendMessageCommand({
              QueueUrl: deadLetterQueueUrl,
              MessageBody: record.body,
              MessageAttributes: {
                poisonReason: { DataType: "String", StringValue: error.message },
                sourceMessageId: { DataType: "String", StringValue: record.messageId },
              },
            }),
          );
          console.error(JSON.stringify({ message: "poison message moved to the dead-letter queue", messageId: record.messageId, reason: error.message }));
          return undefined;
        } catch (sendError) {
          console.error(JSON.stringify({ message: "could not move a poison message; the queue will redeliver it", messageId: record.messageId, error: String(sendError) }));
          return { itemIdentifier: record.messageId };
        }
      }
      console.warn(JSON.stringify({ message: "message failed; the queue will redeliver it", messageId: record.messageId, error: String(error) }));
      return { itemIdentifier: record.messageId };
    }
  }

  return async function consumeUploads(event: SQSEvent): Promise<SQSBatchResponse> {
    const results = await Promise.all(event.Records.map(handleRecord));
    return { batchItemFailures: results.filter((failure): failure is SQSBatchItemFailure => failure !== undefined) };
  };
}

export const handler = createConsumeUploadHandler({
  dynamodb: new DynamoDBClient({}),
  sqs: new SQSClient({}),
  tableName: process.env.TABLE_NAME ?? "",
  deadLetterQueueUrl: process.env.DEAD_LETTER_QUEUE_URL ?? "",
});
