// Per-task figures for the benchmark: wall seconds from turbo's run summary, CPU seconds (user +
// system) from the lines bin/task-cpu-shell appends while the tasks run.
import { readFileSync } from "node:fs";

export interface TaskFigures {
  taskId: string;
  /** Absent for a service (below): it runs alongside the tasks, not as one. */
  wallSeconds?: number;
  /** Absent when the task was a cache hit or its script shell wrote no line. */
  cpuSeconds?: number;
}

/** `0m1.537s` → 1.537. */
function parseBashTime(text: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(text.trim());
  if (!match) throw new Error(`not a bash "times" figure: "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** `<package>\t<script>\t<user> <system>` lines → CPU seconds by task id (`package#script`). */
export function parseCpuLog(text: string): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const [pkg, script, times] = line.split("\t");
    const [user, system] = (times ?? "").trim().split(/\s+/);
    if (!pkg || !script || !user || !system) throw new Error(`malformed CPU log line: "${line}"`);
    const id = `${pkg}#${script}`;
    cpu.set(id, (cpu.get(id) ?? 0) + parseBashTime(user) + parseBashTime(system));
  }
  return cpu;
}

interface SummaryTask {
  taskId: string;
  execution?: { startTime: number; endTime: number };
}

/**
 * Processes that serve tasks without being one, and log their own CPU line because no task's
 * script shell waits for them: iac-check's shared engine (iac-check-share starts it for verify;
 * every check task's apps and templates are synthesized and type-checked there).
 */
export const SERVICES = ["@aws-patterns/iac-check#shared-engine"];

/** The services' CPU in this run's parsed log (none when no check task ran). */
export function serviceFigures(cpu: ReadonlyMap<string, number>): TaskFigures[] {
  return SERVICES.flatMap((taskId) => {
    const cpuSeconds = cpu.get(taskId);
    return cpuSeconds === undefined ? [] : [{ taskId, cpuSeconds: Number(cpuSeconds.toFixed(2)) }];
  });
}

/** Joins the run summary's tasks with the CPU log, slowest (by CPU, then wall) first. */
export function taskFigures(summaryFile: string, cpuLogFile: string | undefined): TaskFigures[] {
  const summary = JSON.parse(readFileSync(summaryFile, "utf8")) as { tasks: SummaryTask[] };
  let cpu = new Map<string, number>();
  try {
    if (cpuLogFile) cpu = parseCpuLog(readFileSync(cpuLogFile, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return summary.tasks
    .map((task) => {
      const wall = task.execution ? (task.execution.endTime - task.execution.startTime) / 1000 : 0;
      const cpuSeconds = cpu.get(task.taskId);
      return { taskId: task.taskId, wallSeconds: Number(wall.toFixed(2)), ...(cpuSeconds === undefined ? {} : { cpuSeconds: Number(cpuSeconds.toFixed(2)) }) };
    })
    .sort(byCost);
}

/** Most CPU first, then most wall time, then by id. */
export function byCost(a: TaskFigures, b: TaskFigures): number {
  return (b.cpuSeconds ?? 0) - (a.cpuSeconds ?? 0) || (b.wallSeconds ?? 0) - (a.wallSeconds ?? 0) || a.taskId.localeCompare(b.taskId);
}
