/**
 * tf-sec/iam-no-admin-wildcard: no IAM policy allows `*` actions on `*` resources, and no
 * role, user or group gets the AWS managed `AdministratorAccess` policy. Checks `policy`
 * documents of aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy
 * and inline_policy blocks (written with `jsonencode({...})` or as literal JSON), and the
 * statements of `aws_iam_policy_document` data sources.
 *
 * Rationale: `"Action": "*"` on `"Resource": "*"` is full administrator access; one leaked
 * credential or compromised function then owns the account. Grant the actions the code calls
 * on the resources it uses.
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
async function policyDocument(a: TfAttribute): Promise<unknown> {
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

function isAdminStatement(s: unknown): boolean {
  if (!s || typeof s !== "object") return false;
  const st = s as Record<string, unknown>;
  return (st.Effect ?? "Allow") === "Allow" && asList(st.Action).includes("*") && asList(st.Resource).includes("*");
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
      if (statements.some(isAdminStatement)) {
        findings.push({ block: owner, position: a.position, message: `${owner.labels.join(".")} allows Action "*" on Resource "*" (full administrator access): list the actions the workload calls and the ARNs it uses.` });
      }
    };
    for (const p of resources(module, ...POLICY_RESOURCES)) await checkDocument(p, attr(p, "policy"));
    for (const role of resources(module, "aws_iam_role")) {
      for (const inline of nested(role, "inline_policy")) await checkDocument(role, attr(inline, "policy"));
    }
    for (const doc of dataSources(module, "aws_iam_policy_document")) {
      for (const st of nested(doc, "statement")) {
        const effect = literalString(attr(st, "effect")) ?? "Allow";
        if (effect === "Allow" && literalStrings(attr(st, "actions")).includes("*") && literalStrings(attr(st, "resources")).includes("*")) {
          findings.push({ block: doc, position: st.position, message: `data.${doc.labels.join(".")} has a statement allowing actions ["*"] on resources ["*"] (full administrator access): list the actions and ARNs the workload needs.` });
        }
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
