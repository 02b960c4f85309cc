/**
 * tf-sec/iam-no-admin-wildcard: no IAM policy statement allows every action on every resource,
 * however it is spelled, and no role, user or group gets the AWS managed `AdministratorAccess`
 * policy. Every action: `Action` `"*"` or `"*:*"` (any run of `*`), or `NotAction` (every action
 * but a few) on `Resource "*"`; every resource: `"*"` or `arn:aws:*:*:*:*`, or `NotResource`
 * with every action. Checks `policy` documents of aws_iam_policy, aws_iam_role_policy,
 * aws_iam_user_policy, aws_iam_group_policy and inline_policy blocks (written with
 * `jsonencode({...})` or as literal JSON), and the statements of `aws_iam_policy_document` data
 * sources (`actions`, `not_actions`, `resources`, `not_resources`).
 *
 * Service wildcards such as `iam:*` or `s3:*` are not this rule's business: they are broad but
 * not every action, and which of them lead to administrator access (through `iam:*`, `iam:Attach*`,
 * `iam:PassRole`...) is privilege-escalation analysis, not a pattern match.
 *
 * Rationale: `"Action": "*"` on `"Resource": "*"` is full administrator access; one leaked
 * credential or compromised function then owns the account. `Allow` with `NotAction` on every
 * resource is the same minus a few actions. Grant the actions the code calls on the resources it
 * uses.
 *
 * @example ok
 * ```hcl
 * data "aws_iam_policy_document" "read_items" {
 *   statement {
 *     actions   = ["dynamodb:GetItem", "dynamodb:Query"]
 *     resources = ["arn:aws:dynamodb:*:*:table/items"]
 *   }
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_iam_policy" "admin" {
 *   policy = jsonencode({
 *     Version   = "2012-10-17"
 *     Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
 *   })
 * }
 * ```
 */
import { parse as hclToJson } from "@cdktn/hcl2json";
import type { TfAttribute, TfBlock } from "../model.js";
import { attr, dataSources, literalString, literalStrings, nested, resources, type Finding, type SecurityRule } from "./rule.js";

const POLICY_RESOURCES = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"];
const ATTACHMENTS = ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"];

/** The policy document an argument holds, when it is literal enough to read offline. */
export async function policyDocument(a: TfAttribute): Promise<unknown> {
  const literal = literalString(a);
  if (literal !== undefined) {
    try {
      return JSON.parse(literal);
    } catch {
      return undefined;
    }
  }
  const m = /^jsonencode\(([\s\S]*)\)\s*$/.exec(a.expression.trim());
  if (!m) return undefined;
  try {
    // hcl2json turns the HCL object into JSON; non-literal parts stay `${...}` strings.
    const json = await hclToJson("policy.tf", `policy = ${m[1]}\n`);
    return json.policy;
  } catch {
    return undefined;
  }
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const strings = (v: unknown): string[] => asList(v).filter((x): x is string => typeof x === "string" && !x.includes("${"));

/** `*`, `*:*`, `**`: a pattern that matches every action of every service. */
const isEveryAction = (a: string): boolean => /^\*+(:\*+)?$/.test(a.trim());
/** `*`, or an ARN pattern whose every part is a wildcard. */
const isEveryResource = (r: string): boolean => /^(\*+|arn:(\*|aws[a-z-]*):\*+:\*+:\*+:\*+)$/.test(r.trim());

interface Statement {
  effect: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
}

/** What makes the statement administrator access, in the statement's own words; undefined if nothing does. */
export function adminGrant(st: Statement): string | undefined {
  if (st.effect !== "Allow") return undefined;
  const everyAction = st.actions?.find(isEveryAction);
  const everyResource = st.resources?.find(isEveryResource);
  const notActions = st.notActions ?? [];
  if (everyAction && everyResource) return `Action "${everyAction}" on Resource "${everyResource}"`;
  if (notActions.length && !notActions.some(isEveryAction) && everyResource) return `every action except NotAction ${JSON.stringify(notActions)} on Resource "${everyResource}"`;
  if (everyAction && st.notResources?.length) return `Action "${everyAction}" on every resource except NotResource ${JSON.stringify(st.notResources)}`;
  return undefined;
}

function jsonStatement(s: unknown): Statement | undefined {
  if (!s || typeof s !== "object" || Array.isArray(s)) return undefined;
  const st = s as Record<string, unknown>;
  return {
    effect: typeof st.Effect === "string" ? st.Effect : "Allow",
    actions: st.Action === undefined ? undefined : strings(st.Action),
    notActions: st.NotAction === undefined ? undefined : strings(st.NotAction),
    resources: st.Resource === undefined ? undefined : strings(st.Resource),
    notResources: st.NotResource === undefined ? undefined : strings(st.NotResource),
  };
}

export const iamNoAdminWildcard: SecurityRule = {
  id: "tf-sec/iam-no-admin-wildcard",
  rationale: "Grant least privilege: never allow every action on every resource.",
  async check(module) {
    const findings: Finding[] = [];
    const checkDocument = async (owner: TfBlock, a: TfAttribute | undefined): Promise<void> => {
      if (!a) return;
      const doc = await policyDocument(a);
      const statements = doc && typeof doc === "object" ? asList((doc as Record<string, unknown>).Statement) : [];
      for (const st of statements) {
        const grant = jsonStatement(st) && adminGrant(jsonStatement(st)!);
        if (grant) findings.push({ block: owner, position: a.position, message: `${owner.labels.join(".")} allows ${grant} (administrator access): list the actions the workload calls and the ARNs it uses.` });
      }
    };
    for (const p of resources(module, ...POLICY_RESOURCES)) await checkDocument(p, attr(p, "policy"));
    for (const role of resources(module, "aws_iam_role")) {
      for (const inline of nested(role, "inline_policy")) await checkDocument(role, attr(inline, "policy"));
    }
    for (const doc of dataSources(module, "aws_iam_policy_document")) {
      for (const st of nested(doc, "statement")) {
        const list = (name: string): string[] | undefined => (attr(st, name) ? literalStrings(attr(st, name)) : undefined);
        const grant = adminGrant({ effect: literalString(attr(st, "effect")) ?? "Allow", actions: list("actions"), notActions: list("not_actions"), resources: list("resources"), notResources: list("not_resources") });
        if (grant) findings.push({ block: doc, position: st.position, message: `data.${doc.labels.join(".")} has a statement allowing ${grant} (administrator access): list the actions and ARNs the workload needs.` });
      }
    }
    for (const a of resources(module, ...ATTACHMENTS)) {
      const arn = literalString(attr(a, "policy_arn"));
      if (arn?.endsWith(":policy/AdministratorAccess")) {
        findings.push({ block: a, position: attr(a, "policy_arn")!.position, message: `${a.labels.join(".")} attaches AdministratorAccess: attach a policy scoped to what the principal needs.` });
      }
    }
    return findings;
  },
};
