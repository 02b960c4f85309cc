/**
 * tf-sec/rds-encryption: `aws_db_instance` and `aws_rds_cluster` (Aurora) set
 * `storage_encrypted = true`. Read replicas (`replicate_source_db`) inherit their source's setting.
 *
 * Rationale: database storage, its automated backups and snapshots hold the most sensitive data
 * of most systems; encryption can only be chosen at creation time.
 *
 * @example ok
 * ```hcl
 * resource "aws_rds_cluster" "db" {
 *   engine                      = "aurora-postgresql"
 *   master_username             = "app"
 *   manage_master_user_password = true
 *   storage_encrypted           = true
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_rds_cluster" "db" {
 *   engine                      = "aurora-postgresql"
 *   master_username             = "app"
 *   manage_master_user_password = true
 * }
 * ```
 */
import { attr, literalBool, resources, type SecurityRule } from "./rule.js";

export const rdsEncryption: SecurityRule = {
  id: "tf-sec/rds-encryption",
  rationale: "Encrypt database storage, backups and snapshots; it can only be chosen at creation.",
  check: (module) =>
    resources(module, "aws_db_instance", "aws_rds_cluster")
      .filter((b) => !attr(b, "replicate_source_db") && !attr(b, "snapshot_identifier") && literalBool(attr(b, "storage_encrypted")) !== true && !attr(b, "storage_encrypted")?.traversals.length)
      .map((b) => ({
        block: b,
        position: attr(b, "storage_encrypted")?.position,
        message: `${b.labels.join(".")} does not encrypt its storage: set storage_encrypted = true (and kms_key_id for a customer managed key).`,
      })),
};
