// HTTP API (payload 2.0) handler: create, read, list and delete items in DynamoDB.
// The AWS SDK for JavaScript v3 ships with the nodejs24.x runtime, so the zip holds only this file.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";

const table = process.env.TABLE_NAME;
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const reply = (statusCode, body) => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: body === undefined ? "" : JSON.stringify(body),
});

export const handler = async (event) => {
  const id = event.pathParameters?.id;
  switch (event.routeKey) {
    case "GET /items": {
      const page = await db.send(new ScanCommand({ TableName: table, Limit: 100 }));
      return reply(200, { items: page.Items ?? [] });
    }
    case "POST /items": {
      let input;
      try {
        input = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString() : (event.body ?? ""));
      } catch {
        return reply(400, { message: "body must be JSON" });
      }
      if (typeof input?.name !== "string" || input.name.length === 0 || input.name.length > 200) {
        return reply(400, { message: "name must be a string of 1-200 characters" });
      }
      const item = { id: randomUUID(), name: input.name, createdAt: new Date().toISOString() };
      await db.send(new PutCommand({ TableName: table, Item: item }));
      return reply(201, item);
    }
    case "GET /items/{id}": {
      const found = await db.send(new GetCommand({ TableName: table, Key: { id } }));
      return found.Item ? reply(200, found.Item) : reply(404, { message: `no item ${id}` });
    }
    case "DELETE /items/{id}": {
      await db.send(new DeleteCommand({ TableName: table, Key: { id } }));
      return reply(204);
    }
    default:
      return reply(404, { message: `no route ${event.routeKey}` });
  }
};
