/**
 * tf-sec/rds-not-public: `aws_db_instance` and `aws_rds_cluster_instance` do not set
 * `publicly_accessible = true`.
 *
 * Rationale: a publicly accessible database gets a public DNS name and IP; one weak password or
 * open security group away from the internet. Reach it through the VPC instead.
 *
 * @example ok
 * ```hcl
 * resource "aws_rds_cluster_instance" "one" {
 *   cluster_identifier = "db"
 *   instance_class     = "db.serverless"
 *   engine             = "aurora-postgresql"
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_rds_cluster_instance" "one" {
 *   cluster_identifier  = "db"
 *   instance_class      = "db.serverless"
 *   engine              = "aurora-postgresql"
 *   publicly_accessible = true
 * }
 * ```
 */
import { attr, literalBool, resources, type SecurityRule } from "./rule.js";

export const rdsNotPublic: SecurityRule = {
  id: "tf-sec/rds-not-public",
  rationale: "Keep databases off the internet: reach them through the VPC.",
  check: (module) =>
    resources(module, "aws_db_instance", "aws_rds_cluster_instance")
      .filter((b) => literalBool(attr(b, "publicly_accessible")) === true)
      .map((b) => ({
        block: b,
        position: attr(b, "publicly_accessible")!.position,
        message: `${b.labels.join(".")} is publicly accessible: remove publicly_accessible (default false) and reach it from inside the VPC (bastion-free: SSM port forwarding or RDS Data API).`,
      })),
};
