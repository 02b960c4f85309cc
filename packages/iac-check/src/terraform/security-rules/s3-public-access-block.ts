/**
 * tf-sec/s3-public-access-block: every `aws_s3_bucket` has an `aws_s3_bucket_public_access_block`
 * with all four settings true (or the module sets them account-wide with
 * `aws_s3_account_public_access_block`), and no `aws_s3_bucket_acl` grants public access.
 *
 * Rationale: a public bucket is the most common AWS data leak; blocking public ACLs and
 * policies makes a later mistake in a policy or ACL unable to expose the data.
 *
 * @example ok
 * ```hcl
 * resource "aws_s3_bucket" "data" {
 *   bucket_prefix = "data-"
 * }
 *
 * resource "aws_s3_bucket_public_access_block" "data" {
 *   bucket                  = aws_s3_bucket.data.id
 *   block_public_acls       = true
 *   block_public_policy     = true
 *   ignore_public_acls      = true
 *   restrict_public_buckets = true
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_s3_bucket" "data" {
 *   bucket_prefix = "data-"
 * }
 *
 * resource "aws_s3_bucket_public_access_block" "data" {
 *   bucket                  = aws_s3_bucket.data.id
 *   block_public_acls       = true
 *   block_public_policy     = false
 *   ignore_public_acls      = true
 *   restrict_public_buckets = true
 * }
 * ```
 */
import { attr, linked, literalBool, literalString, resources, type Finding, type SecurityRule } from "./rule.js";

const SETTINGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];
const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);

export const s3PublicAccessBlock: SecurityRule = {
  id: "tf-sec/s3-public-access-block",
  rationale: "Block public ACLs and policies on every bucket so one mistaken policy cannot expose data.",
  check(module) {
    const findings: Finding[] = [];
    const accountWide = resources(module, "aws_s3_account_public_access_block").some((b) => SETTINGS.every((s) => literalBool(attr(b, s)) !== false && attr(b, s)));
    for (const bucket of resources(module, "aws_s3_bucket")) {
      const blocks = linked(module, "aws_s3_bucket_public_access_block", "bucket", bucket);
      if (blocks.length === 0 && !accountWide) {
        findings.push({ block: bucket, message: `S3 bucket ${bucket.labels.join(".")} has no aws_s3_bucket_public_access_block: add one with bucket = aws_s3_bucket.${bucket.labels[1]}.id and ${SETTINGS.join(", ")} = true.` });
      }
      for (const pab of blocks) {
        const off = SETTINGS.filter((s) => literalBool(attr(pab, s)) !== true && !attr(pab, s)?.traversals.length);
        if (off.length) {
          findings.push({ block: bucket, position: (attr(pab, off[0]!) ?? pab).position, message: `${pab.labels.join(".")} leaves ${off.join(", ")} unset or false, so bucket ${bucket.labels.join(".")} can become public: set all four to true.` });
        }
      }
      for (const acl of linked(module, "aws_s3_bucket_acl", "bucket", bucket)) {
        const value = literalString(attr(acl, "acl"));
        if (value && PUBLIC_ACLS.has(value)) {
          findings.push({ block: bucket, position: attr(acl, "acl")!.position, message: `${acl.labels.join(".")} grants the "${value}" ACL on ${bucket.labels.join(".")}: use "private" and share through CloudFront or presigned URLs.` });
        }
      }
    }
    return findings;
  },
};
