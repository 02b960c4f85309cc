import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkTerraformModule } from "../../src/terraform/index.js";

const work = mkdtempSync(join(tmpdir(), "iac-check-tf-fmt-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("--fix", () => {
  it("rewrites a file terraform fmt would change, atomically, and the module then passes", async () => {
    const dir = join(work, "format");
    cpSync(join(import.meta.dirname, "..", "..", "fixtures", "terraform", "checks", "format", "not-ok"), dir, { recursive: true });
    const fixed = await checkTerraformModule(dir, { fix: true, timeoutMs: 60_000, runCli: false });
    expect(fixed.diagnostics).toContainEqual(expect.objectContaining({ rule: "tf/format", severity: "info" }));
    expect(readFileSync(join(dir, "main.tf"), "utf8")).toContain('  name                       = "jobs"\n');
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
    const again = await checkTerraformModule(dir, { fix: false, timeoutMs: 60_000, runCli: false });
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
