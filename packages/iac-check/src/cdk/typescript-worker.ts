// Runs the strict type-check and the deprecated-API lint in a worker thread that keeps one
// TypeScript 7 session (one compiler process) across requests, so the main thread stays free to
// feed the engine host: synthesis and type-checking overlap. iac-check uses a worker for one
// request; the shared engine keeps one for every iac-check of a verify run.
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { TypeScriptSession, type TypeScriptApp, type TypeScriptResult } from "./typescript-check.js";

type WorkerRequest = { apps: TypeScriptApp[]; baseDir: string } | { close: true };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const session = new TypeScriptSession();
  port.on("message", (message: WorkerRequest) => {
    if ("close" in message) {
      void session.close().finally(() => port.close());
      return;
    }
    try {
      port.postMessage({ results: session.check(message.apps, message.baseDir) });
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}

/**
 * How long a type-check of `apps` may take: three times `timeoutMs` per app. A guard against a
 * compiler that never answers (the API is synchronous), not a budget: on a loaded machine parsing
 * aws-cdk-lib's declarations alone has taken minutes of wall time.
 */
export function typeCheckLimitMs(apps: readonly TypeScriptApp[], timeoutMs: number): number {
  return 3 * timeoutMs * Math.max(1, apps.length);
}

/** Type-checks all apps of one run in a worker of their own, bounded by typeCheckLimitMs. */
export async function checkTypeScriptInWorker(apps: TypeScriptApp[], timeoutMs: number): Promise<TypeScriptResult[]> {
  if (apps.length === 0) return [];
  const worker = new TypeScriptWorker();
  try {
    return await worker.check(apps, process.cwd(), typeCheckLimitMs(apps, timeoutMs));
  } finally {
    await worker.close();
  }
}

/** Type-checks requests one at a time in one worker; a request over its limit ends the worker (the next starts a new one). */
export class TypeScriptWorker {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  check(apps: TypeScriptApp[], baseDir: string, limitMs: number): Promise<TypeScriptResult[]> {
    const run = this.queue.then(() => this.run(apps, baseDir, limitMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private run(apps: TypeScriptApp[], baseDir: string, limitMs: number): Promise<TypeScriptResult[]> {
    const worker = (this.worker ??= new Worker(new URL(import.meta.url)));
    return new Promise<TypeScriptResult[]>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      const onMessage = (message: { results?: TypeScriptResult[]; error?: string }): void => {
        finish();
        if (message.results) resolve(message.results);
        else reject(new Error(message.error ?? "type-check failed"));
      };
      const onError = (error: Error): void => {
        finish();
        this.worker = undefined;
        reject(error);
      };
      const onExit = (code: number): void => {
        finish();
        this.worker = undefined;
        reject(new Error(`the type-check worker exited (code ${code}) before it answered`));
      };
      const timer = setTimeout(() => {
        finish();
        this.worker = undefined;
        void worker.terminate();
        reject(new Error(`the TypeScript compiler did not finish within ${Math.round(limitMs / 1000)} s (three times --timeout per app)`));
      }, limitMs);
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.postMessage({ apps, baseDir } satisfies WorkerRequest);
    });
  }

  /** Closes the compiler (waiting for it, so its CPU counts) and the worker; bounded. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage({ close: true } satisfies WorkerRequest);
    const timer = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
