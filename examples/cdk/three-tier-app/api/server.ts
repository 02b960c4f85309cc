// The API tier's placeholder service: answers under /api/ (the path CloudFront routes to the ALB),
// reports its health to the target group, and checks that the database accepts TCP connections
// from the task (proving the security group chain CloudFront -> ALB -> task -> Aurora). Replace the
// container image with your own API; keep /api/health for the target group's health check.
import { createServer, type Server } from "node:http";
import { connect } from "node:net";

export interface ApiConfig {
  readonly dbHost: string | undefined;
  readonly dbPort: number;
  readonly dbUser: string | undefined;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Reads the task's settings; DB_USER comes from Secrets Manager through the task definition's `secrets`. */
export function configFromEnv(env: NodeJS.ProcessEnv): ApiConfig {
  const port = Number.parseInt(env.DB_PORT ?? "", 10);
  return { dbHost: env.DB_HOST || undefined, dbPort: Number.isInteger(port) && port > 0 ? port : 5432, dbUser: env.DB_USER || undefined };
}

/** Resolves true when a TCP connection to host:port opens within timeoutMs, false otherwise. */
export function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export type ConnectCheck = (host: string, port: number) => Promise<boolean>;

export async function route(method: string | undefined, url: string | undefined, config: ApiConfig, check: ConnectCheck): Promise<ApiResponse> {
  const path = new URL(url ?? "/", "http://localhost").pathname;
  if (method !== "GET" && method !== "HEAD") return { status: 405, body: { error: "method not allowed" } };
  if (path === "/api/health") return { status: 200, body: { status: "ok" } };
  if (path === "/api/db") {
    if (config.dbHost === undefined) return { status: 500, body: { error: "DB_HOST is not set" } };
    const reachable = await check(config.dbHost, config.dbPort);
    // The password stays in the process: only whether the user was injected is reported.
    return { status: reachable ? 200 : 503, body: { database: { host: config.dbHost, port: config.dbPort, reachable, userInjected: config.dbUser !== undefined } } };
  }
  // Plain concatenation: the bundle goes into a CloudFormation string, where "${" would read as a Fn::Sub parameter.
  return { status: 404, body: { error: "no route for " + path } };
}

export function createApiServer(config: ApiConfig, check: ConnectCheck = (host, port) => canConnect(host, port, 2000)): Server {
  return createServer((request, response) => {
    route(request.method, request.url, config, check).then(
      ({ status, body }) => {
        response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
        response.end(request.method === "HEAD" ? undefined : JSON.stringify(body));
      },
      () => {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: "internal error" }));
      },
    );
  });
}
