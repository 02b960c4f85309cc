// The items API handler: one function for all five routes, dispatched on the route key.
import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { parseItemId, parseItemInput } from "./validate-item.js";

const tableName = process.env.TABLE_NAME;
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const PAGE_SIZE = 50;

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    switch (event.routeKey) {
      case "GET /items":
        return await listItems(event.queryStringParameters?.cursor);
      case "POST /items":
        return await createItem(event.body);
      case "GET /items/{id}":
        return await getItem(event.pathParameters?.id);
      case "PUT /items/{id}":
        return await updateItem(event.pathParameters?.id, event.body);
      case "DELETE /items/{id}":
        return await deleteItem(event.pathParameters?.id);
      default:
        return reply(404, { error: `no route ${event.routeKey}` });
    }
  } catch (error) {
    // Logged with the request id by Lambda's JSON logging; the caller gets no internals.
    console.error("unhandled error", error);
    return reply(500, { error: "internal error" });
  }
}

async function listItems(cursor: string | undefined): Promise<APIGatewayProxyStructuredResultV2> {
  let startKey: Record<string, unknown> | undefined;
  if (cursor !== undefined) {
    const id = parseItemId(Buffer.from(cursor, "base64url").toString());
    if (!id.ok) return reply(400, { error: "cursor is not valid" });
    startKey = { id: id.value };
  }
  const page = await documents.send(new ScanCommand({ TableName: tableName, Limit: PAGE_SIZE, ExclusiveStartKey: startKey }));
  const next = page.LastEvaluatedKey?.id;
  return reply(200, { items: page.Items ?? [], cursor: typeof next === "string" ? Buffer.from(next).toString("base64url") : undefined });
}

async function createItem(body: string | undefined): Promise<APIGatewayProxyStructuredResultV2> {
  const input = parseItemInput(body);
  if (!input.ok) return reply(400, { error: input.error });
  const now = new Date().toISOString();
  const item = { id: randomUUID(), ...input.value, createdAt: now, updatedAt: now };
  await documents.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: "attribute_not_exists(id)" }));
  return reply(201, item);
}

async function getItem(rawId: string | undefined): Promise<APIGatewayProxyStructuredResultV2> {
  const id = parseItemId(rawId);
  if (!id.ok) return reply(400, { error: id.error });
  const found = await documents.send(new GetCommand({ TableName: tableName, Key: { id: id.value } }));
  return found.Item ? reply(200, found.Item) : reply(404, { error: "item not found" });
}

async function updateItem(rawId: string | undefined, body: string | undefined): Promise<APIGatewayProxyStructuredResultV2> {
  const id = parseItemId(rawId);
  if (!id.ok) return reply(400, { error: id.error });
  const input = parseItemInput(body);
  if (!input.ok) return reply(400, { error: input.error });
  const existing = await documents.send(new GetCommand({ TableName: tableName, Key: { id: id.value } }));
  if (!existing.Item) return reply(404, { error: "item not found" });
  const item = { id: id.value, ...input.value, createdAt: existing.Item.createdAt, updatedAt: new Date().toISOString() };
  try {
    await documents.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: "attribute_exists(id)" }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return reply(404, { error: "item not found" });
    throw error;
  }
  return reply(200, item);
}

async function deleteItem(rawId: string | undefined): Promise<APIGatewayProxyStructuredResultV2> {
  const id = parseItemId(rawId);
  if (!id.ok) return reply(400, { error: id.error });
  await documents.send(new DeleteCommand({ TableName: tableName, Key: { id: id.value } }));
  return { statusCode: 204 };
}

function reply(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}
