// Files and folders iac-check cannot read or write: a clear message for that target, the other
// targets still checked, findings printed before the report is written, and never a stack trace.
// Permissions do not stop root (CI runs as root), so as root the CLI runs without the
// capabilities that override them (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH): still
// root, so it can read the repository wherever it was cloned (a private /root included), but a
// mode-000 file or a read-only folder stops it as it would stop any user. Where setpriv is missing
// or may not drop them, the test says it was skipped rather than pass on nothing.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PACKAGE_DIR, runCli } from "./run-cli.js";

const isRoot = process.getuid?.() === 0;
const setpriv = (() => {
  try {
    return execFileSync("sh", ["-c", "command -v setpriv"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
const DROP_OVERRIDES = ["--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search"];
const canDropPrivileges =
  !isRoot || (setpriv !== undefined && spawnSync(setpriv, [...DROP_OVERRIDES, "true"], { timeout: 10_000 }).status === 0);

const dir = mkdtempSync(join(tmpdir(), "iac-check-unreadable-"));
afterAll(() => {
  chmodSync(dir, 0o755);
  for (const sub of ["locked", "readonly"]) chmodSync(join(dir, sub), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI as a user permissions apply to. */
function runUnprivileged(args: string[]) {
  if (!isRoot) return runCli(args);
  return runCli(args, {}, undefined, [setpriv!, ...DROP_OVERRIDES]);
}

describe.skipIf(!canDropPrivileges)("unreadable input and unwritable folders", () => {
  const good = join(PACKAGE_DIR, "fixtures/cloudformation/passing/template.yaml");
  chmodSync(dir, 0o755);
  // A folder iac-check walks, with a readable template, an unreadable one, an unreadable
  // subfolder and a symbolic link to nothing; and a read-only folder holding a template.
  mkdirSync(join(dir, "walked"));
  copyFileSync(good, join(dir, "walked", "good.yaml"));
  writeFileSync(join(dir, "walked", "secret.yaml"), "Resources: {}\n");
  chmodSync(join(dir, "walked", "secret.yaml"), 0o000);
  mkdirSync(join(dir, "locked"));
  chmodSync(join(dir, "locked"), 0o000);
  symlinkSync(join(dir, "nowhere.yaml"), join(dir, "walked", "dangling.yaml"));
  mkdirSync(join(dir, "readonly"));
  copyFileSync(good, join(dir, "readonly", "template.yaml"));
  chmodSync(join(dir, "readonly"), 0o555);
  const rel = (path: string): string => relative(PACKAGE_DIR, join(dir, path));

  it("says which file or folder could not be read, checks the rest, and exits 1 without a stack trace", async () => {
    const { code, stdout, stderr } = await runUnprivileged([rel("walked"), rel("locked"), rel("readonly")]);
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
    const lines = stdout.trim().split("\n");
    expect(lines).toEqual([
      `${rel("locked")}  error  cannot read the folder ${rel("locked")} (permission denied), so nothing in it was checked: make it readable, or leave it out of the paths  iac-check/unreadable`,
      `${rel("walked/dangling.yaml")}  error  cannot read the template: it does not exist (a symbolic link to a missing file?)  cloudformation/unreadable`,
      `${rel("walked/secret.yaml")}  error  cannot read the template: permission denied; make it readable (chmod a+r) or leave it out  cloudformation/unreadable`,
    ]);
    // The read-only folder's template was checked and passed; only its report could not be written.
    expect(stderr).toContain(`iac-check: ${rel("readonly/iac-check-report.json")}  warning  could not write the report (the folder is not writable); the findings above are complete, only the JSON file is missing: make the folder writable or pass --no-report  iac-check/report-not-written`);
    expect(stderr).toContain("iac-check: 4 target(s) checked");
  });
});

describe.skipIf(canDropPrivileges)("unreadable input (skipped)", () => {
  it("needs setpriv, allowed to drop root's permission overrides; not available here, so it was skipped", () => {
    expect(canDropPrivileges).toBe(false);
  });
});
