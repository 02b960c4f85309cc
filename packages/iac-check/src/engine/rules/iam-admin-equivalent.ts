/**
 * IacCheck-IAMAdminEquivalent: no IAM policy statement grants administrator access under another
 * name. `Action: "*"` is not the only way to write it: `Action: "*:*"` (every action of every
 * service) and `Effect: Allow` with `NotAction` (everything except the few actions listed) on
 * `Resource: "*"` grant the same. Checks the policy documents of AWS::IAM::Policy,
 * AWS::IAM::ManagedPolicy and the inline `Policies` of roles, users and groups, in CDK apps and
 * templates alike (the rule runs on the synthesized CloudFormation).
 *
 * Rationale: cdk-nag's AwsSolutions-IAM5 lists wildcards one by one, and on `NotAction` it fails
 * with "Rule threw an error"; none of its messages says "this is administrator access".
 *
 * @example ok
 * ```yaml
 * Statement:
 *   - Effect: Allow
 *     Action: ["dynamodb:GetItem", "dynamodb:Query"]
 *     Resource: arn:aws:dynamodb:us-east-1:123456789012:table/items
 *   - Effect: Deny
 *     NotAction: ["s3:GetObject"]
 *     Resource: "*"
 * ```
 * @example not-ok
 * ```yaml
 * Statement:
 *   - Effect: Allow
 *     Action: ["*:*"]
 *     Resource: "*"
 *   - Effect: Allow
 *     NotAction: ["iam:*"]
 *     Resource: "*"
 * ```
 */
import { CfnResource, Stack } from "aws-cdk-lib";
import { NagRuleCompliance } from "cdk-nag";

const POLICY_TYPES = new Set(["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"]);
const INLINE_POLICY_TYPES = new Set(["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]);

export const IAM_ADMIN_EQUIVALENT_INFO = 'An IAM policy statement grants administrator access: every action ("*", "*:*", or Allow with NotAction) on Resource "*".';
export const IAM_ADMIN_EQUIVALENT_EXPLANATION = "Every action on every resource lets one leaked credential or compromised function take over the account; grant the actions the workload calls on the resources it uses.";

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** `*`, `*:*`, `**`: patterns that match every action of every service. */
const everyAction = (action: unknown): boolean => typeof action === "string" && /^\*+(?::\*+)?$/.test(action.trim());

export function isAdminEquivalent(statement: unknown): boolean {
  if (!statement || typeof statement !== "object") return false;
  const s = statement as Record<string, unknown>;
  if ((s.Effect ?? "Allow") !== "Allow" || !asList(s.Resource).includes("*")) return false;
  return asList(s.Action).some(everyAction) || s.NotAction !== undefined;
}

/** The policy documents a resource carries, resolved to plain CloudFormation. */
function policyDocuments(node: CfnResource): unknown[] {
  type Rendered = { Resources: Record<string, { Properties?: Record<string, unknown> }> };
  const rendered = Stack.of(node).resolve((node as unknown as { _toCloudFormation(): Rendered })._toCloudFormation()) as Rendered;
  const properties = Object.values(rendered.Resources)[0]?.Properties ?? {};
  if (POLICY_TYPES.has(node.cfnResourceType)) return [properties.PolicyDocument];
  if (INLINE_POLICY_TYPES.has(node.cfnResourceType)) return asList(properties.Policies).map((p) => (p && typeof p === "object" ? (p as Record<string, unknown>).PolicyDocument : undefined));
  return [];
}

export function IAMAdminEquivalent(node: CfnResource): NagRuleCompliance {
  if (!POLICY_TYPES.has(node.cfnResourceType) && !INLINE_POLICY_TYPES.has(node.cfnResourceType)) return NagRuleCompliance.NOT_APPLICABLE;
  const statements = policyDocuments(node).flatMap((doc) => (doc && typeof doc === "object" ? asList((doc as Record<string, unknown>).Statement) : []));
  return statements.some(isAdminEquivalent) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
