/**
 * The tables markdown embeds from skill/data: `<!-- facts: id id-prefix-* -->` and
 * `<!-- cost: cost-id -->`, each followed by a table that skill-lint generates. One module finds
 * the markers, renders the expected table, compares it cell by cell and rewrites it for `--fix`.
 */
import { visit } from "unist-util-visit";
import type { Html, Root, Table } from "mdast";
import { computeCost } from "./costs.js";
import { formatDecimal, formatUsd, toDecimal } from "./decimal.js";
import type { FactData } from "./load.js";
import { isPrice, type FactRecord } from "./schema.js";

export const FACT_COLUMNS = ["What", "Value", "Region", "Source"] as const;
export const COST_COLUMNS = ["Item", "Quantity", "Unit price", "Monthly"] as const;
export const FACTS_SYNTAX = "`<!-- facts: service.key service.prefix-* -->`";
export const COST_SYNTAX = "`<!-- cost: cost-id -->`";

export interface TableMarker {
  node: Html;
  kind: "facts" | "cost";
  ids: string[];
  /** The table right after the marker, if any. */
  table: Table | undefined;
  /** Why the marker cannot be read, when it is malformed. */
  malformed?: string;
}

const FACTS_MARKER = /^<!--\s*facts:([\s\S]*?)-->$/;
const COST_MARKER = /^<!--\s*cost:([\s\S]*?)-->$/;
/** A comment whose first word is fact(s) or cost(s): meant as a marker, even if misspelt. */
const LOOKS_LIKE_MARKER = /^<!--\s*(facts?|costs?)(?![\w-])/i;

export function findTableMarkers(tree: Root): TableMarker[] {
  const found: TableMarker[] = [];
  visit(tree, "html", (node, index, parent) => {
    const value = node.value.trim();
    if (!LOOKS_LIKE_MARKER.test(value) || index === undefined || !parent) return;
    const next = parent.children[index + 1];
    const table = next?.type === "table" ? next : undefined;
    const facts = FACTS_MARKER.exec(value);
    const cost = COST_MARKER.exec(value);
    const ids = (facts ?? cost)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
    if (facts && ids.length > 0) found.push({ node, kind: "facts", ids, table });
    else if (cost && ids.length === 1) found.push({ node, kind: "cost", ids, table });
    else {
      const kind = /^<!--\s*costs?/i.test(value) ? "cost" : "facts";
      found.push({ node, kind, ids, table, malformed: `write ${kind === "cost" ? COST_SYNTAX : FACTS_SYNTAX}` });
    }
  });
  return found;
}

/** `id` names one record, `prefix*` every record whose id starts with the prefix (data order). */
export function resolveFactIds(ids: readonly string[], data: FactData): { facts: FactRecord[]; unknown: string[] } {
  const facts: FactRecord[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const matches = id.endsWith("*")
      ? [...data.facts.values()].filter((fact) => fact.id.startsWith(id.slice(0, -1)))
      : data.facts.has(id)
        ? [data.facts.get(id)!]
        : [];
    if (matches.length === 0) unknown.push(id);
    for (const fact of matches) if (!facts.includes(fact)) facts.push(fact);
  }
  return { facts, unknown };
}

/**
 * `$0.20 per 1M requests`, `10,240 MB`, `nodejs24.x`: prices in dollars with every digit,
 * big numbers grouped; strings with units `version`, `date` or `name` stand alone.
 */
export function formatFactValue(fact: { value: number | string; unit: string; unverified?: boolean | undefined }): string {
  const unit = fact.unit.trim();
  let text: string;
  if (/^(version|date|name)$/i.test(unit)) text = String(fact.value);
  else if (typeof fact.value === "number" && isPrice(fact)) text = `${formatUsd(fact.value)}${unit.replace(/^USD\b/, "")}`;
  else if (typeof fact.value === "number") text = `${formatDecimal(toDecimal(fact.value))}${unit === "%" ? "%" : ` ${unit}`}`;
  else text = `${fact.value} (${unit})`;
  return fact.unverified ? `${text} (unverified)` : text;
}

function sourceCell(fact: FactRecord): string {
  const url = /[\s()<>]/.test(fact.source) ? `<${fact.source}>` : fact.source;
  return `[as of ${fact.as_of}](${url})`;
}

export function factRows(facts: readonly FactRecord[]): string[][] {
  return facts.map((fact) => [fact.what, formatFactValue(fact), fact.region, sourceCell(fact)]);
}

