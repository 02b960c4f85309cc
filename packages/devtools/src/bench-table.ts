export interface Measurement {
  name: string;
  description: string;
  seconds: number;
  tasks: number;
  cached: number;
  /** Task ids turbo had to run (cache misses). */
  ran: string[];
}

function describeRan(m: Measurement): string {
  if (m.ran.length === 0) return "none";
  if (m.ran.length === m.tasks) return `all ${m.tasks}`;
  return m.ran.join(", ");
}

/** The markdown table that goes into the README between the bench markers. */
export function renderTable(measurements: Measurement[], machine: string, date: string): string {
  const rows = measurements.map(
    (m) => `| ${m.description} | ${m.seconds.toFixed(1)} s | ${m.tasks ? `${m.cached}/${m.tasks}` : "–"} | ${describeRan(m)} |`,
  );
  return [`Measured ${date} on ${machine}.`, "", "| run | time | tasks cached | tasks that ran |", "|---|---|---|---|", ...rows].join("\n");
}
