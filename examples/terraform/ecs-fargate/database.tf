# region database
locals {
  database_identifier = "${local.name}-database"
  # Created by RDS in Secrets Manager (never in the configuration or the state): username and
  # password of the master user.
  database_secret_arn = aws_rds_cluster.this.master_user_secret[0].secret_arn
}

# Created before the cluster, so the exported log has a retention period from its first line.
resource "aws_cloudwatch_log_group" "database" {
  name              = "/aws/rds/cluster/${local.database_identifier}/postgresql"
  retention_in_days = var.log_retention_days
}

resource "aws_db_subnet_group" "database" {
  name        = local.database_identifier
  description = "Isolated subnets: no route out of the VPC"
  subnet_ids  = [for az in local.azs : aws_subnet.isolated[az].id]
}

resource "aws_security_group" "database" {
  name        = "${local.name}-database"
  description = "Aurora PostgreSQL: inbound from the ECS service only"
  vpc_id      = aws_vpc.this.id

  # No egress rules: Terraform removes the default allow-all rule, so the database sends
  # nothing out (replies to allowed connections still leave: security groups are stateful).
  tags = { Name = "${local.name}-database" }
}

resource "aws_vpc_security_group_ingress_rule" "database_from_service" {
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from the ECS service"
  referenced_security_group_id = aws_security_group.service.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_rds_cluster_parameter_group" "database" {
  name_prefix = "${local.database_identifier}-"
  family      = "aurora-postgresql17"
  description = "TLS for every connection"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = local.database_identifier
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  # PostgreSQL 17: the newest minor of a major with a year of releases behind it, in standard
  # support, and on every Serverless v2 feature (256 ACUs, pause at 0 ACUs).
  engine_version  = "17.9"
  database_name   = "app"
  master_username = "app_admin"
  port            = 5432
  # RDS generates the password and keeps it in Secrets Manager.
  manage_master_user_password = true

  serverlessv2_scaling_configuration {
    min_capacity = 0.5
    max_capacity = 8
  }

  db_subnet_group_name                = aws_db_subnet_group.database.name
  vpc_security_group_ids              = [aws_security_group.database.id]
  db_cluster_parameter_group_name     = aws_rds_cluster_parameter_group.database.name
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  backup_retention_period             = 7
  copy_tags_to_snapshot               = true

  # Protected by default; `throwaway = true` for a trial stack that `terraform destroy` removes
  # whole. Otherwise destroy leaves a final snapshot (after deletion protection is turned off).
  deletion_protection       = !var.throwaway
  skip_final_snapshot       = var.throwaway
  final_snapshot_identifier = "${local.database_identifier}-final"

  depends_on = [aws_cloudwatch_log_group.database]
}

# Aurora makes the first instance the writer; readers wait for it. Performance Insights at its
# free 7-day retention on each instance.
resource "aws_rds_cluster_instance" "writer" {
  identifier                            = "${local.database_identifier}-writer"
  cluster_identifier                    = aws_rds_cluster.this.id
  engine                                = aws_rds_cluster.this.engine
  engine_version                        = aws_rds_cluster.this.engine_version
  instance_class                        = "db.serverless"
  publicly_accessible                   = false
  promotion_tier                        = 0
  performance_insights_enabled          = true
  performance_insights_retention_period = 7
}

resource "aws_rds_cluster_instance" "reader" {
  count = var.database_readers

  identifier          = "${local.database_identifier}-reader${count.index + 1}"
  cluster_identifier  = aws_rds_cluster.this.id
  engine              = aws_rds_cluster.this.engine
  engine_version      = aws_rds_cluster.this.engine_version
  instance_class      = "db.serverless"
  publicly_accessible = false
  # Tier 1: scales with the writer, so a failover lands on an instance already sized for it.
  promotion_tier                        = 1
  performance_insights_enabled          = true
  performance_insights_retention_period = 7

  depends_on = [aws_rds_cluster_instance.writer]
}
# endregion database
