/**
 * tf-sec/cloudfront-origin-access-control: every S3 origin of an `aws_cloudfront_distribution`
 * uses origin access control (`origin_access_control_id`), not a legacy origin access identity
 * (`s3_origin_config { origin_access_identity = ... }`) or no access control at all.
 *
 * Rationale: without origin access control the bucket must be readable by others than
 * CloudFront; OAC signs every request with SigV4, supports SSE-KMS and all regions, and is what
 * AWS recommends over OAI.
 *
 * @example ok
 * ```hcl
 * resource "aws_cloudfront_distribution" "site" {
 *   enabled = true
 *   origin {
 *     domain_name              = "site.s3.eu-west-1.amazonaws.com"
 *     origin_id                = "site"
 *     origin_access_control_id = "E2QWRUHAPOMQZL"
 *   }
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_cloudfront_distribution" "site" {
 *   enabled = true
 *   origin {
 *     domain_name = "site.s3.eu-west-1.amazonaws.com"
 *     origin_id   = "site"
 *   }
 * }
 * ```
 */
import { attr, literalString, nested, resources, type Finding, type SecurityRule } from "./rule.js";

export const cloudfrontOriginAccessControl: SecurityRule = {
  id: "tf-sec/cloudfront-origin-access-control",
  rationale: "Let only CloudFront read S3 origins, through origin access control.",
  check(module) {
    const findings: Finding[] = [];
    for (const d of resources(module, "aws_cloudfront_distribution")) {
      for (const origin of nested(d, "origin")) {
        const domain = attr(origin, "domain_name");
        const literal = literalString(domain) ?? "";
        const isS3 =
          /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(literal) ||
          !!domain?.traversals.some((t) => t.parts[0] === "aws_s3_bucket" && (t.parts.includes("bucket_regional_domain_name") || t.parts.includes("bucket_domain_name")));
        const oai = nested(origin, "s3_origin_config").some((c) => !!attr(c, "origin_access_identity"));
        if (oai) {
          findings.push({ block: d, position: origin.position, message: `Origin of ${d.labels.join(".")} uses a legacy origin access identity: create an aws_cloudfront_origin_access_control and set origin_access_control_id instead.` });
        } else if (isS3 && !attr(origin, "origin_access_control_id")) {
          findings.push({ block: d, position: origin.position, message: `S3 origin of ${d.labels.join(".")} has no origin_access_control_id, so the bucket must be readable by others: add an aws_cloudfront_origin_access_control and reference it.` });
        }
      }
    }
    return findings;
  },
};
