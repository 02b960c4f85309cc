// The shared engine: `iac-check-share` starts it (node dist/shared/server.js <socket>) when the
// first iac-check of its run connects, and ends it when the run ends (its stdin closes). It keeps
// one engine host (aws-cdk-lib, cdk-nag and the 9 MB validation engine, ~7 CPU-s to start) and one
// TypeScript 7 compiler (aws-cdk-lib's declarations parsed once) for every check task of the run,
// and serves them exactly as an iac-check serves itself: the same host code, the same timeouts.
import { appendFileSync, readFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { closeEngine, EngineCrashError, EngineTimeoutError, requestEngine, warmEngine } from "../engine/host-client.js";
import type { SharedRequest, SharedResponse } from "./protocol.js";
import { typeCheckLimitMs, TypeScriptWorker } from "../cdk/typescript-worker.js";

const socketPath = process.argv[2];
if (!socketPath) {
  process.stderr.write("usage: node dist/shared/server.js <socket path> (iac-check-share starts it)\n");
  process.exit(2);
}

const typescript = new TypeScriptWorker();
// Engine requests run one at a time: a host is (re)started for the environment its request came with.
let engineQueue: Promise<unknown> = Promise.resolve();
let hostEnvironment: string | undefined;
// Requests carry no PATH (each app's synthesis brings its own): the host starts with this one.
const serverPath = process.env.PATH;
// Read now: process.env becomes each host's environment (useEnvironment).
const cpuLogFile = process.env.VERIFY_BENCH_CPU_LOG;

async function useEnvironment(env: Record<string, string>): Promise<void> {
  const key = JSON.stringify(env);
  if (key === hostEnvironment) return;
  // A task with another environment (CDK_VALIDATION, JSII_*, the app's own variables) gets a host
  // started with its own, as its own iac-check would have: never checks under another's settings.
  if (hostEnvironment !== undefined) {
    const before = JSON.parse(hostEnvironment) as Record<string, string>;
    const differing = [...new Set([...Object.keys(before), ...Object.keys(env)])].filter((name) => before[name] !== env[name]).sort();
    process.stderr.write(`iac-check shared engine: a check with another environment (${differing.join(", ")}): restarting the engine host for it\n`);
    await closeEngine();
  }
  for (const name of Object.keys(process.env)) delete process.env[name];
  Object.assign(process.env, serverPath === undefined ? {} : { PATH: serverPath }, env);
  hostEnvironment = key;
}

function onEngine<T>(work: () => Promise<T>): Promise<T> {
  const run = engineQueue.then(work);
  engineQueue = run.catch(() => undefined);
  return run;
}

async function handle(request: SharedRequest): Promise<SharedResponse> {
  try {
    switch (request.kind) {
      case "warm":
        await onEngine(async () => {
          await useEnvironment(request.env);
          warmEngine();
        });
        return { id: request.id, ok: true };
      case "engine": {
        // The timeout starts when the host takes the request (host-client), as in iac-check itself.
        const result = await onEngine(async () => {
          await useEnvironment(request.env);
          return requestEngine(request.request, request.timeoutMs);
        });
        return { id: request.id, ok: true, engine: result };
      }
      case "typecheck":
        return { id: request.id, ok: true, typecheck: await typescript.check(request.apps, request.baseDir, typeCheckLimitMs(request.apps, request.timeoutMs)) };
    }
  } catch (error) {
    const failure = error instanceof EngineTimeoutError ? "timeout" : error instanceof EngineCrashError ? "crash" : "error";
    return { id: request.id, ok: false, failure, error: error instanceof Error ? error.message : String(error) };
  }
}

function serve(socket: Socket): void {
  let buffered = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      let request: SharedRequest;
      try {
        request = JSON.parse(line) as SharedRequest;
      } catch {
        socket.destroy();
        return;
      }
      void handle(request).then((response) => {
        if (!socket.destroyed) socket.write(JSON.stringify(response) + "\n");
      });
    }
  });
  // A client that went away (its task killed) leaves nothing behind: its answers are dropped.
  socket.on("error", () => undefined);
}

const server = createServer(serve);
server.on("error", (error) => {
  process.stderr.write(`iac-check shared engine: cannot listen on ${socketPath}: ${error.message}\n`);
  process.exit(1);
});
server.listen(socketPath, () => process.stdout.write("ready\n"));

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  server.close();
  await Promise.allSettled([typescript.close(), engineQueue.then(() => closeEngine())]);
  logCpu();
  process.exit(0);
}
// The run is over when iac-check-share closes our stdin (also when it died: no orphaned engine).
process.stdin.on("end", () => void stop());
process.stdin.on("error", () => void stop());
process.stdin.resume();
process.on("SIGTERM", () => void stop());

/**
 * The bench counts each task's CPU from a line its script shell writes; this process serves every
 * check task and is no task's child, so it writes its own line: its CPU and its reaped children's
 * (the engine host, the compiler), from /proc on Linux, its own alone elsewhere.
 */
function logCpu(): void {
  const log = cpuLogFile;
  if (!log) return;
  let user = process.cpuUsage().user / 1e6;
  let system = process.cpuUsage().system / 1e6;
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    // utime, stime, cutime, cstime: fields 14-17 of proc(5), in clock ticks (100 a second on Linux).
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number) as [number, number, number, number];
    user = (utime + cutime) / 100;
    system = (stime + cstime) / 100;
  } catch {
    // Not Linux: own CPU only.
  }
  const bash = (seconds: number) => `${Math.floor(seconds / 60)}m${(seconds % 60).toFixed(3)}s`;
  appendFileSync(log, `@aws-patterns/iac-check\tshared-engine\t${bash(user)} ${bash(system)}\n`);
}
