/** Renders a run: one line per diagnostic, then the budget table; or one JSON document. */
import path from "node:path";
import type { VFile } from "vfile";
import type { FileStats, LintResult } from "./lint.js";
import { oldestFacts } from "./rules/fact-freshness.js";

export interface Summary {
  errors: number;
  warnings: number;
}

export function summarise(files: readonly VFile[]): Summary {
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal) errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}

/** Shows paths relative to the working directory, as editors and CI annotate them. */
function relativise(files: readonly VFile[], cwd: string): VFile[] {
  for (const file of files) {
    if (file.path && path.isAbsolute(file.path)) file.path = path.relative(cwd, file.path) || file.path;
  }
  return [...files];
}

export function totals(stats: readonly FileStats[]): { lines: number; tokens: number } {
  return stats.reduce((sum, entry) => ({ lines: sum.lines + entry.lines, tokens: sum.tokens + entry.tokens }), { lines: 0, tokens: 0 });
}

export function formatText(result: LintResult, cwd: string, color: boolean): string {
  const files = relativise(result.files, cwd);
  const parts: string[] = [];
  const diagnostics = formatDiagnostics(files, color);
  if (diagnostics !== "") parts.push(diagnostics);
  if (result.fixed.length > 0) parts.push(`Fixed embedded code in: ${result.fixed.map((file) => path.relative(cwd, file)).join(", ")}`);
  if (result.stats.length > 0) parts.push(formatBudgets(result.stats));
  const { errors, warnings } = summarise(result.files);
  if (errors + warnings === 0) parts.push(`skill-lint: no problems in ${result.stats.length || result.files.length} markdown files`);
  if (result.facts && result.facts.facts.size > 0) parts.push(formatOldestFacts(result));
  return `${parts.join("\n\n")}\n`;
}

/** The records checked longest ago: the next ones to read again. */
function formatOldestFacts(result: LintResult): string {
  const oldest = oldestFacts(result.facts!, 5);
  const width = Math.max(...oldest.map((fact) => fact.id.length));
  const rows = oldest.map((fact) => `${fact.id.padEnd(width)}  ${fact.as_of}`);
  return [`Oldest records in skill/data (of ${result.facts!.facts.size}; today ${result.facts!.today})`, ...rows].join("\n");
}

/**
 * One line per message, `file:line:col  severity  message  rule-id`, so editors and CI
 * annotations can jump to it (vfile-reporter groups messages under a file header instead).
 */
export function formatDiagnostics(files: readonly VFile[], color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001B[${code}m${text}\u001B[39m` : text);
  const lines: string[] = [];
  for (const file of files) {
    for (const message of file.messages) {
      const where = `${file.path}:${message.line ?? 1}:${message.column ?? 1}`;
      const severity = message.fatal ? paint(31, "error") : paint(33, "warning");
      lines.push(`${where}  ${severity}  ${message.reason}  ${message.ruleId ?? message.source ?? ""}`);
    }
  }
  const { errors, warnings } = summarise(files);
  if (lines.length > 0) lines.push("", `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return lines.join("\n");
}

function formatBudgets(stats: readonly FileStats[]): string {
  const rows = [...stats]
    .sort((a, b) => (a.bundlePath === "SKILL.md" ? -1 : b.bundlePath === "SKILL.md" ? 1 : a.bundlePath.localeCompare(b.bundlePath)))
    .map((entry) => [
      entry.bundlePath === "SKILL.md" ? "SKILL.md (body)" : entry.bundlePath,
      `${entry.lines} / ${entry.budgetLines}`,
      `${entry.tokens} / ${entry.budgetTokens}`,
    ]);
  const sum = totals(stats);
  rows.push(["whole bundle (markdown)", String(sum.lines), String(sum.tokens)]);
  const header = ["file", "lines / budget", "tokens / budget"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return ["Budgets (tokens: o200k_base, an approximation of Claude's count)", line(header), ...rows.map(line)].join("\n");
}

/** One JSON message per problem: positions and ids only (no syntax-tree ancestors). */
export interface JsonMessage {
  file: string;
  bundlePath: string | undefined;
  line: number;
  column: number;
  endLine: number | undefined;
  endColumn: number | undefined;
  severity: "error" | "warning";
  message: string;
  ruleId: string | undefined;
  source: string | undefined;
  url?: string;
}

export function jsonMessages(files: readonly VFile[]): JsonMessage[] {
  return files.flatMap((file) =>
    file.messages.map((message) => {
      const place = message.place as { end?: { line: number; column: number } } | undefined;
      return {
        file: file.path,
        bundlePath: (file.data as { bundlePath?: string }).bundlePath,
        line: message.line ?? 1,
        column: message.column ?? 1,
        endLine: place?.end?.line,
        endColumn: place?.end?.column,
        severity: message.fatal ? ("error" as const) : ("warning" as const),
        message: message.reason,
        ruleId: message.ruleId,
        source: message.source,
        ...(message.url ? { url: message.url } : {}),
      };
    }),
  );
}

export function formatJson(result: LintResult, cwd: string): string {
  const files = relativise(result.files, cwd);
  return `${JSON.stringify(
    {
      messages: jsonMessages(files),
      budgets: { files: result.stats, total: totals(result.stats), tokenizer: "o200k_base (gpt-tokenizer)" },
      fixed: result.fixed.map((file) => path.relative(cwd, file)),
      oldestFacts: result.facts ? oldestFacts(result.facts, 5).map((fact) => ({ id: fact.id, asOf: fact.as_of })) : [],
      summary: summarise(result.files),
    },
    null,
    2,
  )}\n`;
}
