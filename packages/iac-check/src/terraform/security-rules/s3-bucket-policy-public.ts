/**
 * tf-sec/s3-bucket-policy-public: an `aws_s3_bucket_policy` has no `Allow` statement for every
 * principal (`Principal "*"`, `{ AWS = "*" }`) without a `Condition`. Reads the policy when it is
 * written with `jsonencode({...})` or as literal JSON, and the statements of the
 * `aws_iam_policy_document` data source it references (`principals { type = "*" }` or
 * `type = "AWS"` with identifier `"*"`, and no `condition` block). `Deny` statements for everyone,
 * such as "deny requests without TLS", are what they should be and are not flagged.
 *
 * Rationale: `Principal "*"` without a condition grants the actions to anyone on the internet,
 * past any public access block that is off; it is how most S3 data leaks happen. Name the
 * principals (an account, a role, `cloudfront.amazonaws.com`), or narrow everyone with a
 * condition such as `aws:SourceArn`, `aws:SourceVpce` or `aws:PrincipalOrgID`.
 *
 * @example ok
 * ```hcl
 * resource "aws_s3_bucket_policy" "site" {
 *   bucket = "example-site"
 *   policy = jsonencode({
 *     Version = "2012-10-17"
 *     Statement = [{
 *       Effect    = "Allow"
 *       Principal = { Service = "cloudfront.amazonaws.com" }
 *       Action    = "s3:GetObject"
 *       Resource  = "arn:aws:s3:::example-site/*"
 *       Condition = { StringEquals = { "aws:SourceArn" = "arn:aws:cloudfront::111122223333:distribution/E1" } }
 *     }]
 *   })
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_s3_bucket_policy" "site" {
 *   bucket = "example-site"
 *   policy = jsonencode({
 *     Version   = "2012-10-17"
 *     Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::example-site/*" }]
 *   })
 * }
 * ```
 */
import type { TfBlock } from "../model.js";
import { policyDocument } from "./iam-no-admin-wildcard.js";
import { attr, dataSources, literalString, literalStrings, nested, resources, type Finding, type SecurityRule } from "./rule.js";

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** `"*"`, or `{ AWS = "*" }` / `{ AWS = ["*"] }`: every principal, authenticated or not. */
function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (!principal || typeof principal !== "object" || Array.isArray(principal)) return false;
  return asList((principal as Record<string, unknown>).AWS).includes("*");
}

function publicJsonStatements(doc: unknown): number {
  const statements = doc && typeof doc === "object" ? asList((doc as Record<string, unknown>).Statement) : [];
  return statements.filter((s) => {
    if (!s || typeof s !== "object") return false;
    const st = s as Record<string, unknown>;
    const condition = st.Condition;
    const unconditioned = condition === undefined || (typeof condition === "object" && condition !== null && Object.keys(condition).length === 0);
    return (st.Effect ?? "Allow") === "Allow" && isEveryone(st.Principal) && unconditioned;
  }).length;
}

/** Statements of an aws_iam_policy_document that allow everyone with no condition. */
function publicDocumentStatements(doc: TfBlock): TfBlock[] {
  return nested(doc, "statement").filter((st) => {
    if ((literalString(attr(st, "effect")) ?? "Allow") !== "Allow" || nested(st, "condition").length > 0) return false;
    return nested(st, "principals").some((p) => {
      const type = literalString(attr(p, "type"));
      return (type === "*" || type === "AWS") && literalStrings(attr(p, "identifiers")).includes("*");
    });
  });
}

const ADVICE = "name the principals (an account, a role, a service with aws:SourceArn), or add a Condition (aws:SourceVpce, aws:PrincipalOrgID...) that narrows everyone";

export const s3BucketPolicyPublic: SecurityRule = {
  id: "tf-sec/s3-bucket-policy-public",
  rationale: "A bucket policy must not allow everyone without a condition: that makes the data public.",
  async check(module) {
    const findings: Finding[] = [];
    const reportedDocuments = new Set<TfBlock>();
    for (const policy of resources(module, "aws_s3_bucket_policy")) {
      const a = attr(policy, "policy");
      if (!a) continue;
      const ref = a.traversals.find((t) => t.parts[0] === "data" && t.parts[1] === "aws_iam_policy_document");
      if (ref) {
        const doc = dataSources(module, "aws_iam_policy_document").find((d) => d.labels[1] === ref.parts[2]);
        if (!doc || reportedDocuments.has(doc)) continue;
        reportedDocuments.add(doc);
        for (const st of publicDocumentStatements(doc)) {
          findings.push({ block: doc, position: st.position, message: `data.${doc.labels.join(".")} (the policy of ${policy.labels.join(".")}) allows every principal ("*") with no condition: anyone on the internet gets these actions; ${ADVICE}.` });
        }
        continue;
      }
      if (publicJsonStatements(await policyDocument(a)) > 0) {
        findings.push({ block: policy, position: a.position, message: `${policy.labels.join(".")} allows Principal "*" with no Condition: anyone on the internet gets these actions; ${ADVICE}.` });
      }
    }
    return findings;
  },
};
