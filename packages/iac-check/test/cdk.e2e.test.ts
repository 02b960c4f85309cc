// Every CDK gate has a failing fixture; all of them are checked in ONE iac-check run, as CI does,
// and each app's findings are compared in full (rule, file, line): nothing missing, nothing extra.
import { beforeAll, describe, expect, it } from "vitest";
import { EXPECTED, type Expected } from "./cdk-expected.js";
import { errorsOf, runJson, type JsonOutput } from "./run-cli.js";

// The app whose promise is rejected comes first: the apps after it must not hear of it.
const ORDER = ["rejected-promise", ...Object.keys(EXPECTED).filter((name) => name !== "rejected-promise")];
const FIXTURES = [...ORDER, "no-cdk-json"].map((name) => `fixtures/cdk/${name}`);

let output: JsonOutput;
let code: number;
let stderr: string;
// The run is told of a shared engine that is not there (iac-check-share gone, a stale variable):
// it must check everything in its own process, with the same findings, and say so once.
const NO_ENGINE = "/nonexistent/iac-check-share/iac-check.sock";

beforeAll(async () => {
  ({ output, code, stderr } = await runJson(["--timeout", "240", ...FIXTURES], { IAC_CHECK_SHARED_ENGINE: NO_ENGINE }));
});

const findings = (name: string) => {
  const report = output.reports.find((r) => r.target === `fixtures/cdk/${name}`);
  if (!report) throw new Error(`no report for ${name}`);
  return report.diagnostics.filter((d) => d.severity !== "info");
};
const messageOf = (name: string, rule: string): string => findings(name).find((d) => d.rule === rule)!.message;

