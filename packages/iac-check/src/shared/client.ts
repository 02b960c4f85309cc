// iac-check's side of the shared engine. With IAC_CHECK_SHARED_ENGINE set (by iac-check-share, for
// the check tasks of a verify run), the engine requests and the type-check of this run go to the
// shared engine instead of a host and a compiler of this process's own. Anything that goes wrong
// with the shared engine itself (not there, gone mid-run) falls back to checking in this process:
// the findings are the same either way, only the cost differs.
import { createConnection, type Socket } from "node:net";
import type { TypeScriptApp, TypeScriptResult } from "../cdk/typescript-check.js";
import { checkTypeScriptInWorker, typeCheckLimitMs } from "../cdk/typescript-worker.js";
import { closeEngine, EngineCrashError, EngineTimeoutError, requestEngine, warmEngine } from "../engine/host-client.js";
import type { EngineRequest, EngineResult } from "../engine/protocol.js";
import { checkEnvironment, SHARED_ENGINE_ENV, type SharedRequest, type SharedResponse } from "./protocol.js";

/** Beyond --timeout, how long a request may wait for the shared engine's other clients (a guard, not a budget). */
const QUEUE_GUARD_MS = 30 * 60_000;

class SharedEngineUnavailable extends Error {}

type Unsent = SharedRequest extends infer R ? (R extends SharedRequest ? Omit<R, "id"> : never) : never;
type Pending = { resolve: (response: SharedResponse) => void; reject: (error: Error) => void };

class SharedEngineClient {
  private socket: Socket | undefined;
  private connected: Promise<Socket> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private broken = false;

  constructor(private readonly address: string) {}

  get usable(): boolean {
    return !this.broken;
  }

  private connect(): Promise<Socket> {
    this.connected ??= new Promise<Socket>((resolve, reject) => {
      const socket = createConnection(this.address);
      let buffered = "";
      socket.setEncoding("utf8");
      socket.once("connect", () => {
        this.socket = socket;
        resolve(socket);
      });
      socket.on("data", (chunk: string) => {
        buffered += chunk;
        for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
          let response: SharedResponse;
          try {
            response = JSON.parse(buffered.slice(0, end)) as SharedResponse;
          } catch {
            socket.destroy();
            return;
          }
          buffered = buffered.slice(end + 1);
          this.pending.get(response.id)?.resolve(response);
          this.pending.delete(response.id);
          if (this.pending.size === 0) socket.unref();
        }
      });
      const fail = (why: string): void => {
        this.broken = true;
        reject(new SharedEngineUnavailable(why));
        for (const waiting of this.pending.values()) waiting.reject(new SharedEngineUnavailable(why));
        this.pending.clear();
      };
      socket.on("error", (error) => fail(error.message));
      socket.on("close", () => fail("the shared engine closed the connection"));
    });
    return this.connected;
  }

  async send(request: Unsent, limitMs: number): Promise<SharedResponse> {
    const socket = await this.connect();
    const id = this.nextId++;
    return new Promise<SharedResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new EngineCrashError(`the shared engine did not answer within ${Math.round(limitMs / 1000)} s`));
      }, limitMs);
      this.pending.set(id, {
        resolve: (response) => {
          clearTimeout(timer);
          resolve(response);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      socket.ref();
      socket.write(JSON.stringify({ ...request, id }) + "\n");
    });
  }

  close(): void {
    this.socket?.destroy();
  }
}

let client: SharedEngineClient | undefined;
let warned = false;

function shared(): SharedEngineClient | undefined {
  const address = process.env[SHARED_ENGINE_ENV];
  if (!address) return undefined;
  client ??= new SharedEngineClient(address);
  return client.usable ? client : undefined;
}

function fallBack(error: SharedEngineUnavailable): void {
  if (warned) return;
  warned = true;
  process.stderr.write(`iac-check: the shared engine (${SHARED_ENGINE_ENV}=${process.env[SHARED_ENGINE_ENV]}) is not available (${error.message}): checking in this process\n`);
}

/**
 * The environment this process's engine host would have had, but PATH: pnpm gives each package's
 * scripts its own node_modules/.bin first, so PATH goes with each app's synthesis instead of
 * deciding which host serves it.
 */
function hostEnvironment(): { env: Record<string, string>; path: string | undefined } {
  const { PATH: path, ...env } = checkEnvironment(process.env);
  return { env, path };
}

function rethrow(response: Extract<SharedResponse, { ok: false }>): never {
  if (response.failure === "timeout") throw new EngineTimeoutError(response.error);
  if (response.failure === "crash") throw new EngineCrashError(response.error);
  throw new Error(response.error);
}

/** Starts loading the engine (shared or own) while the caller does other work. */
export function warmCheckEngine(): void {
  // Nothing waits for it: a failure of the shared engine itself shows again at the first request.
  void sharedOrLocal(
    async (engine) => void (await engine.send({ kind: "warm", env: hostEnvironment().env }, QUEUE_GUARD_MS)),
    async () => warmEngine(),
  ).catch(() => undefined);
}

/** `ask` on the shared engine when there is one; `local` when there is none, or it went away. */
async function sharedOrLocal<T>(ask: (engine: SharedEngineClient) => Promise<T>, local: () => Promise<T>): Promise<T> {
  const engine = shared();
  if (engine) {
    try {
      return await ask(engine);
    } catch (error) {
      if (!(error instanceof SharedEngineUnavailable)) throw error;
      fallBack(error);
    }
  }
  return local();
}

/** One app or template through the engine host: the shared one, or this process's own. */
export function checkInEngine(request: EngineRequest, timeoutMs: number): Promise<EngineResult> {
  return sharedOrLocal(
    async (engine) => {
      const { env, path } = hostEnvironment();
      const sent: EngineRequest = request.kind === "synth-app" && path !== undefined ? { ...request, path } : request;
      const response = await engine.send({ kind: "engine", request: sent, timeoutMs, env }, timeoutMs + QUEUE_GUARD_MS);
      if (!response.ok) rethrow(response);
      return response.engine!;
    },
    () => requestEngine(request, timeoutMs),
  );
}

/** The strict type-check of a run's apps: in the shared compiler, or in a worker of this process. */
export function typeCheckApps(apps: TypeScriptApp[], timeoutMs: number): Promise<TypeScriptResult[]> {
  if (apps.length === 0) return Promise.resolve([]);
  return sharedOrLocal(
    async (engine) => {
      const response = await engine.send({ kind: "typecheck", apps, baseDir: process.cwd(), timeoutMs }, typeCheckLimitMs(apps, timeoutMs) + QUEUE_GUARD_MS);
      if (!response.ok) rethrow(response);
      return response.typecheck!;
    },
    () => checkTypeScriptInWorker(apps, timeoutMs),
  );
}

/** Ends this run's use of the engine: closes its own host, or its connection to the shared one. */
export async function closeCheckEngine(): Promise<void> {
  client?.close();
  await closeEngine();
}
