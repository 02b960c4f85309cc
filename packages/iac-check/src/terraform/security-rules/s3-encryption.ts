/**
 * tf-sec/s3-encryption: every `aws_s3_bucket` has an
 * `aws_s3_bucket_server_side_encryption_configuration` that references it.
 *
 * Rationale: S3 encrypts new objects with SSE-S3 by default (since January 2023), but only a
 * declared configuration makes the key choice explicit and reviewable, and lets you choose
 * SSE-KMS with bucket keys when key access must be audited or revocable.
 *
 * @example ok
 * ```hcl
 * resource "aws_s3_bucket" "data" {
 *   bucket_prefix = "data-"
 * }
 *
 * resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
 *   bucket = aws_s3_bucket.data.id
 *   rule {
 *     apply_server_side_encryption_by_default {
 *       sse_algorithm = "aws:kms"
 *     }
 *     bucket_key_enabled = true
 *   }
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_s3_bucket" "data" {
 *   bucket_prefix = "data-"
 * }
 * ```
 */
import { linked, nested, resources, type SecurityRule } from "./rule.js";

export const s3Encryption: SecurityRule = {
  id: "tf-sec/s3-encryption",
  rationale: "Declare each bucket's default encryption so the key choice is explicit and reviewable.",
  check: (module) =>
    resources(module, "aws_s3_bucket")
      .filter((b) => linked(module, "aws_s3_bucket_server_side_encryption_configuration", "bucket", b).length === 0 && nested(b, "server_side_encryption_configuration").length === 0)
      .map((b) => ({
        block: b,
        message: `S3 bucket ${b.labels.join(".")} has no aws_s3_bucket_server_side_encryption_configuration: add one with bucket = aws_s3_bucket.${b.labels[1]}.id (SSE-KMS with bucket_key_enabled = true, or AES256).`,
      })),
};
