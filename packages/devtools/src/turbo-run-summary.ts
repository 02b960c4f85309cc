import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** The part of turbo's `--summarize` file (`.turbo/runs/<id>.json`) that proves cache behaviour. */
export interface TaskCacheResult {
  taskId: string;
  status: "HIT" | "MISS";
  source?: "LOCAL" | "REMOTE";
}

export interface RunSummary {
  attempted: number;
  cached: number;
  exitCode: number;
  tasks: TaskCacheResult[];
  /** Task ids whose command exited non-zero. */
  failed: string[];
}

interface TurboSummaryFile {
  execution: { attempted: number; cached: number; exitCode: number };
  tasks: { taskId: string; cache: { status: "HIT" | "MISS"; source?: "LOCAL" | "REMOTE" }; execution?: { exitCode?: number } }[];
}

/** The newest run summary file under `<repo>/.turbo/runs`. */
export function latestRunSummaryPath(repoDir: string): string {
  const runsDir = join(repoDir, ".turbo", "runs");
  const newest = readdirSync(runsDir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => ({ name, time: statSync(join(runsDir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time)[0];
  if (!newest) throw new Error(`no turbo run summary in ${runsDir}: was turbo run with --summarize?`);
  return join(runsDir, newest.name);
}

/** Reads the newest run summary under `<repo>/.turbo/runs`. */
export function readLatestRunSummary(repoDir: string): RunSummary {
  const file = JSON.parse(readFileSync(latestRunSummaryPath(repoDir), "utf8")) as TurboSummaryFile;
  return {
    attempted: file.execution.attempted,
    cached: file.execution.cached,
    exitCode: file.execution.exitCode,
    tasks: file.tasks.map((task) => ({ taskId: task.taskId, status: task.cache.status, ...(task.cache.source ? { source: task.cache.source } : {}) })),
    failed: file.tasks.filter((task) => (task.execution?.exitCode ?? 0) !== 0).map((task) => task.taskId).sort(),
  };
}

/** Task ids that turbo had to run (cache misses). */
export function tasksThatRan(summary: RunSummary): string[] {
  return summary.tasks.filter((task) => task.status !== "HIT").map((task) => task.taskId).sort();
}
