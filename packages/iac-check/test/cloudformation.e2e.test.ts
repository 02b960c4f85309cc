// Every CloudFormation gate has a failing fixture, checked in one run; big inputs are generated here.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorsOf, PACKAGE_DIR, runCli, runJson, type JsonOutput } from "./run-cli.js";

const t = (name: string, file = "template.yaml"): string => `fixtures/cloudformation/${name}/${file}`;
let output: JsonOutput;
let code: number;

beforeAll(async () => {
  ({ output, code } = await runJson(["fixtures/cloudformation"]));
});

describe("iac-check on CloudFormation templates", () => {
  it("finds every template in the folder and exits 1", () => {
    expect(code).toBe(1);
    // One report per template file in the fixtures folder, whatever their number.
    const templates = readdirSync(join(PACKAGE_DIR, "fixtures/cloudformation"), { recursive: true, encoding: "utf8" })
      .filter((file) => /(^|\/)template\.(yaml|json)$/.test(file))
      .map((file) => `fixtures/cloudformation/${file}`);
    expect(templates.length).toBeGreaterThan(0);
    expect(output.reports.map((report) => report.target).sort()).toEqual(templates.sort());
  });

  it("passes clean YAML (with short-form tags) and JSON templates", () => {
    expect(errorsOf(output, t("passing"))).toEqual([]);
    expect(errorsOf(output, t("passing-json", "template.json"))).toEqual([]);
    expect(output.reports.find((r) => r.target === t("passing"))!.details).toMatchObject({ resources: 3, outputs: ["TopicArn"], nagPacks: ["AwsSolutions"] });
  });

  it("fails an unknown property at its own line", () => {
    expect(errorsOf(output, t("unknown-property"))).toContainEqual(
      expect.objectContaining({ line: 7, column: 7, rule: "cfn-validate/F3002", location: "Work", message: "CloudFormation validation: MessageRetentionDays: Additional properties are not allowed ('MessageRetentionDays' was unexpected)" }),
    );
  });

  it("fails a missing required property", () => {
    expect(errorsOf(output, t("missing-required"))).toContainEqual(expect.objectContaining({ line: 5, rule: "cfn-validate/F3003", location: "Items", message: "CloudFormation validation: Properties: 'KeySchema' is a required property" }));
  });

  it("fails GetAtt and Sub to things that do not exist", () => {
    const errors = errorsOf(output, t("bad-getatt"));
    expect(errors).toContainEqual(expect.objectContaining({ line: 9, rule: "cfn-validate/F6101", message: expect.stringContaining("GetAtt 'DeadLetters.Arn' references a resource that does not exist") }));
    expect(errors).toContainEqual(expect.objectContaining({ line: 11, message: expect.stringContaining("'${Missing}' does not reference a valid resource, parameter, or pseudo-parameter") }));
  });

  it("fails a deprecated runtime", () => {
    expect(errorsOf(output, t("deprecated-runtime"))).toContainEqual(expect.objectContaining({ line: 9, rule: "cfn-validate/W2531", message: expect.stringMatching(/Runtime 'nodejs16\.x' was deprecated/) }));
  });

  it("runs cdk-nag through cloudformation-include and says how to acknowledge in Metadata", () => {
    const errors = errorsOf(output, t("nag-unacknowledged"));
    expect(errors.map((d) => d.rule).sort()).toEqual(["cdk-nag/AwsSolutions-S1", "cdk-nag/AwsSolutions-S10"]);
    expect(errors[0]).toMatchObject({ line: 3, location: "Uploads", message: expect.stringContaining("add to the resource's Metadata: iac-check: { acknowledge: [{ id: AwsSolutions-S") });
  });

  it("fails acknowledgements without a real reason, at their line", () => {
    expect(errorsOf(output, t("ack-without-reason"))).toEqual([
      expect.objectContaining({ line: 8, rule: "acknowledgement/reason", message: 'the acknowledgement of AwsSolutions-SQS3 has no reason: add a "reason" saying why the finding is acceptable here, in at least 20 characters' }),
      expect.objectContaining({ line: 9, rule: "acknowledgement/reason", message: 'the acknowledgement of AwsSolutions-SQS4 gives the reason "fine" (4 characters): explain why the finding is acceptable here in at least 20 characters' }),
    ]);
  });

  it("explains a file that is not YAML, at the line of the mistake", () => {
    expect(errorsOf(output, t("not-yaml"))).toEqual([expect.objectContaining({ line: 4, rule: "cloudformation/syntax", message: expect.stringMatching(/^not valid YAML or JSON: /) })]);
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
  const dir = mkdtempSync(join(tmpdir(), "iac-check-big-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const queues = (count: number, padding = 0): string =>
    "Resources:\n" +
    Array.from({ length: count }, (_, i) => `  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: true\n${padding ? `      QueueName: q${i}-${"x".repeat(padding)}\n` : ""}`).join("");

  it("checks a 500-resource template and names each finding's logical id", async () => {
    const file = join(dir, "five-hundred.yaml");
    writeFileSync(file, queues(500));
    const target = relative(PACKAGE_DIR, file);
    const { output } = await runJson([target]);
    const report = output.reports[0]!;
    expect(report.details.resources).toBe(500);
    const errors = errorsOf(output, target);
    expect(errors.some((d) => d.rule === "cdk-nag/not-run")).toBe(false);
    expect(errors).toContainEqual(expect.objectContaining({ rule: "cdk-nag/AwsSolutions-SQS3", location: "Queue499", line: 1 + 499 * 4 + 1 }));
  });

  it("fails 501 resources with CloudFormation's limit", async () => {
    const file = join(dir, "five-hundred-one.yaml");
    writeFileSync(file, queues(501));
    const target = relative(PACKAGE_DIR, file);
    const { output } = await runJson([target]);
    expect(errorsOf(output, target)).toContainEqual(expect.objectContaining({ rule: "cfn-validate/F0007", message: "CloudFormation validation: Template has 501 resources, maximum is 500" }));
  });

  it("refuses a 10 MB template without parsing it", async () => {
    const file = join(dir, "ten-megabytes.yaml");
    writeFileSync(file, queues(400, 26_000));
    const target = relative(PACKAGE_DIR, file);
    const { output } = await runJson([target]);
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
