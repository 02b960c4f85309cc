output "cluster_endpoint" {
  description = "Writer endpoint (DNS name); it follows the writer through a failover."
  value       = aws_rds_cluster.database.endpoint
}

output "reader_endpoint" {
  description = "Reader endpoint; with no reader it resolves to the writer."
  value       = aws_rds_cluster.database.reader_endpoint
}

output "port" {
  description = "PostgreSQL port."
  value       = aws_rds_cluster.database.port
}

output "master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret RDS manages for the master user (username and password, rotated by RDS)."
  value       = aws_rds_cluster.database.master_user_secret[0].secret_arn
}

output "security_group_id" {
  description = "Security group of the cluster; add ingress sources through allowed_security_group_ids."
  value       = aws_security_group.database.id
}

output "engine_version_actual" {
  description = "The exact engine version running (major.minor)."
  value       = aws_rds_cluster.database.engine_version_actual
}

output "kms_key_arn" {
  description = "Customer managed key that encrypts the cluster, its snapshots, the master user secret, Performance Insights and the log."
  value       = aws_kms_key.database.arn
}

output "iam_auth_dbuser_arn_prefix" {
  description = "Prefix of the rds-db:connect resource for IAM database authentication: append /<database user> in the application's IAM policy."
  value       = "arn:${local.partition}:rds-db:${local.region}:${local.account_id}:dbuser:${aws_rds_cluster.database.cluster_resource_id}"
}

output "log_group_name" {
  description = "CloudWatch log group of the exported PostgreSQL log."
  value       = aws_cloudwatch_log_group.postgresql.name
}
