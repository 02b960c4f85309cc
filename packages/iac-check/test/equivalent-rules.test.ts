import { describe, expect, it } from "vitest";
import { mergeEquivalentFindings } from "../src/engine/equivalent-rules.js";
import type { EngineFinding } from "../src/engine/protocol.js";

const finding = (source: EngineFinding["source"], ruleId: string, constructPath: string): EngineFinding => ({ source, ruleId, severity: "error", message: `${ruleId} says so`, constructPath });
const byPath = (f: EngineFinding) => f.constructPath;

describe("mergeEquivalentFindings", () => {
  it("keeps the first of a group on one resource and names the others in its message", () => {
    const merged = mergeEquivalentFindings(
      [finding("cdk-nag", "Serverless-LambdaLatestVersion", "S/Fn/Resource"), finding("cdk-nag", "AwsSolutions-L1", "S/Fn/Resource"), finding("cfn-validate", "W2531", "S/Fn/Resource")],
      [],
      byPath,
    );
    expect(merged).toEqual([{ ...finding("cfn-validate", "W2531", "S/Fn/Resource"), message: "W2531 says so (also reported as AwsSolutions-L1 and Serverless-LambdaLatestVersion: the same problem, listed once)" }]);
  });

  it("leaves findings on different resources, and unrelated rules, alone", () => {
    const findings = [finding("cdk-nag", "AwsSolutions-SQS3", "S/A/Resource"), finding("cdk-nag", "Serverless-SQSRedrivePolicy", "S/B/Resource"), finding("cdk-nag", "AwsSolutions-SQS4", "S/A/Resource")];
    expect(mergeEquivalentFindings(findings, [], byPath)).toEqual(findings);
  });

  it("treats an acknowledgement of one cdk-nag id of a group, on the resource or a parent, as acknowledging the group", () => {
    const findings = [finding("cdk-nag", "Serverless-SQSRedrivePolicy", "S/Queue/Resource"), finding("cdk-nag", "Serverless-SQSRedrivePolicy", "S/Other/Resource")];
    const acknowledged = mergeEquivalentFindings(findings, [{ ruleId: "AwsSolutions-SQS3", constructPath: "S/Queue", reason: "consumers are idempotent; a DLQ adds nothing" }], byPath);
    expect(acknowledged).toEqual([findings[1]]);
  });
});
