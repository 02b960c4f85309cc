import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
    expect(fixed.diagnostics.map((d) => [d.rule, d.severity, d.file.split("/").pop()])).toEqual(
      ["bom.tf", "interpolation.tf", "labels.tf", "main.tf", "provider-function.tf", "types.tf"].map((f) => ["tf/format", "info", f]),
    );
    expect(readFileSync(join(dir, "main.tf"), "utf8")).toContain('  name                       = "jobs"\n');
    // What terraform fmt rewrites beyond spacing, and provider functions left intact.
    expect(readFileSync(join(dir, "bom.tf"), "utf8").startsWith("# Saved")).toBe(true);
    expect(readFileSync(join(dir, "interpolation.tf"), "utf8")).toContain("  name = var.queue_name\n");
    expect(readFileSync(join(dir, "labels.tf"), "utf8")).toContain('resource "aws_sqs_queue" "tagged" {\n');
    expect(readFileSync(join(dir, "types.tf"), "utf8")).toContain("  type        = list(any)\n");
    expect(readFileSync(join(dir, "provider-function.tf"), "utf8")).toContain("  value       = provider::aws::arn_parse(var.topic_arn).region\n");
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
    const again = await checkTerraformModule(dir, { fix: false, timeoutMs: 60_000, runCli: false });
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("labels terraform fmt would delete", () => {
  it("are an error at the label, and --fix leaves the file as it is", async () => {
    const dir = join(work, "dropped-label");
    cpSync(join(import.meta.dirname, "..", "..", "fixtures", "terraform", "checks", "format", "ok"), dir, { recursive: true });
    const text = 'resource "aws_sqs_queue" "cost%" {\n  name="x"\n}\n';
    writeFileSync(join(dir, "label.tf"), text);
    const report = await checkTerraformModule(dir, { fix: true, timeoutMs: 60_000, runCli: false });
    expect(report.diagnostics.filter((d) => d.rule === "tf/format")).toEqual([expect.objectContaining({ severity: "error", line: 1, column: 26, message: expect.stringContaining('terraform fmt deletes the block label "cost%"') })]);
    expect(readFileSync(join(dir, "label.tf"), "utf8")).toBe(text);
  });
});
