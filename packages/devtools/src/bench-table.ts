export interface Measurement {
  name: string;
  description: string;
  seconds: number;
  tasks: number;
  cached: number;
  /** Task ids turbo had to run (cache misses). */
  ran: string[];
}

/** The markdown table that goes into the README between the bench markers. */
export function renderTable(measurements: Measurement[], machine: string, date: string): string {
  const rows = measurements.map(
    (m) => `| ${m.description} | ${m.seconds.toFixed(1)} s | ${m.tasks ? `${m.cached}/${m.tasks}` : "–"} | ${m.ran.length ? m.ran.join(", ") : "none"} |`,
  );
  return [`Measured ${date} on ${machine}.`, "", "| run | time | tasks cached | tasks that ran |", "|---|---|---|---|", ...rows].join("\n");
}
