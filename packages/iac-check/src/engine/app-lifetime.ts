// Runs one app's entry inside the long-lived engine host the way `node` would run it alone:
//
// - to completion: `cdk synth` synthesizes when the process has nothing left to do (its
//   beforeExit), so an `async main()` that builds its stacks after an `await` gets them built.
//   Here the host never runs out of work (it waits for the next request), so the app's own
//   pending work is tracked instead: every timer, file or network request its code starts, with
//   async_hooks, and synthesis waits until none is left (the parent's --timeout bounds the wait);
// - on its own: a promise the app leaves rejected, or an exception thrown from one of its
//   callbacks, is charged to the app whose code created it (AsyncLocalStorage follows the app's
//   callbacks and promises), never to whichever app happens to run when it surfaces. Node would
//   end the process on it; the host must survive it.
import { AsyncLocalStorage, createHook } from "node:async_hooks";

export interface AppRun {
  id: number;
  /** Errors the app raised asynchronously (rejections nobody handled, exceptions in callbacks). */
  asyncErrors: { kind: "rejection" | "exception"; error: unknown }[];
}

const currentRun = new AsyncLocalStorage<AppRun>();
/** Which run created each promise, so a late rejection is charged to its own app. */
const promiseOwners = new WeakMap<object, AppRun>();
/** Handles that keep a plain `node` process alive (timers, requests, sockets), per run. */
const pending = new Map<number, { run: AppRun; resource: unknown }>();

/**
 * The async resource types that keep Node's event loop alive: timers, immediates, ticks, in-flight
 * file-system, DNS and network requests, sockets, servers, child processes, signals and workers.
 * Anything else (a directory handle from `opendirSync`, a FileHandle, zlib state, promises) lives
 * until garbage collection without keeping `node app.js` from exiting, so waiting on it would hang
 * synthesis: aws-cdk-lib's custom resource providers open such handles while staging their code.
 */
const KEEPS_PROCESS_ALIVE = new Set([
  "Timeout", "Immediate", "TickObject", "Microtask",
  "FSREQCALLBACK", "FSREQPROMISE", "FSEVENTWRAP", "STATWATCHER",
  "GETADDRINFOREQWRAP", "GETNAMEINFOREQWRAP", "QUERYWRAP",
  "TCPWRAP", "TCPSERVERWRAP", "TCPCONNECTWRAP", "PIPEWRAP", "PIPESERVERWRAP", "PIPECONNECTWRAP",
  "UDPWRAP", "UDPSENDWRAP", "TLSWRAP", "WRITEWRAP", "SHUTDOWNWRAP", "HTTPCLIENTREQUEST",
  "PROCESSWRAP", "SIGNALWRAP", "WORKER", "MESSAGEPORT",
]);
let nextRunId = 1;

// Resources the host creates for itself while waiting are not the app's.
let ownWork = false;
const hook = createHook({
  init(asyncId, type, _triggerAsyncId, resource) {
    if (ownWork) return;
    const run = currentRun.getStore();
    if (!run) return;
    if (type === "PROMISE") promiseOwners.set(resource as object, run);
    else if (KEEPS_PROCESS_ALIVE.has(type)) pending.set(asyncId, { run, resource });
  },
  destroy(asyncId) {
    pending.delete(asyncId);
  },
  promiseResolve() {
    /* settling is enough; promises never keep a process alive */
  },
});

process.on("unhandledRejection", (reason, promise) => {
  const run = promiseOwners.get(promise) ?? currentRun.getStore();
  if (run) run.asyncErrors.push({ kind: "rejection", error: reason });
  else process.stderr.write(`iac-check engine: a promise was rejected outside any app: ${String(reason)}\n`);
});
process.on("uncaughtException", (error) => {
  const run = currentRun.getStore();
  if (run) run.asyncErrors.push({ kind: "exception", error });
  else {
    // Not the app's: a bug in the host itself. End as Node would; the parent reports the crash.
    process.stderr.write(`iac-check engine: ${error.stack ?? String(error)}\n`);
    process.exit(70);
  }
});

/** Runs `body` (the app's import) as one app: everything it starts is tracked as that app's. */
export async function runAsApp<T>(body: () => Promise<T>): Promise<{ run: AppRun; result: T }> {
  const run: AppRun = { id: nextRunId++, asyncErrors: [] };
  hook.enable();
  try {
    const result = await currentRun.run(run, body);
    await waitForPendingWork(run);
    return { run, result };
  } finally {
    hook.disable();
    for (const [asyncId, entry] of pending) if (entry.run === run) pending.delete(asyncId);
  }
}

/** Work still pending for this run that would keep `node app.js` from exiting (unref'd timers do not). */
function hasPendingWork(run: AppRun): boolean {
  for (const entry of pending.values()) {
    if (entry.run !== run) continue;
    const handle = entry.resource as { hasRef?: () => boolean };
    if (typeof handle.hasRef === "function" && !handle.hasRef()) continue;
    return true;
  }
  return false;
}

/** Yields to the event loop until the app has no pending work left for two turns in a row. */
async function waitForPendingWork(run: AppRun): Promise<void> {
  let idleTurns = 0;
  while (idleTurns < 2) {
    await turn(hasPendingWork(run) ? 5 : 0);
    idleTurns = hasPendingWork(run) ? 0 : idleTurns + 1;
  }
}

function turn(delayMs: number): Promise<void> {
  ownWork = true;
  try {
    return new Promise((resolve) => (delayMs === 0 ? setImmediate(resolve) : setTimeout(resolve, delayMs)));
  } finally {
    ownWork = false;
  }
}

/** Runs `body` in the app's context again (its beforeExit hooks: they are its code too). */
export function inApp<T>(run: AppRun, body: () => T): T {
  hook.enable();
  try {
    return currentRun.run(run, body);
  } finally {
    hook.disable();
  }
}
