/**
 * tf-sec/efs-encryption: every `aws_efs_file_system` sets `encrypted = true`.
 *
 * Rationale: EFS encryption at rest can only be chosen when the file system is created.
 *
 * @example ok
 * ```hcl
 * resource "aws_efs_file_system" "shared" {
 *   encrypted = true
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_efs_file_system" "shared" {
 *   encrypted = false
 * }
 * ```
 */
import { attr, literalBool, resources, type SecurityRule } from "./rule.js";

export const efsEncryption: SecurityRule = {
  id: "tf-sec/efs-encryption",
  rationale: "Encrypt EFS at rest; it can only be chosen at creation.",
  check: (module) =>
    resources(module, "aws_efs_file_system")
      .filter((f) => literalBool(attr(f, "encrypted")) !== true && !attr(f, "encrypted")?.traversals.length)
      .map((f) => ({
        block: f,
        position: attr(f, "encrypted")?.position,
        message: `EFS file system ${f.labels.join(".")} is not encrypted at rest: set encrypted = true.`,
      })),
};
