output "load_balancer_url" {
  description = "Where the service answers; point your DNS name (CNAME or alias) at the load balancer."
  value       = "${var.certificate_arn == null ? "http" : "https"}://${aws_lb.this.dns_name}/"
}

output "cluster_name" {
  description = "ECS cluster name."
  value       = aws_ecs_cluster.this.name
}

output "service_name" {
  description = "ECS service name."
  value       = aws_ecs_service.app.name
}

output "service_log_group" {
  description = "CloudWatch log group of the containers."
  value       = aws_cloudwatch_log_group.service.name
}

output "database_cluster_identifier" {
  description = "Aurora cluster identifier."
  value       = aws_rds_cluster.this.cluster_identifier
}

output "database_secret_arn" {
  description = "Secrets Manager secret (managed by RDS) holding the master username and password."
  value       = local.database_secret_arn
}

output "access_log_bucket_name" {
  description = "S3 bucket holding the load balancer's access logs."
  value       = aws_s3_bucket.access_logs.id
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms publish to; subscribe to get notifications."
  value       = aws_sns_topic.alarms.arn
}
