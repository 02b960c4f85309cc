// checkTemplates' extraAcknowledgements: acknowledgements that come from outside the template
// (the skill's security-check reads them from a cloud assembly's metadata) work as Metadata ones do.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import type * as CheckTemplatesModule from "../src/cloudformation/check-templates.js";
import type * as HostClientModule from "../src/engine/host-client.js";

// From dist: the engine host is forked from dist/engine/host.js (turbo builds before testing). The
// specifiers are typed as plain strings so the typecheck task, which runs before the package's own
// build, takes the types from src/ instead of resolving dist/.
const { checkTemplates } = (await import("../dist/cloudformation/check-templates.js" as string)) as typeof CheckTemplatesModule;
const { closeEngine } = (await import("../dist/engine/host-client.js" as string)) as typeof HostClientModule;

const cfnLintBefore = process.env.IAC_CHECK_CFN_LINT;
process.env.IAC_CHECK_CFN_LINT = "0";
const dir = mkdtempSync(join(tmpdir(), "iac-check-extra-acks-"));
afterAll(async () => {
  await closeEngine();
  // Test files share a worker process (and pass their environment to the CLIs they spawn).
  if (cfnLintBefore === undefined) delete process.env.IAC_CHECK_CFN_LINT;
  else process.env.IAC_CHECK_CFN_LINT = cfnLintBefore;
  rmSync(dir, { recursive: true, force: true });
});

const TEMPLATE = `Resources:
  Admin:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
`;

it("acknowledges a finding on the named resource and lists the acknowledgement", async () => {
  const plain = join(dir, "plain.yaml");
  const acknowledged = join(dir, "acknowledged.yaml");
  writeFileSync(plain, TEMPLATE);
  writeFileSync(acknowledged, TEMPLATE);
  const reason = "a bastion reached from anywhere during an incident drill";
  const [before, after] = await checkTemplates([plain, acknowledged], {
    fix: false,
    timeoutMs: 300_000,
    extraAcknowledgements: new Map([[acknowledged, [{ logicalId: "Admin", id: "AwsSolutions-EC23", reason }]]]),
  });
  expect(before!.diagnostics.map((d) => d.rule)).toContain("cdk-nag/AwsSolutions-EC23");
  expect(after!.diagnostics.map((d) => d.rule)).not.toContain("cdk-nag/AwsSolutions-EC23");
  expect(after!.acknowledgements).toEqual([{ rule: "AwsSolutions-EC23", location: "Admin", reason }]);
});
