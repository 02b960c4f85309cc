// Markdown tables: the scripts' output is read inside an agent's answer, where a table renders.

export type Align = "left" | "right";

export interface Column<Row> {
  /** Header text. */
  header: string;
  /** The cell text for a row. */
  cell: (row: Row) => string | number;
  /** Numbers read better right-aligned; default left. */
  align?: Align;
}

/** Escapes what would break a table cell: pipes end the cell, newlines end the row. */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/**
 * Renders rows as a GitHub-flavoured markdown table, padded so it also reads as plain text in a
 * terminal. An empty `rows` still renders the header, so "no rows" is visible rather than silent.
 */
export function markdownTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((column) => escapeCell(String(column.cell(row)))));
  const headers = columns.map((column) => escapeCell(column.header));
  const widths = columns.map((_, i) => Math.max(3, headers[i]!.length, ...cells.map((r) => r[i]!.length)));
  const pad = (text: string, i: number) =>
    columns[i]!.align === "right" ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (texts: string[]) => `| ${texts.map(pad).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (columns[i]!.align === "right" ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(headers), rule, ...cells.map(line)].join("\n") + "\n";
}
