// setNagExplanations(true) makes each cdk-nag finding carry the rule's explanation after its
// summary (the skill's security-check prints it as the fix); off, the message is the summary only.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Stack, aws_ec2 as ec2 } from "aws-cdk-lib";
import { afterAll, expect, it } from "vitest";
import { addNagPacks, setNagExplanations } from "../src/engine/nag-packs.js";

const dir = mkdtempSync(join(tmpdir(), "iac-check-nag-"));
// Only cdk-nag is under test: skip the CloudFormation validation engine's pass on each synth.
process.env.CDK_VALIDATION = "false";
afterAll(() => {
  delete process.env.CDK_VALIDATION;
  setNagExplanations(false);
  rmSync(dir, { recursive: true, force: true });
});

function openSshDescription(explain: boolean, outdir: string): string {
  setNagExplanations(explain);
  const app = new App({ outdir, context: { "@aws-cdk/core:failSynthOnValidationErrors": false } });
  const stack = new Stack(app, "S");
  new ec2.CfnSecurityGroup(stack, "Admin", { groupDescription: "admin", securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIp: "0.0.0.0/0" }] });
  addNagPacks(app);
  app.synth();
  const report = JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8")) as { pluginReports: { violations: { ruleName: string; description: string }[] }[] };
  return report.pluginReports.flatMap((p) => p.violations).find((v) => v.ruleName === "AwsSolutions-EC23")!.description;
}

it("adds the explanation only when asked", () => {
  const summary = "The Security Group allows for 0.0.0.0/0 or ::/0 inbound access.";
  expect(openSshDescription(false, join(dir, "short"))).toBe(summary);
  const explained = openSshDescription(true, join(dir, "explained"));
  expect(explained.startsWith(`${summary} `)).toBe(true);
  expect(explained.length).toBeGreaterThan(summary.length + 40);
});
