// Every CDK gate has a failing fixture; all of them are checked in ONE iac-check run, as CI does.
import { beforeAll, describe, expect, it } from "vitest";
import { errorsOf, runJson, type JsonOutput } from "./run-cli.js";

const FIXTURES = ["passing", "type-error", "deprecated-api", "deprecated-runtime", "unknown-property", "nag-unacknowledged", "ack-without-reason", "app-throws", "annotation-warning", "no-cdk-json"].map((name) => `fixtures/cdk/${name}`);

let output: JsonOutput;
let code: number;

beforeAll(async () => {
  ({ output, code } = await runJson(["--timeout", "240", ...FIXTURES]));
});

const messages = (target: string): string[] => errorsOf(output, target).map((d) => `${d.rule}: ${d.message}`);

describe("iac-check on CDK apps", () => {
  it("exits 1 because some apps fail, and checks every app with a cdk.json", () => {
    expect(code).toBe(1);
    expect(output.reports.map((r) => r.target).sort()).toEqual(FIXTURES.filter((f) => !f.endsWith("no-cdk-json")).sort());
  });

  it("passes a clean app and reports its stacks, resources, packs and timings", () => {
    expect(errorsOf(output, "fixtures/cdk/passing")).toEqual([]);
    const report = output.reports.find((r) => r.target === "fixtures/cdk/passing")!;
    expect(report.details.resourcesByType).toMatchObject({ "AWS::SQS::Queue": 2, "AWS::SQS::QueuePolicy": 2 });
    expect(report.details.nagPacks).toEqual(["AwsSolutions"]);
    expect(report.timingsMs.typecheck).toBeGreaterThan(0);
  });

  it("fails a TypeScript error with file, line and the compiler's message", () => {
    const errors = errorsOf(output, "fixtures/cdk/type-error");
    expect(errors).toContainEqual(expect.objectContaining({ file: "fixtures/cdk/type-error/bin/app.ts", line: 8, rule: "tsc/TS2322", message: "TypeScript: Type 'string' is not assignable to type 'number'." }));
  });

  it("fails a deprecated API both by the source lint and at runtime", () => {
    const found = messages("fixtures/cdk/deprecated-api");
    expect(found).toContainEqual(expect.stringMatching(/^deprecated-api\/jsdoc: 'pointInTimeRecovery' is deprecated: use `pointInTimeRecoverySpecification` instead/));
    expect(found).toContainEqual(expect.stringMatching(/^deprecated-api\/runtime: uses a deprecated API .*pointInTimeRecovery is deprecated/));
  });

  it("fails a deprecated Lambda runtime through CloudFormation validation", () => {
    expect(messages("fixtures/cdk/deprecated-runtime")).toContainEqual(expect.stringMatching(/^cfn-validate\/W2531: CloudFormation validation: Runtime: Runtime 'nodejs16.x' was deprecated/));
  });

  it("fails an unknown CloudFormation property and names the construct", () => {
    const errors = errorsOf(output, "fixtures/cdk/unknown-property");
    expect(errors).toContainEqual(expect.objectContaining({ rule: "cfn-validate/F3002", message: expect.stringContaining("'MessageRetentionDays' was unexpected"), location: expect.stringContaining("UnknownProperty/Work/Resource") }));
  });

  it("fails cdk-nag findings nobody acknowledged, and says how to acknowledge them", () => {
    const errors = errorsOf(output, "fixtures/cdk/nag-unacknowledged");
    expect(errors.map((d) => d.rule)).toEqual(expect.arrayContaining(["cdk-nag/AwsSolutions-S1", "cdk-nag/AwsSolutions-S10"]));
    expect(errors[0]!.message).toContain('Validations.of(<construct>).acknowledge({ id: "AwsSolutions-S');
    expect(errors[0]).toMatchObject({ file: "fixtures/cdk/nag-unacknowledged/bin/app.ts", line: 7, location: "NagUnacknowledged/Uploads/Resource" });
  });

  it("fails an acknowledgement whose reason is too short, and lists every acknowledgement", () => {
    expect(errorsOf(output, "fixtures/cdk/ack-without-reason")).toEqual([
      expect.objectContaining({ line: 8, rule: "acknowledgement/reason", message: 'the acknowledgement of AwsSolutions-SQS3 gives the reason "fine" (4 characters): explain why the finding is acceptable here in at least 20 characters' }),
    ]);
    expect(output.reports.find((r) => r.target === "fixtures/cdk/ack-without-reason")!.acknowledgements).toEqual([{ rule: "AwsSolutions-SQS3", location: "AckWithoutReason/Work", reason: "fine" }]);
  });

  it("reports an app that throws with its file, line and construct path", () => {
    expect(errorsOf(output, "fixtures/cdk/app-throws")).toEqual([
      expect.objectContaining({ file: "fixtures/cdk/app-throws/bin/app.ts", line: 7, rule: "synth/app-threw", location: "AppThrows/Reports", message: expect.stringContaining("Invalid S3 bucket name (value: Monthly_Reports)") }),
    ]);
  });

  it("fails warning annotations", () => {
    expect(messages("fixtures/cdk/annotation-warning")).toContainEqual("annotation/warning: warning annotation: This queue is only a fixture. [ack: fixture:warning] (`cdk synth --strict` fails on these; fix the cause or acknowledge the warning with its id)");
  });

  it("explains a CDK folder without cdk.json", () => {
    expect(output.diagnostics).toEqual([expect.objectContaining({ file: "fixtures/cdk/no-cdk-json", rule: "iac-check/no-targets", message: expect.stringMatching(/^no cdk\.json in fixtures\/cdk\/no-cdk-json: a CDK app folder needs a cdk\.json/) })]);
  });
});

describe("iac-check on an app that never returns", () => {
  it("stops it at the timeout, says so, and still checks the next app", async () => {
    const { code, output } = await runJson(["--timeout", "30", "fixtures/cdk/app-hangs", "fixtures/cdk/passing"]);
    expect(code).toBe(1);
    expect(errorsOf(output, "fixtures/cdk/app-hangs")).toEqual([
      expect.objectContaining({ file: "fixtures/cdk/app-hangs/bin/app.ts", rule: "synth/timeout", message: expect.stringMatching(/^the app did not finish within 30 s \(--timeout 30 s\): it hangs/) }),
    ]);
    expect(errorsOf(output, "fixtures/cdk/passing")).toEqual([]);
  });
});
