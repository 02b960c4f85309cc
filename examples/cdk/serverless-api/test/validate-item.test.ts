import { describe, expect, it } from "vitest";
import { parseItemId, parseItemInput } from "../lambda/validate-item.js";

describe("parseItemInput", () => {
  it("accepts a name and an optional description, trimming the name", () => {
    expect(parseItemInput('{"name":"  lamp  "}')).toEqual({ ok: true, value: { name: "lamp" } });
    expect(parseItemInput('{"name":"lamp","description":"a desk lamp"}')).toEqual({ ok: true, value: { name: "lamp", description: "a desk lamp" } });
  });

  it.each([
    [undefined, "request body is required"],
    ["not json", "request body is not valid JSON"],
    ["[1]", "request body must be a JSON object"],
    ['{"name":"x","price":3}', "unknown field(s): price"],
    ['{"name":""}', "name must be a string of 1 to 200 characters"],
    [JSON.stringify({ name: "x".repeat(201) }), "name must be a string of 1 to 200 characters"],
    ['{"name":"x","description":7}', "description must be a string of at most 2000 characters"],
    [JSON.stringify({ name: "x", description: "y".repeat(17_000) }), "request body is larger than 16384 bytes"],
  ])("rejects %j with %s", (body, error) => {
    expect(parseItemInput(body)).toEqual({ ok: false, error });
  });
});

describe("parseItemId", () => {
  it("accepts UUIDs only", () => {
    expect(parseItemId("0b7f3a2c-5d1e-4f6a-9b8c-7d6e5f4a3b2c").ok).toBe(true);
    expect(parseItemId("../etc/passwd")).toEqual({ ok: false, error: "id must be a UUID" });
    expect(parseItemId(undefined).ok).toBe(false);
  });
});