export function costRows(costId: string, data: FactData): string[][] {
  const cost = data.costs.get(costId)!;
  const breakdown = computeCost(cost, data.facts);
  const rows = breakdown.lines.map((line) => [
    line.item,
    `${formatDecimal(toDecimal(line.quantity))}${line.basis ? ` (${line.basis})` : ""}`,
    formatFactValue({ value: line.unitPrice, unit: line.unit, unverified: line.unverified }),
    line.monthlyText,
  ]);
  rows.push(["**Total**", "", "", `**${breakdown.totalText}**`]);
  return rows;
}

const escapeCell = (cell: string) => cell.replace(/\r?\n/g, " ").replace(/(?<!\\)\|/g, "\\|");

/**
 * A compact GFM table: one space inside each pipe, no column alignment. Aligned columns would
 * spend tokens on padding in every file an agent loads; the comparison ignores padding anyway.
 */
export function renderTable(header: readonly string[], rows: readonly string[][]): string[] {
  const all = [header, ...rows].map((row) => row.map(escapeCell));
  const line = (row: readonly string[]) => `| ${row.join(" | ")} |`;
  return [line(all[0]!), `| ${header.map(() => "---").join(" | ")} |`, ...all.slice(1).map(line)];
}

/** The lines the marker's table must have, or undefined when its ids do not resolve. */
export function expectedTable(marker: TableMarker, data: FactData): string[] | undefined {
  if (marker.malformed) return undefined;
  if (marker.kind === "cost") {
    return data.costs.has(marker.ids[0]!) ? renderTable(COST_COLUMNS, costRows(marker.ids[0]!, data)) : undefined;
  }
  const { facts, unknown } = resolveFactIds(marker.ids, data);
  return unknown.length > 0 ? undefined : renderTable(FACT_COLUMNS, factRows(facts));
}

/** The cells of a table row's source line, trimmed (escaped pipes stay inside their cell). */
export function cellsOf(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/**
 * Compares a table's source lines with the expected lines cell by cell (padding and the
 * delimiter row's dashes are free); returns what differs first, or undefined when equal.
 */
export function tableDifference(actual: readonly string[], expected: readonly string[]): string | undefined {
  const header = cellsOf(expected[0] ?? "");
  if (actual.length !== expected.length) return `it has ${actual.length - 2} rows, the data has ${expected.length - 2}`;
  for (let row = 0; row < expected.length; row++) {
    if (row === 1) continue;
    const want = cellsOf(expected[row]!);
    const have = cellsOf(actual[row]!);
    for (let column = 0; column < Math.max(want.length, have.length); column++) {
      if (want[column] !== have[column]) {
        const where = row === 0 ? "header" : `row ${row - 1}, ${header[column] ?? `column ${column + 1}`}`;
        return `${where}: expected \`${want[column] ?? ""}\`, found \`${have[column] ?? ""}\``;
      }
    }
  }
  return undefined;
}

/** The source lines of a table node. */
export function tableLines(text: string, table: Table): string[] {
  const lines = text.split("\n");
  return lines.slice(table.position!.start.line - 1, table.position!.end.line).map((line) => line.replace(/\r$/, ""));
}

/**
 * `--fix`: writes each resolvable marker's table (replacing the table that follows it, or
 * inserting one where none does). Pure: text in, text out, so it is idempotent and testable.
 */
export function rewriteFactTables(text: string, tree: Root, data: FactData): string {
  const lines = text.split("\n");
  const edits: { start: number; deleteCount: number; insert: string[] }[] = [];
  for (const marker of findTableMarkers(tree)) {
    const expected = expectedTable(marker, data);
    if (!expected || !marker.node.position) continue;
    if (marker.table?.position) {
      const start = marker.table.position.start.line - 1;
      const count = marker.table.position.end.line - start;
      const current = lines.slice(start, start + count).map((line) => line.replace(/\r$/, ""));
      if (tableDifference(current, expected) === undefined) continue;
      edits.push({ start, deleteCount: count, insert: expected });
    } else {
      const after = marker.node.position.end.line;
      const nextIsBlank = (lines[after] ?? "").trim() === "";
      edits.push({ start: after, deleteCount: 0, insert: ["", ...expected, ...(nextIsBlank ? [] : [""])] });
    }
  }
  for (const edit of edits.sort((a, b) => b.start - a.start)) lines.splice(edit.start, edit.deleteCount, ...edit.insert);
  return lines.join("\n");
}
