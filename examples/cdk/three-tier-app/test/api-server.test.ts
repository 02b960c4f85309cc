import { once } from "node:events";
import { createServer as createTcpServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { canConnect, configFromEnv, createApiServer, route, type ApiConfig } from "../api/server.js";
import { inlineApiCommand } from "../lib/api-command.js";

const config: ApiConfig = { dbHost: "db.internal", dbPort: 5432, dbUser: "app_admin" };
const reachable = async () => true;
const unreachable = async () => false;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe("configFromEnv", () => {
  it("reads host, port and user, defaulting the port to 5432", () => {
    expect(configFromEnv({ DB_HOST: "h", DB_PORT: "6543", DB_USER: "u" })).toEqual({ dbHost: "h", dbPort: 6543, dbUser: "u" });
    expect(configFromEnv({})).toEqual({ dbHost: undefined, dbPort: 5432, dbUser: undefined });
    expect(configFromEnv({ DB_HOST: "", DB_PORT: "not a port" })).toEqual({ dbHost: undefined, dbPort: 5432, dbUser: undefined });
  });
});

describe("route", () => {
  it("answers the health check", async () => {
    expect(await route("GET", "/api/health", config, unreachable)).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("reports whether the database accepts connections, 503 when it does not, without the password", async () => {
    const seen: Array<[string, number]> = [];
    const ok = await route("GET", "/api/db?verbose=1", config, async (host, port) => (seen.push([host, port]), true));
    expect(seen).toEqual([["db.internal", 5432]]);
    expect(ok).toEqual({ status: 200, body: { database: { host: "db.internal", port: 5432, reachable: true, userInjected: true } } });
    expect((await route("GET", "/api/db", config, unreachable)).status).toBe(503);
    expect(await route("GET", "/api/db", { ...config, dbHost: undefined }, reachable)).toEqual({ status: 500, body: { error: "DB_HOST is not set" } });
  });

  it("rejects other paths with 404 and writes with 405", async () => {
    expect(await route("GET", "/api/nope", config, reachable)).toEqual({ status: 404, body: { error: "no route for /api/nope" } });
    expect(await route("POST", "/api/health", config, reachable)).toEqual({ status: 405, body: { error: "method not allowed" } });
  });
});

describe("canConnect", () => {
  it("is true for a listening port and false once nothing listens there", async () => {
    const listener = createTcpServer((socket) => socket.end());
    listener.listen(0, "127.0.0.1");
    await once(listener, "listening");
    const { port } = listener.address() as AddressInfo;
    expect(await canConnect("127.0.0.1", port, 2000)).toBe(true);
    listener.close();
    await once(listener, "close");
    expect(await canConnect("127.0.0.1", port, 2000)).toBe(false);
  });
});

describe("createApiServer", () => {
  it("serves JSON over HTTP with no-store caching", async () => {
    const server = createApiServer(config, reachable);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/api/db`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ database: { host: "db.internal", port: 5432, reachable: true, userInjected: true } });
  });
});

describe("inlineApiCommand", () => {
  it("bundles the entry into one `node -e` module with nothing CloudFormation would read as a parameter", () => {
    const entry = join(fileURLToPath(import.meta.url), "..", "..", "api", "main.ts");
    const [node, inputType, flag, code] = inlineApiCommand(entry, 24);
    expect([node, inputType, flag]).toEqual(["node", "--input-type=module", "-e"]);
    expect(code).toContain("node:http");
    expect(code).not.toContain("${");
  });
});
