// How security-check turns iac-check's diagnostics into findings (problem + fix) or problems
// (could not check), and its exit code.
import { describe, expect, it } from "vitest";
import { classify, exitCode, renderMarkdown, type TargetReport } from "../src/security-check/report.js";

describe("classify", () => {
  it("cdk-nag: the summary is the problem, the explanation the fix, the pack's id the rule", () => {
    const { finding } = classify(
      {
        file: "template.yaml",
        line: 7,
        column: 3,
        severity: "error",
        rule: "cdk-nag/AwsSolutions-EC23",
        location: "AdminSecurityGroup",
        message: "The Security Group allows for 0.0.0.0/0 or ::/0 inbound access. Large port ranges expose instances. (cdk-nag AwsSolutions pack, AwsSolutions-EC23): fix it, or acknowledge it",
      },
      "warning",
    );
    expect(finding).toEqual({
      severity: "warning",
      rule: "AwsSolutions-EC23",
      file: "template.yaml",
      line: 7,
      column: 3,
      resource: "AdminSecurityGroup",
      problem: "The Security Group allows for 0.0.0.0/0 or ::/0 inbound access.",
      fix: "Large port ranges expose instances.",
    });
  });
  it("tf-sec: the text before the first colon is the problem, the rest the fix", () => {
    const { finding } = classify({ file: "main.tf", line: 11, severity: "error", rule: "tf-sec/sns-encryption", message: "SNS topic aws_sns_topic.t is not encrypted at rest: set kms_master_key_id." });
    expect(finding).toMatchObject({ rule: "tf-sec/sns-encryption", problem: "SNS topic aws_sns_topic.t is not encrypted at rest", fix: "Set kms_master_key_id." });
  });
  it("cfn-validate: the message is the problem, the fix points at the cfn-lint rule", () => {
    const { finding } = classify({ file: "t.yaml", line: 12, severity: "error", rule: "cfn-validate/W2508", message: "CloudFormation validation: Security group allows 0.0.0.0/0 access to sensitive port 22" });
    expect(finding).toMatchObject({ rule: "cfn-validate/W2508", problem: "Security group allows 0.0.0.0/0 access to sensitive port 22" });
    expect(finding!.fix).toContain("cfn-lint rule W2508");
  });
  it.each(["cloudformation/syntax", "tf/syntax", "synth/timeout", "cdk/cdk-json", "cdk-nag/not-run", "security-check/no-aws-cdk-lib"])("%s is a problem, not a finding", (rule) => {
    const result = classify({ file: "x", severity: "error", rule, message: "cannot" });
    expect(result).toEqual({ problem: { file: "x", rule, message: "cannot" } });
  });
});

describe("exit code", () => {
  const report = (over: Partial<TargetReport>): TargetReport => ({ target: "t", kind: "terraform", checkedWith: [], findings: [], problems: [], acknowledged: [], ...over });
  const warning = { severity: "warning" as const, rule: "r", file: "f", problem: "p", fix: "x" };
  it("0 below the threshold, 1 at or above it, 2 when anything could not be checked", () => {
    expect(exitCode([report({ findings: [warning] })], "error")).toBe(0);
    expect(exitCode([report({ findings: [warning] })], "warning")).toBe(1);
    expect(exitCode([report({ findings: [warning] }), report({ problems: [{ file: "t", rule: "tf/syntax", message: "m" }] })], "warning")).toBe(2);
  });
  it("says so in the markdown, and lists info findings only at --severity info", () => {
    const info = { ...warning, severity: "info" as const, rule: "informational" };
    expect(renderMarkdown([report({ findings: [warning, info] })], "error")).toContain("Result: nothing at or above error (exit 0).");
    expect(renderMarkdown([report({ findings: [warning, info] })], "error")).not.toContain("informational");
    expect(renderMarkdown([report({ findings: [warning, info] })], "info")).toContain("| info     | informational |");
  });
});
