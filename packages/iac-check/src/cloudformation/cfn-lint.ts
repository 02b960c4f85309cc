// Optional cross-check: when cfn-lint (the Python linter the validation engine's rules come from)
// is on PATH, run it too and list what it says as information. Nothing fails because of it, and
// nothing changes when it is absent.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { Diagnostic } from "../language.js";

export function findCfnLint(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "cfn-lint");
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

interface CfnLintMatch {
  Rule: { Id: string };
  Message: string;
  Level: string;
  Location: { Start: { LineNumber: number; ColumnNumber: number } };
}

export function runCfnLint(executable: string, file: string, timeoutMs: number): Promise<{ diagnostics: Diagnostic[]; note?: string }> {
  return new Promise((resolve) => {
    execFile(executable, ["--format", "json", "--", file], { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 32 * 1024 * 1024 }, (error, stdout) => {
      // Killed by the timeout: its (empty) output is not "no findings".
      if (error && (error.killed || error.signal)) {
        const note = `cfn-lint did not finish within ${timeoutMs / 1000} s (--timeout) and was stopped; the cross-check is missing`;
        resolve({ diagnostics: [{ file, line: 1, column: 1, severity: "info", rule: "cfn-lint/timeout", message: note }], note: "timed out" });
        return;
      }
      let matches: CfnLintMatch[];
      try {
        matches = JSON.parse(stdout || "[]");
      } catch {
        resolve({ diagnostics: [], note: `cfn-lint did not run cleanly (${error ? error.message.split("\n")[0] : "unreadable output"}); skipped` });
        return;
      }
      resolve({
        diagnostics: matches.map((m) => ({
          file,
          line: m.Location.Start.LineNumber,
          column: m.Location.Start.ColumnNumber,
          severity: "info",
          rule: `cfn-lint/${m.Rule.Id}`,
          message: `cfn-lint cross-check (${m.Level}): ${m.Message}`,
        })),
      });
    });
  });
}
