/**
 * tf-sec/sqs-encryption: an `aws_sqs_queue` does not turn off encryption
 * (`sqs_managed_sse_enabled = false` without `kms_master_key_id`).
 *
 * Rationale: SQS encrypts queues with SSE-SQS by default; turning it off leaves messages in
 * plain text at rest.
 *
 * @example ok
 * ```hcl
 * resource "aws_sqs_queue" "jobs" {
 *   name = "jobs"
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_sqs_queue" "jobs" {
 *   name                    = "jobs"
 *   sqs_managed_sse_enabled = false
 * }
 * ```
 */
import { attr, literalBool, resources, type SecurityRule } from "./rule.js";

export const sqsEncryption: SecurityRule = {
  id: "tf-sec/sqs-encryption",
  rationale: "Keep SQS server-side encryption on (SSE-SQS or SSE-KMS).",
  check: (module) =>
    resources(module, "aws_sqs_queue")
      .filter((q) => literalBool(attr(q, "sqs_managed_sse_enabled")) === false && !attr(q, "kms_master_key_id"))
      .map((q) => ({
        block: q,
        position: attr(q, "sqs_managed_sse_enabled")!.position,
        message: `SQS queue ${q.labels.join(".")} turns encryption off: remove sqs_managed_sse_enabled = false, or set kms_master_key_id.`,
      })),
};
