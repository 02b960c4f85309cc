// Runs the strict type-check and the deprecated-API lint in a worker thread, so the main thread
// stays free to feed the engine host: synthesis and type-checking of the apps overlap.
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { checkTypeScript, type TypeScriptResult } from "./typescript-check.js";

interface Job {
  id: number;
  appDir: string;
  entryFile: string;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on("message", (job: Job) => {
    try {
      port.postMessage({ id: job.id, result: checkTypeScript(job.appDir, job.entryFile) });
    } catch (error) {
      port.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}

/** Type-checks apps one after another in one worker (one TypeScript, one cache of aws-cdk-lib's declarations). */
export class TypeScriptChecker {
  private readonly worker = new Worker(new URL(import.meta.url));
  private readonly pending = new Map<number, { resolve: (r: TypeScriptResult) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor() {
    this.worker.on("message", (message: { id: number; result?: TypeScriptResult; error?: string }) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.result) waiting?.resolve(message.result);
      else waiting?.reject(new Error(message.error ?? "type-check failed"));
    });
    this.worker.on("error", (error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    });
  }

  check(appDir: string, entryFile: string): Promise<TypeScriptResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, appDir, entryFile } satisfies Job);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