describe("iac-check on CDK apps", () => {
  it("exits 1 because some apps fail, and checks every app with a cdk.json", () => {
    expect(code).toBe(1);
    expect(output.reports.map((r) => r.target).sort()).toEqual(FIXTURES.filter((f) => !f.endsWith("no-cdk-json")).sort());
  });

  it.each(Object.entries(EXPECTED))("%s: exactly the expected findings", (name, expected) => {
    const found = findings(name).map((d): Expected => [d.rule, d.file.replace(`fixtures/cdk/${name}/`, ""), d.line]);
    expect(found).toEqual(expected);
  });

  it("passes a clean app and reports its stacks, resources, packs and timings", () => {
    const report = output.reports.find((r) => r.target === "fixtures/cdk/passing")!;
    expect(report.details.resourcesByType).toMatchObject({ "AWS::SQS::Queue": 2, "AWS::SQS::QueuePolicy": 2 });
    expect(report.details.nagPacks).toEqual(["AwsSolutions", "IacCheck"]);
    expect(report.timingsMs.typecheck).toBeGreaterThan(0);
  });

  it("says what is wrong in words", () => {
    expect(messageOf("type-error", "tsc/TS2322")).toBe("TypeScript: Type 'string' is not assignable to type 'number'.");
    expect(messageOf("deprecated-api", "deprecated-api/jsdoc")).toMatch(/^'pointInTimeRecovery' is deprecated: use `pointInTimeRecoverySpecification` instead/);
    expect(messageOf("deprecated-api", "deprecated-api/runtime")).toMatch(/^uses a deprecated API .*pointInTimeRecovery is deprecated/);
    expect(messageOf("deprecated-runtime", "cfn-validate/W2531")).toMatch(/Runtime 'nodejs16\.x' was deprecated.*\(also reported as AwsSolutions-L1 and Serverless-LambdaLatestVersion: the same problem, listed once\)$/);
    expect(messageOf("unknown-property", "cfn-validate/F3002")).toContain("'MessageRetentionDays' was unexpected");
    expect(messageOf("nag-unacknowledged", "cdk-nag/AwsSolutions-S1")).toContain('Validations.of(<construct>).acknowledge({ id: "AwsSolutions-S1"');
    expect(messageOf("ack-without-reason", "acknowledgement/reason")).toBe('the acknowledgement of AwsSolutions-SQS3 gives the reason "fine" (4 characters): explain why the finding is acceptable here in at least 20 characters');
    expect(messageOf("app-throws", "synth/app-threw")).toContain("Invalid S3 bucket name (value: Monthly_Reports)");
    expect(messageOf("annotation-warning", "annotation/warning")).toBe("warning annotation: This queue is only a fixture. [ack: fixture:warning] (`cdk synth --strict` fails on these; fix the cause or acknowledge the warning with its id)");
    expect(messageOf("no-stacks", "synth/no-stacks")).toMatch(/^the app synthesized no stack, so nothing was validated or security-checked/);
    expect(messageOf("rejected-promise", "synth/app-threw")).toBe("the app left a promise rejected that nothing handled (an `await` that failed in an async main?): settings service unreachable");
    expect(messageOf("cdk-json-null", "cdk/cdk-json")).toBe('cdk.json must be a JSON object such as {"app": "npx tsx bin/app.ts"}, not null');
    expect(messageOf("cdk-json-app-not-string", "cdk/cdk-json")).toBe('cdk.json\'s "app" must be a command string such as "npx tsx bin/app.ts", not an array');
    expect(messageOf("cdk-json-context-not-object", "cdk/cdk-json")).toBe('cdk.json\'s "context" must be an object of context keys and values, not the string "prod"');
    expect(messageOf("cdk-json-invalid", "cdk/cdk-json")).toMatch(/^cdk\.json is not valid JSON \(.*\): fix the syntax$/);
    expect(messageOf("iam-admin-equivalent", "cdk-nag/IacCheck-IAMAdminEquivalent")).toMatch(/^An IAM policy statement grants administrator access/);
    expect(messageOf("ack-unknown-rule", "acknowledgement/unknown-rule")).toMatch(/^the acknowledgement names AwsSolution-SQS4, which is not a rule of any cdk-nag pack .*; did you mean AwsSolutions-SQS4\?$/);
  });

  it("locates findings at the construct", () => {
    expect(findings("nag-unacknowledged")[0]).toMatchObject({ location: "NagUnacknowledged/Uploads/Resource" });
    expect(findings("app-throws")[0]).toMatchObject({ location: "AppThrows/Reports" });
    expect(findings("unknown-property")[0]!.location).toContain("UnknownProperty/Work/Resource");
  });

  it("lists every acknowledgement", () => {
    expect(output.reports.find((r) => r.target === "fixtures/cdk/ack-without-reason")!.acknowledgements).toEqual([{ rule: "AwsSolutions-SQS3", location: "AckWithoutReason/Work", reason: "fine" }]);
  });

  it("checks in its own process when the shared engine is not there, and says so once", () => {
    const notes = stderr.split("\n").filter((line) => line.includes("shared engine"));
    expect(notes).toEqual([expect.stringMatching(new RegExp(`^iac-check: the shared engine \\(IAC_CHECK_SHARED_ENGINE=${NO_ENGINE}\\) is not available \\(.*ENOENT.*\\): checking in this process$`))]);
  });

  it("explains a CDK folder without cdk.json", () => {
    expect(output.diagnostics).toEqual([expect.objectContaining({ file: "fixtures/cdk/no-cdk-json", rule: "iac-check/no-targets", message: expect.stringMatching(/^no cdk\.json in fixtures\/cdk\/no-cdk-json: a CDK app folder needs a cdk\.json/) })]);
  });
});

describe("iac-check on an app that never returns", () => {
  it("stops it at the timeout, says so, and still checks the next app", async () => {
    // The limit also bounds the next app on a fresh engine. The host builds the validation engine
    // before it reports ready, so the clock runs for the app alone (an SQS queue, about a second
    // on a quiet machine): 30 s leaves room for a busy one. The test waits out the hang's 30 s.
    const { code, output } = await runJson(["--timeout", "30", "fixtures/cdk/app-hangs", "fixtures/cdk/passing"]);
    expect(code).toBe(1);
    expect(errorsOf(output, "fixtures/cdk/app-hangs")).toEqual([
      expect.objectContaining({ file: "fixtures/cdk/app-hangs/bin/app.ts", rule: "synth/timeout", message: expect.stringMatching(/^the app did not finish within 30 s \(--timeout 30 s\): it hangs/) }),
    ]);
    expect(errorsOf(output, "fixtures/cdk/passing")).toEqual([]);
  });
});
