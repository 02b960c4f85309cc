variable "project_name" {
  description = "Prefix for every resource name; lowercase letters, digits and hyphens. Short, because the load balancer's name (project-environment) may have 32 characters at most."
  type        = string
  default     = "ecs-fargate"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,18}[a-z0-9]$", var.project_name))
    error_message = "project_name must be 3-20 characters: lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit."
  }
}

variable "environment" {
  description = "Deployment stage; part of every resource name and tag."
  type        = string
  default     = "dev"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging or prod."
  }
}

variable "certificate_arn" {
  description = "ARN of an ACM certificate in this Region. Set: HTTPS on 443 (TLS 1.3/1.2 policy) and port 80 redirects to it. Null (the default): plain HTTP on port 80 only, for a first deploy before a domain and certificate exist (see README)."
  type        = string
  default     = null

  validation {
    condition     = var.certificate_arn == null || can(regex("^arn:aws(-cn|-us-gov)?:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]{36}$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>), from `aws acm list-certificates` in this Region, or null for HTTP only."
  }
}

variable "az_count" {
  description = "Availability Zones for the subnets, tasks and NAT gateways: 2, or 3 for production that must keep two thirds of its capacity in an AZ outage."
  type        = number
  default     = 2

  validation {
    condition     = contains([2, 3], var.az_count)
    error_message = "az_count must be 2 or 3."
  }
}

variable "nat_mode" {
  description = "Outbound internet for the tasks: \"per_az\" (one NAT gateway per AZ; an AZ outage cannot cut the others' egress) or \"shared\" (one gateway in the first AZ; cheaper, for development; egress stops if that AZ fails)."
  type        = string
  default     = "per_az"

  validation {
    condition     = contains(["per_az", "shared"], var.nat_mode)
    error_message = "nat_mode must be \"per_az\" or \"shared\"."
  }
}

variable "database_readers" {
  description = "Aurora Serverless v2 readers, failover targets in other AZs: 0 (writer only), 1 or 2."
  type        = number
  default     = 1

  validation {
    condition     = contains([0, 1, 2], var.database_readers)
    error_message = "database_readers must be 0, 1 or 2."
  }
}

variable "throwaway" {
  description = "A stack to try out and destroy: no deletion protection and no final snapshot for the database, and the access-log bucket is emptied on destroy. Keep false for anything holding data."
  type        = bool
  default     = false
}

variable "image" {
  description = "Container image the service runs; it must be built for ARM64 (or multi-arch). Prefer a digest (repo@sha256:...) so a rollback runs the exact old image."
  type        = string
  default     = "public.ecr.aws/nginx/nginx:1.28-alpine"

  validation {
    condition     = can(regex("^[a-z0-9][^\\s]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})$", var.image)) && !endswith(var.image, ":latest")
    error_message = "image must name a tag or digest (repository:tag or repository@sha256:...), not :latest: a moving tag lets two tasks of one service run different code."
  }
}

variable "container_port" {
  description = "Port the container listens on (HTTP)."
  type        = number
  default     = 80

  validation {
    condition     = var.container_port >= 1 && var.container_port <= 65535 && floor(var.container_port) == var.container_port
    error_message = "container_port must be a whole number from 1 to 65535."
  }
}

variable "health_check_path" {
  description = "Path the load balancer checks; it must answer 200-399 without calling the database, or one slow dependency drains every task."
  type        = string
  default     = "/"

  validation {
    condition     = startswith(var.health_check_path, "/") && length(var.health_check_path) <= 1024
    error_message = "health_check_path must start with \"/\" (for example /health) and have at most 1024 characters."
  }
}

variable "log_retention_days" {
  description = "How long CloudWatch keeps the service, database and VPC flow logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention period CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "tags" {
  description = "Extra tags for every resource (merged into the provider's default_tags)."
  type        = map(string)
  default     = {}
}
