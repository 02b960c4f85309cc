// The processor: invoked asynchronously by the EventBridge rule for every object created under
// the upload prefix. It records the object's metadata once, then tells downstream consumers.
//
// S3 and EventBridge deliver at least once, so the same upload can arrive twice. The item is
// keyed by object and version and written with a condition, so a duplicate changes nothing. The
// item's status says whether the queue message went out: if a first attempt recorded the item but
// failed to send, the retry sends it (consumers are idempotent too, so a rare second message is
// harmless), and a duplicate of a published upload sends nothing.
//
// Errors: an event that is not an S3 Object Created event throws PoisonMessageError; anything else
// (throttling, timeouts, a failed send) is rethrown. Either way Lambda retries the invocation,
// then hands the event to the on-failure destination queue with the error.
import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { objectId, parseObjectCreatedEvent, type UploadedObject } from "./upload-event.js";

export interface RecordUploadDependencies {
  readonly dynamodb: Pick<DynamoDBClient, "send">;
  readonly sqs: Pick<SQSClient, "send">;
  readonly tableName: string;
  readonly queueUrl: string;
  readonly now?: () => Date;
}

export type RecordOutcome =
  /** First delivery: recorded and published. */
  | "recorded"
  /** Seen before and already published: nothing written, nothing sent. */
  | "duplicate"
  /** Recorded by an earlier attempt that failed before publishing: published now. */
  | "republished";

export interface RecordResult {
  readonly outcome: RecordOutcome;
  readonly objectId: string;
  readonly objectVersion: string;
}

export function createRecordUploadHandler(dependencies: RecordUploadDependencies) {
  const { dynamodb, sqs, tableName, queueUrl } = dependencies;
  const now = dependencies.now ?? (() => new Date());

  return async function recordUpload(event: unknown): Promise<RecordResult> {
    const object = parseObjectCreatedEvent(event);
    const key = { objectId: { S: objectId(object) }, objectVersion: { S: object.objectVersion } };

    const claim = await claimUpload(object);
    if (claim === "published") {
      console.info(JSON.stringify({ message: "duplicate upload event ignored", objectId: objectId(object), objectVersion: object.objectVersion }));
      return { outcome: "duplicate", objectId: objectId(object), objectVersion: object.objectVersion };
    }

    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(object) }));
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: "SET #status = :published, publishedAt = :now",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":published": { S: "PUBLISHED" }, ":now": { S: now().toISOString() } },
      }),
    );
    return { outcome: claim === "new" ? "recorded" : "republished", objectId: objectId(object), objectVersion: object.objectVersion };

    // The conditional put is the idempotency check: only the first delivery creates the item.
    async function claimUpload(uploaded: UploadedObject): Promise<"new" | "published" | "unpublished"> {
      try {
        await dynamodb.send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              ...key,
              bucket: { S: uploaded.bucket },
              key: { S: uploaded.key },
              size: { N: String(uploaded.size) },
              etag: { S: uploaded.etag },
              uploadedAt: { S: uploaded.uploadedAt },
              recordedAt: { S: now().toISOString() },
              status: { S: "RECORDED" },
            },
            ConditionExpression: "attribute_not_exists(objectId)",
            // The existing item comes back with the failure: no second read to learn its status.
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          }),
        );
        return "new";
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return error.Item?.["status"]?.S === "PUBLISHED" ? "published" : "unpublished";
      }
    }
  };
}

export const handler = createRecordUploadHandler({
  dynamodb: new DynamoDBClient({}),
  sqs: new SQSClient({}),
  tableName: process.env.TABLE_NAME ?? "",
  queueUrl: process.env.QUEUE_URL ?? "",
});
