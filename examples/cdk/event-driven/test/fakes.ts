// Stand-ins for DynamoDB and SQS in the handlers' unit tests. The table keeps items in memory and
// evaluates the few condition expressions the handlers use the way DynamoDB does, throwing the
// SDK's own ConditionalCheckFailedException (with the old item when asked for ALL_OLD). Any other
// expression fails the test, so the fake cannot silently accept a condition it does not model.
import { type AttributeValue, ConditionalCheckFailedException, type DynamoDBClient, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { vi } from "vitest";

type Item = Record<string, AttributeValue>;

export function fakeTable() {
  const items = new Map<string, Item>();
  /** Set to make the next calls for a key fail with this error before anything is written. */
  const failures = new Map<string, Error>();
  const idOf = (key: Item) => `${key["objectId"]?.S}#${key["objectVersion"]?.S}`;

  const send = vi.fn(async (command: unknown): Promise<object> => {
    if (command instanceof PutItemCommand) {
      const item = command.input.Item ?? {};
      const id = idOf(item);
      throwIfFailing(id);
      const existing = items.get(id);
      checkCondition(command.input.ConditionExpression, existing, command.input.ReturnValuesOnConditionCheckFailure);
      items.set(id, { ...item });
      return {};
    }
    if (command instanceof UpdateItemCommand) {
      const id = idOf(command.input.Key ?? {});
      throwIfFailing(id);
      const existing = items.get(id);
      checkCondition(command.input.ConditionExpression, existing, command.input.ReturnValuesOnConditionCheckFailure);
      items.set(id, applySet(existing ?? { ...command.input.Key }, command.input.UpdateExpression, command.input.ExpressionAttributeNames, command.input.ExpressionAttributeValues));
      return {};
    }
    throw new Error(`fake table: unexpected command ${String(command?.constructor.name)}`);
  });

  function throwIfFailing(id: string) {
    const error = failures.get(id);
    if (error) throw error;
  }

  return {
    client: { send } as unknown as Pick<DynamoDBClient, "send">,
    send,
    items,
    failures,
    item: (objectId: string, objectVersion: string) => items.get(`${objectId}#${objectVersion}`),
    commands: <T>(type: new (...args: never[]) => T): T[] => send.mock.calls.map(([command]) => command).filter((command): command is T => command instanceof type),
  };
}

function checkCondition(expression: string | undefined, existing: Item | undefined, returnValues: string | undefined) {
  let holds: boolean;
  switch (expression) {
    case undefined:
      holds = true;
      break;
    case "attribute_not_exists(objectId)":
      holds = existing === undefined;
      break;
    case "attribute_exists(objectId) AND attribute_not_exists(consumedAt)":
      holds = existing !== undefined && existing["consumedAt"] === undefined;
      break;
    default:
      throw new Error(`fake table: condition not modelled: ${expression}`);
  }
  if (!holds) {
    throw new ConditionalCheckFailedException({
      message: "The conditional request failed",
      $metadata: {},
      ...(returnValues === "ALL_OLD" && existing ? { Item: { ...existing } } : {}),
    });
  }
}

function applySet(item: Item, expression: string | undefined, names: Record<string, string> = {}, values: Record<string, AttributeValue> = {}): Item {
  const match = /^SET (.+)$/.exec(expression ?? "");
  if (!match?.[1]) throw new Error(`fake table: update expression not modelled: ${expression}`);
  const updated = { ...item };
  for (const assignment of match[1].split(",")) {
    const [name, value] = assignment.split("=").map((part) => part.trim());
    const attribute = name?.startsWith("#") ? names[name] : name;
    const attributeValue = value ? values[value] : undefined;
    if (!attribute || !attributeValue) throw new Error(`fake table: cannot apply "${assignment}"`);
    updated[attribute] = attributeValue;
  }
  return updated;
}

export function fakeQueue() {
  let failNext: Error | undefined;
  const send = vi.fn(async (command: unknown): Promise<object> => {
    if (!(command instanceof SendMessageCommand)) throw new Error(`fake queue: unexpected command ${String(command?.constructor.name)}`);
    if (failNext) {
      const error = failNext;
      failNext = undefined;
      throw error;
    }
    return { MessageId: `message-${send.mock.calls.length}` };
  });
  return {
    client: { send } as unknown as Pick<SQSClient, "send">,
    send,
    /** The next send fails with this error. */
    failNextSend(error: Error) {
      failNext = error;
    },
    sent: () => send.mock.calls.map(([command]) => (command as SendMessageCommand).input),
  };
}

export function objectCreatedEvent(object: { key: string; versionId?: string; sequencer?: string; eventId?: string; size?: number }) {
  return {
    version: "0",
    id: object.eventId ?? "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "Object Created",
    source: "aws.s3",
    account: "123456789012",
    time: "2026-11-26T06:00:00Z",
    region: "eu-west-1",
    resources: ["arn:aws:s3:::upload-bucket"],
    detail: {
      version: "0",
      bucket: { name: "upload-bucket" },
      object: {
        key: object.key,
        size: object.size ?? 1024,
        etag: "d41d8cd98f00b204e9800998ecf8427e",
        ...(object.versionId === undefined ? {} : { "version-id": object.versionId }),
        sequencer: object.sequencer ?? "0062E99A88DC407460",
      },
      "request-id": "N4N7GDK58NMKJ12R",
      requester: "123456789012",
      reason: "PutObject",
    },
  };
}
