/**
 * tf-sec/ebs-encryption: EBS volumes, instance root and data volumes, and launch template
 * volumes set `encrypted = true`, unless the module turns on `aws_ebs_encryption_by_default`.
 *
 * Rationale: unencrypted volumes and their snapshots expose data to anyone who can copy or share
 * a snapshot; encryption costs nothing measurable and cannot be added to a volume later.
 *
 * @example ok
 * ```hcl
 * resource "aws_ebs_volume" "data" {
 *   availability_zone = "eu-west-1a"
 *   size              = 20
 *   encrypted         = true
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_ebs_volume" "data" {
 *   availability_zone = "eu-west-1a"
 *   size              = 20
 * }
 * ```
 */
import type { TfBlock } from "../model.js";
import { attr, literalBool, nested, resources, type Finding, type SecurityRule } from "./rule.js";

export const ebsEncryption: SecurityRule = {
  id: "tf-sec/ebs-encryption",
  rationale: "Encrypt every EBS volume: unencrypted snapshots can be copied and shared with their data.",
  check(module) {
    if (resources(module, "aws_ebs_encryption_by_default").some((b) => literalBool(attr(b, "enabled")) !== false)) return [];
    const findings: Finding[] = [];
    const unencrypted = (b: TfBlock): boolean => literalBool(attr(b, "encrypted")) !== true && !attr(b, "encrypted")?.traversals.length && !attr(b, "snapshot_id");
    for (const v of resources(module, "aws_ebs_volume")) {
      if (unencrypted(v)) findings.push({ block: v, message: `EBS volume ${v.labels.join(".")} is not encrypted: set encrypted = true (and kms_key_id for a customer managed key).` });
    }
    for (const i of resources(module, "aws_instance")) {
      const devices = [...nested(i, "root_block_device"), ...nested(i, "ebs_block_device")];
      if (nested(i, "root_block_device").length === 0) {
        findings.push({ block: i, message: `Instance ${i.labels.join(".")} has no root_block_device { encrypted = true }: its root volume would follow the account default, which is unencrypted unless turned on.` });
      }
      for (const d of devices.filter(unencrypted)) findings.push({ block: i, position: d.position, message: `${d.type} of ${i.labels.join(".")} is not encrypted: set encrypted = true.` });
    }
    for (const t of resources(module, "aws_launch_template")) {
      for (const m of nested(t, "block_device_mappings")) {
        for (const e of nested(m, "ebs").filter(unencrypted)) findings.push({ block: t, position: e.position, message: `A block_device_mappings.ebs of ${t.labels.join(".")} is not encrypted: set encrypted = true.` });
      }
    }
    return findings;
  },
};
