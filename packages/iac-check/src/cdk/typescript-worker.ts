// Runs the strict type-check and the deprecated-API lint in a worker thread, so the main thread
// stays free to feed the engine host: synthesis and type-checking of the apps overlap.
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { checkTypeScriptApps, type TypeScriptApp, type TypeScriptResult } from "./typescript-check.js";

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on("message", (apps: TypeScriptApp[]) => {
    try {
      port.postMessage({ results: checkTypeScriptApps(apps) });
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}

/** Type-checks all apps in one worker: one TypeScript, one Program per set of compiler options. */
export function checkTypeScriptInWorker(apps: TypeScriptApp[]): Promise<TypeScriptResult[]> {
  if (apps.length === 0) return Promise.resolve([]);
  const worker = new Worker(new URL(import.meta.url));
  return new Promise<TypeScriptResult[]>((resolve, reject) => {
    worker.once("message", (message: { results?: TypeScriptResult[]; error?: string }) => {
      if (message.results) resolve(message.results);
      else reject(new Error(message.error ?? "type-check failed"));
    });
    worker.once("error", reject);
    // A worker that ends without an answer (terminated, exited) must fail the type-check, not
    // leave it pending: a pending promise with nothing else to wait on ends the run silently.
    worker.once("exit", (code) => reject(new Error(`the type-check worker exited (code ${code}) before it answered`)));
    worker.postMessage(apps);
  }).finally(() => void worker.terminate());
}
