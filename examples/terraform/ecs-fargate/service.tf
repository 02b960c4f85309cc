# region service
resource "aws_ecs_cluster" "this" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "service" {
  name              = "/ecs/${local.name}/app"
  retention_in_days = var.log_retention_days
}

# Both roles trust ECS tasks acting for this account only (confused-deputy protection).
data "aws_iam_policy_document" "ecs_tasks_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# The execution role is what ECS itself uses to start a task: write the service's logs and read
# the database secret, nothing else. The image comes from ECR Public, which needs no permission.
resource "aws_iam_role" "task_execution" {
  name               = "${local.name}-task-execution"
  description        = "ECS agent: write the service logs, read the database secret"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json
}

data "aws_iam_policy_document" "task_execution" {
  statement {
    sid       = "ServiceLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.service.arn}:*"]
  }

  # The RDS-managed secret is encrypted with the AWS managed aws/secretsmanager key, whose key
  # policy lets Secrets Manager decrypt for this account: no kms:Decrypt statement is needed.
  statement {
    sid       = "DatabaseSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [local.database_secret_arn]
  }
}

resource "aws_iam_role_policy" "task_execution" {
  name   = "logs-and-database-secret"
  role   = aws_iam_role.task_execution.id
  policy = data.aws_iam_policy_document.task_execution.json
}

# The task role is what the application's own code gets: nothing yet. Grant to it, never to the
# execution role.
resource "aws_iam_role" "task" {
  name               = "${local.name}-task"
  description        = "The application's own AWS permissions"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json
}

resource "aws_ecs_task_definition" "app" {
  family                   = "${local.name}-app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.task_execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    cpu_architecture        = "ARM64"
    operating_system_family = "LINUX"
  }

  container_definitions = jsonencode([{
    name         = "app"
    image        = var.image
    essential    = true
    portMappings = [{ containerPort = var.container_port, name = "http", protocol = "tcp" }]
    # Where to connect is not a secret; who and with what password is. The RDS-managed secret
    # holds only username and password, read by ECS when the task starts.
    environment = [
      { name = "DB_HOST", value = aws_rds_cluster.this.endpoint },
      { name = "DB_PORT", value = tostring(aws_rds_cluster.this.port) },
      { name = "DB_NAME", value = aws_rds_cluster.this.database_name },
    ]
    secrets = [
      { name = "DB_USER", valueFrom = "${local.database_secret_arn}:username::" },
      { name = "DB_PASSWORD", valueFrom = "${local.database_secret_arn}:password::" },
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.service.name
        "awslogs-region"        = local.region
        "awslogs-stream-prefix" = "app"
        mode                    = "non-blocking" # a slow log API never stalls the app...
        "max-buffer-size"       = "25m"          # ...and up to 25 MiB of lines wait in memory
      }
    }
    stopTimeout = 30
  }])
}

resource "aws_security_group" "service" {
  name        = "${local.name}-service"
  description = "ECS service: inbound from the ALB only; out to HTTPS and the database"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${local.name}-service" }
}

resource "aws_vpc_security_group_ingress_rule" "service_from_load_balancer" {
  security_group_id            = aws_security_group.service.id
  description                  = "From the load balancer"
  referenced_security_group_id = aws_security_group.load_balancer.id
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
}

# Image pulls from ECR Public and the AWS APIs (Logs, Secrets Manager) go out over HTTPS.
resource "aws_vpc_security_group_egress_rule" "service_https" {
  security_group_id = aws_security_group.service.id
  description       = "HTTPS: image pulls and AWS APIs"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "service_to_database" {
  security_group_id            = aws_security_group.service.id
  description                  = "PostgreSQL to the database"
  referenced_security_group_id = aws_security_group.database.id
  ip_protocol                  = "tcp"
  from_port                    = aws_rds_cluster.this.port
  to_port                      = aws_rds_cluster.this.port
}

resource "aws_ecs_service" "app" {
  name                               = "${local.name}-app"
  cluster                            = aws_ecs_cluster.this.id
  task_definition                    = aws_ecs_task_definition.app.arn
  launch_type                        = "FARGATE"
  desired_count                      = 2
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = 60
  propagate_tags                     = "SERVICE"

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = [for az in local.azs : aws_subnet.private[az].id]
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.service.arn
    container_name   = "app"
    container_port   = var.container_port
  }

  # Autoscaling owns the task count after the first apply.
  lifecycle {
    ignore_changes = [desired_count]
  }

  # The target group must belong to a load balancer (through a listener) before ECS may use it;
  # the execution role needs its policy before the first task starts.
  depends_on = [aws_lb_listener.http, aws_lb_listener.https, aws_iam_role_policy.task_execution]
}
# endregion service

# region autoscaling
resource "aws_appautoscaling_target" "service" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.app.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = 2
  max_capacity       = 10
}

resource "aws_appautoscaling_policy" "cpu" {
  name               = "${local.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.service.service_namespace
  resource_id        = aws_appautoscaling_target.service.resource_id
  scalable_dimension = aws_appautoscaling_target.service.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = 60
    scale_out_cooldown = 60  # out fast...
    scale_in_cooldown  = 300 # ...in slowly

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "requests" {
  name               = "${local.name}-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.service.service_namespace
  resource_id        = aws_appautoscaling_target.service.resource_id
  scalable_dimension = aws_appautoscaling_target.service.scalable_dimension

  target_tracking_scaling_policy_configuration {
    # Requests per task per minute; measure what one task serves at your latency goal.
    target_value       = 1000
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${aws_lb.this.arn_suffix}/${aws_lb_target_group.service.arn_suffix}"
    }
  }
}
# endregion autoscaling
