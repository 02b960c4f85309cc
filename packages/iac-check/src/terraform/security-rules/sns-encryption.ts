/**
 * tf-sec/sns-encryption: every `aws_sns_topic` sets `kms_master_key_id`.
 *
 * Rationale: SNS topics are not encrypted at rest unless given a KMS key; messages waiting for
 * delivery retries are stored in plain text.
 *
 * @example ok
 * ```hcl
 * resource "aws_sns_topic" "alerts" {
 *   name              = "alerts"
 *   kms_master_key_id = "alias/aws/sns"
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_sns_topic" "alerts" {
 *   name = "alerts"
 * }
 * ```
 */
import { attr, resources, type SecurityRule } from "./rule.js";

export const snsEncryption: SecurityRule = {
  id: "tf-sec/sns-encryption",
  rationale: "Encrypt SNS topics at rest with a KMS key; they are unencrypted by default.",
  check: (module) =>
    resources(module, "aws_sns_topic")
      .filter((t) => !attr(t, "kms_master_key_id"))
      .map((t) => ({
        block: t,
        message: `SNS topic ${t.labels.join(".")} is not encrypted at rest: set kms_master_key_id (e.g. "alias/aws/sns", or a customer managed key that allows the publishers).`,
      })),
};
