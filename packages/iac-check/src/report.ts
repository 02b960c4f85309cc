import { statSync } from "node:fs";
import writeFileAtomic from "write-file-atomic";
import { dirname, join } from "node:path";
import type { CheckReport, Diagnostic } from "./language.js";

export const REPORT_FILE = "iac-check-report.json";

/** `file:line:col  severity  message  rule-id`, the format every CLI in the repo prints. */
export function formatDiagnostic(d: Diagnostic): string {
  const position = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const where = d.location ? ` (at ${d.location})` : "";
  // One finding, one line: multi-line messages (CDK's validation errors) are joined.
  const message = d.message.trim().replace(/\s*\n\s*/g, "; ");
  return `${position}  ${d.severity}  ${message}${where}  ${d.rule}`;
}

/** The folder a target's report is written to: the app folder itself, or a template's folder. */
export function reportFolder(target: string): string {
  try {
    if (statSync(target).isDirectory()) return target;
  } catch {
    /* a target that vanished: fall through to its parent */
  }
  return dirname(target);
}

/**
 * Writes one iac-check-report.json per folder holding every report of the targets in it (an app
 * folder has one; a folder of templates has one per template), atomically (a reader such as
 * turbo's cache never sees half a file; write-file-atomic also keeps the mode of the file it
 * replaces and removes its temporary file on failure). A folder that cannot be written is
 * returned as a warning rather than thrown: the findings were printed already and stand.
 */
export async function writeReports(reports: CheckReport[]): Promise<Diagnostic[]> {
  const byFolder = new Map<string, CheckReport[]>();
  for (const report of reports) {
    const folder = reportFolder(report.target);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), report]);
  }
  const warnings: Diagnostic[] = [];
  for (const [folder, folderReports] of byFolder) {
    const path = join(folder, REPORT_FILE);
    try {
      await writeFileAtomic(path, JSON.stringify({ tool: "iac-check", reports: folderReports }, null, 2) + "\n");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "EACCES" || code === "EPERM" || code === "EROFS" ? "the folder is not writable" : (error as Error).message;
      warnings.push({ file: path, severity: "warning", rule: "iac-check/report-not-written", message: `could not write the report (${why}); the findings above are complete, only the JSON file is missing: make the folder writable or pass --no-report` });
    }
  }
  return warnings;
}
