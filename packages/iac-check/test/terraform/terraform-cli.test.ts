// The terraform/tofu step, driven through stand-in binaries so the test does not depend on what
// the machine has installed or on registry access.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findTerraformBinary, runTerraformCli } from "../../src/terraform/run-terraform-cli.js";

const work = mkdtempSync(join(tmpdir(), "iac-check-tf-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const moduleDir = join(import.meta.dirname, "..", "..", "fixtures", "terraform", "checks", "syntax", "ok");

function fakeBinary(name: string, script: string): string {
  const dir = mkdtempSync(join(work, "bin-"));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe("terraform / tofu on PATH", () => {
  it("without a binary the step is skipped and says why", async () => {
    expect(findTerraformBinary("/nonexistent")).toBeUndefined();
    const result = await runTerraformCli(moduleDir, 10_000, undefined);
    expect(result).toMatchObject({ status: "skipped", reason: expect.stringContaining("no terraform or tofu binary on PATH") });
  });

  it("finds tofu when there is no terraform", () => {
    const tofu = fakeBinary("tofu", "exit 0");
    expect(findTerraformBinary(join(tofu, ".."))).toBe(tofu);
  });

  it("init that cannot reach the registry is skipped with the reason, not failed", async () => {
    const bin = fakeBinary("terraform", 'echo "Error: Failed to query available provider packages" >&2; echo "could not connect to registry.terraform.io" >&2; exit 1');
    const result = await runTerraformCli(moduleDir, 10_000, bin);
    expect(result).toMatchObject({ status: "skipped", reason: expect.stringContaining("no registry access") });
  });

  it("validate findings become diagnostics with file:line", async () => {
    const validate = JSON.stringify({
      valid: false,
      diagnostics: [{ severity: "error", summary: "Invalid value", detail: "Expected one of ...", range: { filename: "main.tf", start: { line: 2, column: 10 } } }],
    });
    const bin = fakeBinary("terraform", `if [ "$1" = init ]; then exit 0; fi\necho '${validate}'\nexit 1`);
    const result = await runTerraformCli(moduleDir, 10_000, bin);
    expect(result.status).toBe("failed");
    expect(result.status !== "skipped" && result.diagnostics[0]).toMatchObject({ line: 2, column: 10, rule: "terraform/validate", message: "Invalid value: Expected one of ..." });
  });

  it("a hanging binary is stopped at the time limit", async () => {
    const bin = fakeBinary("terraform", "sleep 30");
    const result = await runTerraformCli(moduleDir, 500, bin);
    expect(result).toMatchObject({ status: "skipped", reason: expect.stringContaining("did not finish") });
  });
});
