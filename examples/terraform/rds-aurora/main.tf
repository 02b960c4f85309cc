# The account, Region and partition come from the credentials at plan time: nothing is hard-coded.
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  name       = "${var.project_name}-${var.environment}"
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  partition  = data.aws_partition.current.partition
  port       = 5432

  # RDS exports the log to this group; declaring it first gives it a retention and the key.
  postgresql_log_group_name = "/aws/rds/cluster/${local.name}/postgresql"
  postgresql_log_group_arn  = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.postgresql_log_group_name}"

  # Writer and reader are pinned to two different zones of the subnet group.
  availability_zones = sort(distinct([for subnet in data.aws_subnet.database : subnet.availability_zone]))
}

# region parameters
# Connections without TLS are refused. A new major needs a new family, so the group is replaced
# (name_prefix + create_before_destroy) rather than edited in place.
resource "aws_rds_cluster_parameter_group" "database" {
  name_prefix = "${local.name}-aurora-pg${var.engine_major_version}-"
  family      = "aurora-postgresql${var.engine_major_version}"
  description = "Aurora PostgreSQL ${var.engine_major_version} for ${local.name}: TLS required"

  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }

  lifecycle {
    create_before_destroy = true
  }
}
# endregion parameters

resource "aws_cloudwatch_log_group" "postgresql" {
  name              = local.postgresql_log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.database.arn
}

# region cluster
resource "aws_rds_cluster" "database" {
  cluster_identifier = local.name
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned" # Serverless v2 instances live in a provisioned-mode cluster
  # A major version only: RDS picks its default minor, auto minor version upgrade (on the
  # instances) moves it forward, and Terraform reports no drift when it does.
  engine_version              = var.engine_major_version
  allow_major_version_upgrade = false
  database_name               = var.database_name
  port                        = local.port

  # RDS generates the master password, keeps it in Secrets Manager under this key and rotates it.
  master_username                     = var.master_username
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = aws_kms_key.database.arn
  iam_database_authentication_enabled = true

  db_subnet_group_name            = aws_db_subnet_group.database.name
  vpc_security_group_ids          = [aws_security_group.database.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.database.name

  storage_encrypted = true
  kms_key_id        = aws_kms_key.database.arn

  serverlessv2_scaling_configuration {
    min_capacity = var.min_capacity
    max_capacity = var.max_capacity
    # Applies only when the minimum is 0 ACUs (automatic pause).
    seconds_until_auto_pause = var.min_capacity == 0 ? var.seconds_until_auto_pause : null
  }

  backup_retention_period      = var.backup_retention_days
  preferred_backup_window      = var.preferred_backup_window
  preferred_maintenance_window = var.preferred_maintenance_window
  copy_tags_to_snapshot        = true
  deletion_protection          = var.deletion_protection
  skip_final_snapshot          = var.skip_final_snapshot
  final_snapshot_identifier    = "${local.name}-final"

  enabled_cloudwatch_logs_exports = ["postgresql"]

  # CloudWatch Database Insights, which replaced the Performance Insights console. Both modes
  # keep Performance Insights on, encrypted with this key; advanced needs 465 days of history.
  database_insights_mode                = var.database_insights_mode
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.database.arn
  performance_insights_retention_period = var.database_insights_mode == "advanced" ? 465 : 7

  # The log group must exist first, or RDS creates one that keeps logs forever.
  depends_on = [aws_cloudwatch_log_group.postgresql]
}
# endregion cluster

# region instances
# Serverless v2 instances: capacity follows load between min_capacity and max_capacity. The
# reader sits in promotion tier 1, so it scales (and pauses) with the writer and can take over
# at full size, from another Availability Zone.
resource "aws_rds_cluster_instance" "writer" {
  identifier                 = "${local.name}-1"
  cluster_identifier         = aws_rds_cluster.database.id
  engine                     = aws_rds_cluster.database.engine
  instance_class             = "db.serverless"
  db_subnet_group_name       = aws_db_subnet_group.database.name
  availability_zone          = local.availability_zones[0]
  publicly_accessible        = false
  auto_minor_version_upgrade = true
  copy_tags_to_snapshot      = true
  promotion_tier             = 0
}

resource "aws_rds_cluster_instance" "reader" {
  count = var.reader_enabled ? 1 : 0

  identifier                 = "${local.name}-2"
  cluster_identifier         = aws_rds_cluster.database.id
  engine                     = aws_rds_cluster.database.engine
  instance_class             = "db.serverless"
  db_subnet_group_name       = aws_db_subnet_group.database.name
  availability_zone          = local.availability_zones[1]
  publicly_accessible        = false
  auto_minor_version_upgrade = true
  copy_tags_to_snapshot      = true
  promotion_tier             = 1

  # Created after the writer, so the first instance becomes the writer.
  depends_on = [aws_rds_cluster_instance.writer]
}
# endregion instances
