// One finding per problem. The AwsSolutions and Serverless packs check some things twice under
// two ids (a Lambda runtime that is not the latest is AwsSolutions-L1 and
// Serverless-LambdaLatestVersion, and cfn-lint's W2531 when it is deprecated outright); listing
// each is noise. Findings of one group on the same resource are merged into the first, which
// names the others, and acknowledging any cdk-nag member acknowledges the group.
import type { EngineAcknowledgement, EngineFinding } from "./protocol.js";

/** Each group, in the order of preference (the first present is kept). Ids are `source:rule`. */
export const EQUIVALENT_RULES: string[][] = [
  ["cfn-validate:W2531", "cdk-nag:AwsSolutions-L1", "cdk-nag:Serverless-LambdaLatestVersion"],
  ["cdk-nag:AwsSolutions-SQS3", "cdk-nag:Serverless-SQSRedrivePolicy"],
  ["cdk-nag:AwsSolutions-APIG1", "cdk-nag:Serverless-APIGWAccessLogging"],
  ["cdk-nag:AwsSolutions-SF2", "cdk-nag:Serverless-StepFunctionStateMachineXray"],
  // Administrator access: ours names it; IAM5 lists the action wildcard (and throws on NotAction),
  // cfn-lint warns about any NotAction.
  ["cdk-nag:IacCheck-IAMAdminEquivalent", "cdk-nag:AwsSolutions-IAM5[Action::*]", "cdk-nag:AwsSolutions-IAM5[Action::*:*]", "cdk-nag:AwsSolutions-IAM5", "cfn-validate:W2512"],
];

const groupOf = new Map(EQUIVALENT_RULES.flatMap((group) => group.map((id) => [id, group] as const)));

/**
 * `resourceOf` names the resource a finding or acknowledgement is about (a construct path, or a
 * logical id); acknowledgements apply to their construct and everything under it.
 */
export function mergeEquivalentFindings(findings: EngineFinding[], acknowledgements: EngineAcknowledgement[], resourceOf: (finding: EngineFinding) => string | undefined): EngineFinding[] {
  const byKey = new Map<string, EngineFinding[]>();
  for (const finding of findings) {
    const group = groupOf.get(`${finding.source}:${finding.ruleId}`);
    const resource = resourceOf(finding);
    if (!group || resource === undefined) continue;
    const key = `${group[0]}|${resource}`;
    byKey.set(key, [...(byKey.get(key) ?? []), finding]);
  }
  const dropped = new Set<EngineFinding>();
  const renamed = new Map<EngineFinding, EngineFinding>();
  for (const members of byKey.values()) {
    const group = groupOf.get(`${members[0]!.source}:${members[0]!.ruleId}`)!;
    const resource = resourceOf(members[0]!)!;
    const acknowledged = group.some((id) => id.startsWith("cdk-nag:") && acknowledgements.some((ack) => ack.ruleId === id.slice("cdk-nag:".length) && covers(ack.constructPath, resource)));
    const kept = acknowledged ? members.filter((f) => f.source !== "cdk-nag") : members;
    for (const finding of members) if (!kept.includes(finding)) dropped.add(finding);
    if (kept.length < 2) continue;
    kept.sort((a, b) => group.indexOf(`${a.source}:${a.ruleId}`) - group.indexOf(`${b.source}:${b.ruleId}`));
    const [first, ...others] = kept;
    renamed.set(first!, { ...first!, message: `${first!.message} (also reported as ${others.map((f) => f.ruleId).join(" and ")}: the same problem, listed once)` });
    for (const other of others) dropped.add(other);
  }
  return findings.filter((f) => !dropped.has(f)).map((f) => renamed.get(f) ?? f);
}

/** A template-wide acknowledgement covers every resource; a construct's covers its children. */
function covers(scope: string, resource: string): boolean {
  return scope === "(template)" || resource === scope || resource.startsWith(`${scope}/`);
}
