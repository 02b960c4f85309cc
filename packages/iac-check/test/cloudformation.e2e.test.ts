// Every CloudFormation gate has a failing fixture, and big inputs are generated here: all of them
// are checked in ONE run (an engine start-up per case would be most of the cost), each case
// asserting on its own target's report. Cases about the run itself (exit 0, the report file,
// usage errors) have runs of their own.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorsOf, PACKAGE_DIR, runCli, runJson, type JsonOutput } from "./run-cli.js";

const t = (name: string, file = "template.yaml"): string => `fixtures/cloudformation/${name}/${file}`;
let output: JsonOutput;
let code: number;
const errorsOrWarnings = (name: string) => output.reports.find((r) => r.target === templateOf(name))!.diagnostics.filter((d) => d.severity !== "info");

const bigDir = mkdtempSync(join(tmpdir(), "iac-check-big-"));
afterAll(() => rmSync(bigDir, { recursive: true, force: true }));
const queues = (count: number, padding = 0): string =>
  "Resources:\n" +
  Array.from({ length: count }, (_, i) => `  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: true\n${padding ? `      QueueName: q${i}-${"x".repeat(padding)}\n` : ""}`).join("");
const target500 = relative(PACKAGE_DIR, join(bigDir, "five-hundred.yaml"));
const target501 = relative(PACKAGE_DIR, join(bigDir, "five-hundred-one.yaml"));
const target10MB = relative(PACKAGE_DIR, join(bigDir, "ten-megabytes.yaml"));
const BIG_TARGETS = [target500, target501, target10MB];

beforeAll(async () => {
  writeFileSync(join(bigDir, "five-hundred.yaml"), queues(500));
  writeFileSync(join(bigDir, "five-hundred-one.yaml"), queues(501));
  writeFileSync(join(bigDir, "ten-megabytes.yaml"), queues(400, 26_000));
  ({ output, code } = await runJson(["fixtures/cloudformation", ...BIG_TARGETS]));
});

const FIXTURE_DIR = join(PACKAGE_DIR, "fixtures/cloudformation");
const FIXTURES = readdirSync(FIXTURE_DIR).sort();
const templateOf = (name: string): string => t(name, readdirSync(join(FIXTURE_DIR, name)).find((f) => f.startsWith("template."))!);

interface Expected {
  rule: string;
  line: number;
  severity: string;
  location?: string;
}

