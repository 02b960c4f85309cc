/**
 * The coverage report as JSON and as a markdown table (written atomically, so a reader never sees
 * half a file), the terminal summary, and the one line of the root README that states the total.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { CoverageReport } from "./coverage.js";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function coverageMarkdown(report: CoverageReport): string {
  const lines = [
    "# Skill evals: retrieval coverage",
    "",
    `${totalLine(report)}`,
    "",
    "| Scenario | Files on the path | Tokens / budget | Result |",
    "| --- | --- | --- | --- |",
  ];
  for (const s of report.scenarios) {
    const files = s.files.map((f) => `${f.file} (${f.tokens.toLocaleString("en-US")})`).join("<br>");
    const result = s.pass ? "pass" : `**fail**: ${s.reasons.join("; ")}`;
    lines.push(`| ${cell(s.id)} | ${cell(files)} | ${s.tokens.toLocaleString("en-US")} / ${s.budget.toLocaleString("en-US")} | ${cell(result)} |`);
  }
  if (report.gaps.length > 0) lines.push("", "Not covered by any scenario:", "", ...report.gaps.map((gap) => `- ${gap}`));
  return `${lines.join("\n")}\n`;
}

/** The sentence the README carries, e.g. `34 scenarios, 34 pass retrieval coverage`. */
export function totalLine(report: CoverageReport): string {
  return `${report.scenarios.length} scenarios, ${report.passed} pass retrieval coverage`;
}

export async function writeCoverageReport(report: CoverageReport, dir: string): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, "coverage.json");
  const markdown = path.join(dir, "coverage.md");
  await writeFileAtomic(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(markdown, coverageMarkdown(report));
  return { json, markdown };
}

/** Terminal output: one line per failing scenario with its reasons, then the total. */
export function coverageText(report: CoverageReport): string {
  const out: string[] = [];
  for (const s of report.scenarios.filter((scenario) => !scenario.pass)) {
    out.push(`${s.where}: scenario ${s.id} fails retrieval coverage`);
    for (const reason of s.reasons) out.push(`  - ${reason}`);
  }
  for (const gap of report.gaps) out.push(`coverage gap: ${gap}`);
  const tokens = report.scenarios.map((s) => s.tokens).sort((a, b) => a - b);
  const median = tokens.length > 0 ? tokens[Math.floor(tokens.length / 2)]! : 0;
  out.push(`${totalLine(report)} (tokens read per scenario: median ${median.toLocaleString("en-US")}, max ${(tokens.at(-1) ?? 0).toLocaleString("en-US")})`);
  return out.join("\n");
}

export const README_MARKER = /(<!-- evals-total -->)([^<]*)(<!-- \/evals-total -->)/;

/**
 * Compares the README's stated total with the report. `write` replaces it; without `write` a
 * mismatch is a message. Undefined means the README agrees (or has no marker to check).
 */
export async function checkReadmeTotal(readme: string, report: CoverageReport, write: boolean): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(readme, "utf8");
  } catch {
    return undefined;
  }
  const match = README_MARKER.exec(text);
  if (!match) return undefined;
  const expected = totalLine(report);
  if (match[2]!.trim() === expected) return undefined;
  if (write) {
    await writeFileAtomic(readme, text.replace(README_MARKER, `$1${expected}$3`));
    return undefined;
  }
  const line = text.slice(0, match.index).split("\n").length;
  return `${readme}:${line}: the README says "${match[2]!.trim()}", the eval gives "${expected}" (run skill-evals coverage --write-readme)`;
}
