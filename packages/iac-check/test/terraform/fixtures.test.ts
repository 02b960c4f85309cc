// Runs the whole Terraform check over every fixture: each `ok` module passes with no error, each
// `not-ok` module fails with exactly the diagnostics its expect.json lists (rule, file relative to
// the fixture, line; warnings marked as such), no more, no fewer, no duplicates.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkTerraformModule, type TerraformCheckOptions } from "../../src/terraform/index.js";

const root = join(import.meta.dirname, "..", "..", "fixtures", "terraform");
const options = { fix: false, timeoutMs: 60_000, runCli: false };

interface Expected {
  rule: string;
  file: string;
  line: number;
  /** Listed for warnings only; errors are the default. */
  severity?: "warning";
}

const cases = (group: string): string[] => readdirSync(join(root, group)).sort();

describe.each(["checks", "security"])("%s fixtures", (group) => {
  for (const name of cases(group)) {
    const okDir = join(root, group, name, "ok");
    const notOkDir = join(root, group, name, "not-ok");
    if (existsSync(okDir)) {
      it(`${name}/ok passes`, async () => {
        const report = await checkTerraformModule(okDir, options);
        expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      });
    }
    if (existsSync(notOkDir)) {
      it(`${name}/not-ok fails with file:line and a message`, async () => {
        const report = await checkTerraformModule(notOkDir, options);
        const errors = report.diagnostics.filter((d) => d.severity === "error");
        expect(errors.length).toBeGreaterThan(0);
        for (const e of errors) {
          expect(e.line, `${e.rule} has a line`).toBeGreaterThan(0);
          expect(e.message.length).toBeGreaterThan(30);
        }
        const key = (x: Expected): string => `${x.file}:${String(x.line).padStart(5, "0")}:${x.rule}:${x.severity ?? ""}`;
        const reported = report.diagnostics.filter((d) => d.severity !== "info");
        const found: Expected[] = reported
          .map((e) => ({ rule: e.rule, file: relative(notOkDir, resolve(e.file)), line: e.line!, ...(e.severity === "warning" ? { severity: "warning" as const } : {}) }))
          .sort((a, b) => key(a).localeCompare(key(b)));
        const expected = (JSON.parse(readFileSync(join(notOkDir, "expect.json"), "utf8")) as Expected[]).sort((a, b) => key(a).localeCompare(key(b)));
        expect(found).toEqual(expected);
        if (group === "security") expect(new Set(found.map((f) => f.rule)), "only the rule under test fires").toEqual(new Set([`tf-sec/${name}`]));
      });
    }
  }
});

describe("fixture-specific details", () => {
  it("an accepted suppression is listed as an acknowledgement with its reason, wherever in its block the finding is printed", async () => {
    const report = await checkTerraformModule(join(root, "checks", "suppression", "ok"), options);
    expect(report.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    const at = (line: number): string => `${join(relative(process.cwd(), root), "checks", "suppression", "ok", "main.tf")}:${line}`;
    expect(report.acknowledgements).toEqual([
      { rule: "tf-sec/s3-public-access-block", location: `aws_s3_bucket.site (${at(23)})`, reason: "public ACLs are how this website bucket serves its pages" },
      { rule: "tf-sec/s3-public-access-block", location: `aws_s3_bucket.site (${at(33)})`, reason: "a public website bucket, its objects are meant to be read by anyone" },
      { rule: "tf-sec/sns-encryption", location: `aws_sns_topic.status (${at(3)})`, reason: "messages are public build status events, readable by design" },
      { rule: "tf-sec/no-public-admin-ingress", location: `aws_security_group.bastion (${at(40)})`, reason: "temporary break-glass SSH during the migration window" },
    ]);
  });

  it("an unknown rule id in a suppression gets the closest rule id", async () => {
    const report = await checkTerraformModule(join(root, "checks", "suppression", "not-ok"), options);
    expect(report.diagnostics.find((d) => d.line === 11)?.message).toBe('iac-check:ignore names an unknown rule "tf-sec/sns-encrpytion". Did you mean tf-sec/sns-encryption?');
    expect(report.diagnostics.find((d) => d.line === 6)?.message).toMatch(/^iac-check:ignore names an unknown rule "tf-sec\/no-such-rule". The rules are: tf-sec\/api-access-logs, .*tf-sec\/sqs-encryption\.$/);
  });

  it("a module that is both a target and another target's child is checked once, as the child", async () => {
    const { terraform } = await import("../../src/terraform/index.js");
    const rootDir = join(root, "checks", "child-modules", "not-ok");
    const offline: TerraformCheckOptions = { fix: false, timeoutMs: 60_000, runCli: false };
    const [child, parent] = await terraform.check([join(rootDir, "modules", "db"), rootDir], offline);
    expect(child!.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(child!.details.skipped).toBe("already checked in this run as a local module called by another target");
    const inDb = parent!.diagnostics.filter((d) => d.file.endsWith(join("modules", "db", "main.tf")));
    expect(inDb.map((d) => `${d.rule}:${d.line}`)).toEqual(["tf/missing-argument:6", "tf-sec/rds-encryption:6", "tf/format:7", "tf/unknown-argument:9", "tf/undeclared-variable:11", "tf-sec/rds-not-public:13"]);
  });

  it("a provider without an offline schema is a warning, said once, not an error", async () => {
    const report = await checkTerraformModule(join(root, "checks", "unknown-provider", "ok"), options);
    const warnings = report.diagnostics.filter((d) => d.rule === "tf/unchecked-provider");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.severity).toBe("warning");
    expect(warnings[0]!.message).toContain("hashicorp/random");
  });

  it("every security rule has ok and not-ok fixtures", async () => {
    const { securityRules } = await import("../../src/terraform/security-rules/index.js");
    for (const rule of securityRules) {
      const name = rule.id.replace(/^tf-sec\//, "");
      expect(existsSync(join(root, "security", name, "ok")), `${name}/ok`).toBe(true);
      expect(existsSync(join(root, "security", name, "not-ok")), `${name}/not-ok`).toBe(true);
    }
  });
});
