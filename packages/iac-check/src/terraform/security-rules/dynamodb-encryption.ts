/**
 * tf-sec/dynamodb-encryption: every `aws_dynamodb_table` has `server_side_encryption { enabled = true }`.
 *
 * Rationale: without it a table is encrypted with an AWS owned key that you cannot see, audit or
 * revoke; `enabled = true` uses a KMS key in your account (AWS managed, or yours with
 * `kms_key_arn`), so every use of the key is logged in CloudTrail.
 *
 * @example ok
 * ```hcl
 * resource "aws_dynamodb_table" "items" {
 *   name         = "items"
 *   billing_mode = "PAY_PER_REQUEST"
 *   hash_key     = "pk"
 *   attribute {
 *     name = "pk"
 *     type = "S"
 *   }
 *   server_side_encryption {
 *     enabled = true
 *   }
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_dynamodb_table" "items" {
 *   name         = "items"
 *   billing_mode = "PAY_PER_REQUEST"
 *   hash_key     = "pk"
 *   attribute {
 *     name = "pk"
 *     type = "S"
 *   }
 * }
 * ```
 */
import { attr, literalBool, nested, resources, type SecurityRule } from "./rule.js";

export const dynamodbEncryption: SecurityRule = {
  id: "tf-sec/dynamodb-encryption",
  rationale: "Encrypt tables with a KMS key in your account so key use is auditable and revocable.",
  check: (module) =>
    resources(module, "aws_dynamodb_table")
      .filter((t) => !nested(t, "server_side_encryption").some((s) => literalBool(attr(s, "enabled")) === true || !!attr(s, "enabled")?.traversals.length))
      .map((t) => ({
        block: t,
        message: `DynamoDB table ${t.labels.join(".")} uses the AWS owned key: add server_side_encryption { enabled = true } (optionally kms_key_arn for a customer managed key).`,
      })),
};
