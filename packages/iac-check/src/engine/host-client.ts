// Parent side of the engine host: starts the child on first use, sends requests one at a time,
// bounds each by a timeout and replaces a child that timed out or crashed, so one hanging app
// cannot take the rest of the run with it.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { EngineRequest, EngineResponse, EngineResult } from "./protocol.js";

export const DUMMY_ACCOUNT = "123456789012";
export const DUMMY_REGION = "us-east-1";

export class EngineTimeoutError extends Error {}
export class EngineCrashError extends Error {}

const BUILT_IN_HOST = fileURLToPath(new URL("./host.js", import.meta.url));
let hostFile = BUILT_IN_HOST;

/**
 * Forks `file` as the engine host instead of dist/engine/host.js, for a program that bundles
 * iac-check into one file and builds its own host speaking ./protocol.ts (the skill's
 * security-check script). Takes effect for the next host started; no file restores the built-in host.
 */
export function setEngineHostFile(file?: string): void {
  hostFile = file ?? BUILT_IN_HOST;
}

/** Loading aws-cdk-lib, cdk-nag and tsx is iac-check's own cost, bounded separately from --timeout. */
const STARTUP_TIMEOUT_MS = 300_000;
/** How long a closing host may take to exit after the disconnect before it is killed. */
const CLOSE_GRACE_MS = 5_000;

interface Host {
  process: ChildProcess;
  ready: Promise<void>;
}

let child: Host | undefined;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();
let stderrTail = "";

function startHost(): Host {
  stderrTail = "";
  const started = fork(hostFile, [], {
    // --liftoff-only: the CloudFormation validation engine is 9 MB of WebAssembly; V8's optimizing
    // tier recompiling it in the background cost about 4 CPU-seconds per host and ran no faster
    // (a 460-resource template validated in 0.7 s with the baseline compiler alone, 2.9 s without).
    // --single-threaded-gc: while the validation engine loads (its WebAssembly memory growing to
    // ~160 MB), V8 runs about 150 full GCs, pressed by that external memory rather than by the JS
    // heap; their helper threads cost more CPU than they saved: a two-template run took about
    // 6.5 CPU-s with them off, 12.5 s with them on; four CDK apps 18-21 s against 25.5 s.
    execArgv: ["--enable-source-maps", "--max-old-space-size=4096", "--liftoff-only", "--single-threaded-gc"],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: {
      ...process.env,
      // Deprecated APIs are failures, not warnings: jsii's runtime checks and CDK's own.
      JSII_DEPRECATED: "fail",
      CDK_BLOCK_DEPRECATIONS: "1",
      CDK_DEFAULT_ACCOUNT: DUMMY_ACCOUNT,
      CDK_DEFAULT_REGION: DUMMY_REGION,
      AWS_REGION: DUMMY_REGION,
      CDK_DISABLE_VERSION_CHECK: "1",
      CDK_DISABLE_CLI_TELEMETRY: "true",
    },
  });
  // What the apps print is theirs, not ours: keep only a tail for crash messages.
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      started.kill("SIGKILL");
      reject(new EngineCrashError(`the engine process did not start within ${STARTUP_TIMEOUT_MS / 1000} s`));
    }, STARTUP_TIMEOUT_MS);
    started.on("message", (message: { ready?: boolean }) => {
      if (message.ready) {
        clearTimeout(timer);
        resolve();
      }
    });
    started.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new EngineCrashError(`the engine process exited (${signal ?? `code ${code}`}) while starting; its last output: ${stderrTail.trim().slice(-1500) || "(none)"}`));
    });
  });
  ready.catch(() => undefined);
  started.stdout?.resume();
  started.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  // Never keep iac-check alive just for an idle host.
  started.unref();
  started.channel?.unref();
  (started.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (started.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  return { process: started, ready };
}

/** Sends one request; requests are serialized because the host serves one app at a time. */
export function requestEngine(request: EngineRequest, timeoutMs: number): Promise<EngineResult> {
  const run = queue.then(() => send(request, timeoutMs));
  queue = run.catch(() => undefined);
  return run;
}

function isRunning(host: Host | undefined): host is Host {
  return host !== undefined && host.process.exitCode === null && host.process.signalCode === null;
}

async function send(request: EngineRequest, timeoutMs: number): Promise<EngineResult> {
  if (!isRunning(child)) child = startHost();
  const { process: host, ready } = child;
  // --timeout bounds the app or template, not the host's start: the clock starts once it is ready.
  host.channel?.ref();
  await ready;
  const id = nextId++;
  return new Promise<EngineResult>((resolve, reject) => {
    const finish = (): void => {
      clearTimeout(timer);
      host.off("message", onMessage);
      host.off("exit", onExit);
      host.channel?.unref();
    };
    const onMessage = (message: EngineResponse | { ready: true }): void => {
      if (!("id" in message) || message.id !== id) return;
      finish();
      if (message.ok) resolve(message.result);
      else reject(new Error(message.error));
    };
    const onExit = (code: number | null, signal: string | null): void => {
      finish();
      child = undefined;
      reject(new EngineCrashError(`the engine process exited (${signal ?? `code ${code}`}) while checking; its last output: ${stderrTail.trim().slice(-1500) || "(none)"}`));
    };
    const timer = setTimeout(() => {
      finish();
      // A busy loop cannot be interrupted any other way; the next request starts a fresh host.
      host.kill("SIGKILL");
      child = undefined;
      reject(new EngineTimeoutError(`did not finish within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    host.on("message", onMessage);
    host.on("exit", onExit);
    host.send({ id, request });
  });
}

/** Starts the host now, so aws-cdk-lib loads while the caller type-checks. */
export function warmEngine(): void {
  if (!isRunning(child)) child = startHost();
}

/**
 * Lets the host finish and waits for it (bounded), so it never outlives iac-check and its CPU time
 * is accounted to iac-check's process (the benchmark measures that).
 */
export async function closeEngine(): Promise<void> {
  const host = child;
  child = undefined;
  if (!isRunning(host)) return;
  const exited = new Promise<void>((resolve) => host.process.once("exit", () => resolve()));
  // The host's handle is unref'd (an idle host must not keep iac-check alive), so while we wait
  // for its exit it must count again: a host can take seconds to exit on a loaded machine, and
  // once the kill timer below has fired nothing else is left, so Node would end the run here
  // with main() unfinished and the results unprinted (exit 0, nothing on stdout).
  host.process.ref();
  host.process.disconnect();
  const timer = setTimeout(() => host.process.kill("SIGKILL"), CLOSE_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Stops the host at once. */
export function stopEngine(): void {
  child?.process.kill("SIGKILL");
  child = undefined;
}
