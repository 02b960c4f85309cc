// The optional cfn-lint cross-check: a cfn-lint that never finishes is reported as a timeout,
// not as a run that found nothing (its output is empty when it is killed).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCfnLint } from "../src/cloudformation/cfn-lint.js";

const dir = mkdtempSync(join(tmpdir(), "iac-check-cfn-lint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fakeCfnLint = (name: string, script: string): string => {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
};

describe("runCfnLint", () => {
  it("reports a cfn-lint stopped by the timeout as a timeout", async () => {
    const result = await runCfnLint(fakeCfnLint("hangs", "exec sleep 60"), "template.yaml", 300);
    expect(result.note).toBe("timed out");
    expect(result.diagnostics).toEqual([
      { file: "template.yaml", line: 1, column: 1, severity: "info", rule: "cfn-lint/timeout", message: "cfn-lint did not finish within 0.3 s (--timeout) and was stopped; the cross-check is missing" },
    ]);
  });

  it("lists what a finished cfn-lint found, as information", async () => {
    const output = JSON.stringify([{ Rule: { Id: "W3005" }, Message: "Obsolete DependsOn", Level: "Warning", Location: { Start: { LineNumber: 4, ColumnNumber: 5 } } }]);
    const result = await runCfnLint(fakeCfnLint("finds", `echo '${output}'; exit 4`), "template.yaml", 60_000);
    expect(result).toEqual({ diagnostics: [{ file: "template.yaml", line: 4, column: 5, severity: "info", rule: "cfn-lint/W3005", message: "cfn-lint cross-check (Warning): Obsolete DependsOn" }] });
  });
});