describe("iac-check on CloudFormation templates", () => {
  it("finds every template in the folder (and checks the big ones named beside it) and exits 1", () => {
    expect(code).toBe(1);
    expect(output.reports.map((r) => r.target).sort()).toEqual([...FIXTURES.map(templateOf), ...BIG_TARGETS].sort());
  });

  // Each fixture's expect.json lists every warning and error, in order: nothing missing, nothing extra.
  it.each(FIXTURES)("%s: exactly the findings its expect.json lists", (name) => {
    const expected = JSON.parse(readFileSync(join(FIXTURE_DIR, name, "expect.json"), "utf8")) as Expected[];
    const report = output.reports.find((r) => r.target === templateOf(name))!;
    const found = report.diagnostics
      .filter((d) => d.severity !== "info")
      .map((d): Expected => {
        expect(d.file).toBe(templateOf(name));
        return { rule: d.rule, line: d.line!, severity: d.severity, ...(d.location ? { location: d.location } : {}) };
      });
    expect(found).toEqual(expected);
  });

  it("reports the facts of a clean template", () => {
    expect(output.reports.find((r) => r.target === t("passing"))!.details).toMatchObject({ resources: 3, outputs: ["TopicArn"], nagPacks: ["AwsSolutions", "IacCheck"] });
  });

  it("says what is wrong in words", () => {
    const message = (name: string, rule: string): string => errorsOrWarnings(name).find((d) => d.rule === rule)!.message;
    expect(message("unknown-property", "cfn-validate/F3002")).toBe("CloudFormation validation: MessageRetentionDays: Additional properties are not allowed ('MessageRetentionDays' was unexpected)");
    expect(message("missing-required", "cfn-validate/F3003")).toBe("CloudFormation validation: Properties: 'KeySchema' is a required property");
    expect(errorsOrWarnings("bad-getatt").map((d) => d.message)).toEqual([
      expect.stringContaining("GetAtt 'DeadLetters.Arn' references a resource that does not exist"),
      expect.stringContaining("'${Missing}' does not reference a valid resource, parameter, or pseudo-parameter"),
      // The security rules could not run; the errors it points at are the two above.
      expect.stringMatching(/^cdk-nag could not load the template .* Fix the template errors above first$/),
    ]);
    expect(message("deprecated-runtime", "cfn-validate/W2531")).toMatch(/Runtime 'nodejs16\.x' was deprecated/);
    expect(message("nag-unacknowledged", "cdk-nag/AwsSolutions-S1")).toContain("add to the resource's Metadata: iac-check: { acknowledge: [{ id: AwsSolutions-S1");
    expect(errorsOrWarnings("ack-without-reason").map((d) => d.message)).toEqual([
      'the acknowledgement of AwsSolutions-SQS3 has no reason: add a "reason" saying why the finding is acceptable here, in at least 20 characters',
      'the acknowledgement of AwsSolutions-SQS4 gives the reason "fine" (4 characters): explain why the finding is acceptable here in at least 20 characters',
    ]);
    expect(message("not-yaml", "cloudformation/syntax")).toMatch(/^not valid YAML or JSON: /);
    expect(message("not-utf8", "cloudformation/syntax")).toMatch(/^the template is not valid UTF-8 \(it may be Latin-1 or Windows-1252\); CloudFormation reads UTF-8 only/);
    expect(message("alias-bomb", "cloudformation/syntax")).toMatch(/^YAML aliases expand more than 1000 times/);
    expect(message("sam-unsupported", "cloudformation/sam-not-checked")).toMatch(/^Nested \(AWS::Serverless::Application\) is a SAM resource type iac-check does not expand, so the security rules did not check what it deploys/);
    expect(message("sam-function", "cdk-nag/AwsSolutions-L1")).toContain("(also reported as Serverless-LambdaLatestVersion: the same problem, listed once)");
    expect(message("iam-admin-equivalent", "cdk-nag/IacCheck-IAMAdminEquivalent")).toMatch(/^An IAM policy statement grants administrator access: every action/);
    expect(errorsOrWarnings("ack-unknown-rule").map((d) => d.message).slice(0, 2)).toEqual([
      expect.stringMatching(/^the acknowledgement names AwsSolution-SQS4, which is not a rule of any cdk-nag pack .*; did you mean AwsSolutions-SQS4\?$/),
      expect.stringMatching(/^the acknowledgement names W2531, .*; CloudFormation validation findings \(E\/W\/F ids\) cannot be acknowledged, only fixed$/),
    ]);
  });

  it("passes alone with exit 0 and writes its report next to the template", async () => {
    const report = join(PACKAGE_DIR, "fixtures/cloudformation/passing/iac-check-report.json");
    try {
      const result = await runCli([t("passing")]);
      expect(result.code).toBe(0);
      const written = JSON.parse(readFileSync(report, "utf8"));
      expect(written.reports[0]).toMatchObject({ language: "cloudformation", target: t("passing"), diagnostics: [] });
    } finally {
      rmSync(report, { force: true });
    }
  });
});

describe("iac-check on big templates", () => {
  it("checks a 500-resource template and names each finding's logical id", () => {
    const target = target500;
    const report = output.reports.find((r) => r.target === target)!;
    expect(report.details.resources).toBe(500);
    const errors = errorsOf(output, target);
    expect(errors.some((d) => d.rule === "cdk-nag/not-run")).toBe(false);
    expect(errors).toContainEqual(expect.objectContaining({ rule: "cdk-nag/AwsSolutions-SQS3", location: "Queue499", line: 1 + 499 * 4 + 1 }));
  });

  it("fails 501 resources with CloudFormation's limit", () => {
    const target = target501;
    expect(errorsOf(output, target)).toContainEqual(expect.objectContaining({ rule: "cfn-validate/F0007", message: "CloudFormation validation: Template has 501 resources, maximum is 500" }));
  });

  it("refuses a 10 MB template without parsing it", () => {
    const target = target10MB;
    expect(errorsOf(output, target)).toEqual([expect.objectContaining({ file: target, line: 1, rule: "cloudformation/size", message: expect.stringMatching(/^the template is 10\.\d MB; CloudFormation accepts templates of at most 1 MB/) })]);
  });
});

describe("usage errors", () => {
  it.each([
    [[], "name at least one path to check"],
    [["--format", "xml", "."], '--format must be text or json, not "xml"'],
    [["--timeout", "soon", "."], '--timeout must be a positive number of seconds, not "soon"'],
    [["does/not/exist"], "does/not/exist: no such file or folder"],
    [["vitest.config.ts"], "vitest.config.ts: not something iac-check checks"],
  ])("%j exits 2 with a message", async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
