// The Terraform module through the iac-check CLI (dist/, built before tests): exit codes and the
// `file:line:col  severity  message  rule-id` lines. PATH holds only node, so no terraform runs.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const packageDir = join(import.meta.dirname, "..", "..");
const fixtures = join(packageDir, "fixtures", "terraform", "checks");

function iacCheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(packageDir, "bin", "iac-check.js"), "--no-report", ...args], {
    cwd: fixtures,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, PATH: dirname(process.execPath) },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("iac-check CLI on Terraform modules", () => {
  it("exits 0 on a passing module and says once that terraform validate was skipped", () => {
    const run = iacCheck("references/ok", "syntax/ok");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.match(/terraform validate skipped/g)).toHaveLength(1);
  });

  it("exits 1 on a failing module, one file:line:col line per finding, child modules at their own files", () => {
    const run = iacCheck("circular-locals/not-ok", "child-modules/not-ok");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^circular-locals\/not-ok\/main\.tf:2:3 {2}error {2}Circular reference among locals: local\.base -> local\.name -> local\.base\..* {2}tf\/circular-locals$/m);
    // The whole list, in order: position, severity and rule of every line.
    const lines = run.stdout.trim().split("\n").map((l) => /^(\S+) {2}(\S+) {2}.* {2}(\S+)$/.exec(l)?.slice(1).join(" ") ?? `unparsed: ${l}`);
    expect(lines).toEqual([
      "circular-locals/not-ok info tf/terraform-cli",
      "circular-locals/not-ok/main.tf:2:3 error tf/circular-locals",
      "circular-locals/not-ok/main.tf:4:3 error tf/circular-locals",
      "child-modules/not-ok/modules/db/main.tf:6:1 error tf/missing-argument",
      "child-modules/not-ok/modules/db/main.tf:6:1 error tf-sec/rds-encryption",
      "child-modules/not-ok/modules/db/main.tf:7:1 error tf/format",
      "child-modules/not-ok/modules/db/main.tf:9:3 error tf/unknown-argument",
      "child-modules/not-ok/modules/db/main.tf:11:25 error tf/undeclared-variable",
      "child-modules/not-ok/modules/db/main.tf:13:3 error tf-sec/rds-not-public",
      "child-modules/not-ok/modules/tags/main.tf:3:3 error tf/module-cycle",
      "child-modules/not-ok/modules/tags/main.tf:7:1 error tf-sec/sns-encryption",
    ]);
  });
});
