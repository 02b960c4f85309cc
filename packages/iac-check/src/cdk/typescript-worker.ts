// Runs the strict type-check and the deprecated-API lint in a worker thread, so the main thread
// stays free to feed the engine host: synthesis and type-checking of the apps overlap.
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { checkTypeScriptApps, type TypeScriptApp, type TypeScriptResult } from "./typescript-check.js";

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on("message", (apps: TypeScriptApp[]) => {
    checkTypeScriptApps(apps).then(
      (results) => port.postMessage({ results }),
      (error: unknown) => port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}

/**
 * Type-checks all apps in one worker (one TypeScript 7 process for all of them). The compiler API
 * is synchronous, so a compiler that never answers is bounded here: after three times `timeoutMs` per
 * app (a guard against a hung compiler, not a budget: on a loaded machine parsing aws-cdk-lib's
 * declarations alone has taken minutes of wall time) the
 * worker is terminated and the type-check fails with a message.
 */
export function checkTypeScriptInWorker(apps: TypeScriptApp[], timeoutMs: number): Promise<TypeScriptResult[]> {
  if (apps.length === 0) return Promise.resolve([]);
  const worker = new Worker(new URL(import.meta.url));
  let timer: NodeJS.Timeout | undefined;
  return new Promise<TypeScriptResult[]>((resolve, reject) => {
    const limitMs = 3 * timeoutMs * apps.length;
    timer = setTimeout(() => reject(new Error(`the TypeScript compiler did not finish within ${Math.round(limitMs / 1000)} s (three times --timeout per app)`)), limitMs);
    worker.once("message", (message: { results?: TypeScriptResult[]; error?: string }) => {
      if (message.results) resolve(message.results);
      else reject(new Error(message.error ?? "type-check failed"));
    });
    worker.once("error", reject);
    // A worker that ends without an answer (terminated, exited) must fail the type-check, not
    // leave it pending: a pending promise with nothing else to wait on ends the run silently.
    worker.once("exit", (code) => reject(new Error(`the type-check worker exited (code ${code}) before it answered`)));
    worker.postMessage(apps);
  }).finally(() => {
    clearTimeout(timer);
    void worker.terminate();
  });
}
