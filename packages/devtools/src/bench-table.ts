import type { TaskFigures } from "./task-cpu.js";

export interface Measurement {
  name: string;
  description: string;
  seconds: number;
  /** CPU seconds (user + system) of the whole run, when measured. */
  cpuSeconds?: number;
  tasks: number;
  cached: number;
  /** Task ids turbo had to run (cache misses). */
  ran: string[];
}

function describeRan(m: Measurement): string {
  if (m.ran.length === 0) return "none";
  if (m.ran.length === m.tasks) return `all ${m.tasks}`;
  if (m.ran.length > 6) return `${m.ran.length} tasks: ${m.ran.slice(0, 5).join(", ")}, …`;
  return m.ran.join(", ");
}

const seconds = (value: number | undefined): string => (value === undefined ? "–" : `${value.toFixed(1)} s`);

/** The markdown table that goes into the README between the bench markers. */
export function renderTable(measurements: Measurement[], machine: string, date: string): string {
  const rows = measurements.map(
    (m) => `| ${m.description} | ${seconds(m.seconds)} | ${seconds(m.cpuSeconds)} | ${m.tasks ? `${m.cached}/${m.tasks}` : "–"} | ${describeRan(m)} |`,
  );
  return [`Measured ${date} on ${machine}.`, "", "| run | wall | CPU | tasks cached | tasks that ran |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** The cold run's tasks, most CPU first; `limit` keeps the README's copy short. */
export function renderTaskTable(figures: TaskFigures[], limit = figures.length): string {
  const shown = figures.slice(0, limit);
  const rows = shown.map((f) => `| ${f.taskId} | ${seconds(f.wallSeconds)} | ${seconds(f.cpuSeconds)} |`);
  const rest = figures.length - shown.length;
  const cpuRest = figures.slice(limit).reduce((sum, f) => sum + (f.cpuSeconds ?? 0), 0);
  if (rest > 0) rows.push(`| ${rest} more tasks | – | ${seconds(cpuRest)} |`);
  return ["| cold task | wall | CPU |", "|---|---|---|", ...rows].join("\n");
}
