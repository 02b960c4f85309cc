variable "project_name" {
  description = "Prefix for every resource name; lowercase letters, digits and hyphens."
  type        = string
  default     = "app"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.project_name)) && !strcontains(var.project_name, "--")
    error_message = "project_name must be 3-32 characters: lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen."
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

# ---------------------------------------------------------------------------------------------
# Network: this module does not build the VPC. Pass examples/terraform/vpc-networking's outputs.
# ---------------------------------------------------------------------------------------------

variable "vpc_id" {
  description = "VPC of the database subnets (the vpc_id output of examples/terraform/vpc-networking)."
  type        = string

  validation {
    condition     = can(regex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", var.vpc_id))
    error_message = "vpc_id must be a VPC id such as vpc-0123456789abcdef0."
  }
}

variable "subnet_ids" {
  description = "Isolated subnets (no route to the internet) in at least two Availability Zones for the DB subnet group."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && length(distinct(var.subnet_ids)) == length(var.subnet_ids)
    error_message = "subnet_ids must list at least two different subnets (Aurora needs subnets in two Availability Zones)."
  }

  validation {
    condition     = alltrue([for id in var.subnet_ids : can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", id))])
    error_message = "Every entry of subnet_ids must be a subnet id such as subnet-0123456789abcdef0."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups (of the application tasks, functions or a bastion) allowed to reach PostgreSQL on port 5432. Nothing else can; an empty list closes the port."
  type        = list(string)

  validation {
    condition     = alltrue([for id in var.allowed_security_group_ids : can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", id))])
    error_message = "Every entry of allowed_security_group_ids must be a security group id such as sg-0123456789abcdef0 (CIDR ranges are not accepted on purpose)."
  }

  validation {
    condition     = length(distinct(var.allowed_security_group_ids)) == length(var.allowed_security_group_ids)
    error_message = "allowed_security_group_ids lists the same security group twice."
  }
}

# ---------------------------------------------------------------------------------------------
# Engine and capacity
# ---------------------------------------------------------------------------------------------

variable "engine_major_version" {
  description = "Aurora PostgreSQL major version. RDS picks that major's default minor at creation and auto minor version upgrade keeps it current; see the README for how to list the exact minors."
  type        = string
  default     = "17"

  validation {
    condition     = contains(["16", "17"], var.engine_major_version)
    error_message = "engine_major_version must be \"16\" or \"17\", the majors this example is written for. Check a newer major's support dates with `aws rds describe-db-major-engine-versions --engine aurora-postgresql` before adding it here."
  }
}

variable "min_capacity" {
  description = "Serverless v2 minimum ACUs per instance, in steps of 0.5. 0 lets idle instances pause (scale to zero); the first connection then waits while the instance resumes."
  type        = number
  default     = 0.5

  validation {
    condition     = var.min_capacity >= 0 && var.min_capacity <= 256 && floor(var.min_capacity * 2) == var.min_capacity * 2
    error_message = "min_capacity must be between 0 and 256 ACUs in steps of 0.5 (0, 0.5, 1, 1.5, ...)."
  }
}

variable "max_capacity" {
  description = "Serverless v2 maximum ACUs per instance, in steps of 0.5 (one ACU is about 2 GiB of memory with matching CPU)."
  type        = number
  default     = 4

  validation {
    condition     = var.max_capacity >= 1 && var.max_capacity <= 256 && floor(var.max_capacity * 2) == var.max_capacity * 2
    error_message = "max_capacity must be between 1 and 256 ACUs in steps of 0.5."
  }

  validation {
    condition     = var.max_capacity >= var.min_capacity
    error_message = "max_capacity must be greater than or equal to min_capacity."
  }
}

variable "seconds_until_auto_pause" {
  description = "Idle time before an instance pauses; used only when min_capacity is 0."
  type        = number
  default     = 300

  validation {
    condition     = var.seconds_until_auto_pause >= 300 && var.seconds_until_auto_pause <= 86400 && floor(var.seconds_until_auto_pause) == var.seconds_until_auto_pause
    error_message = "seconds_until_auto_pause must be a whole number of seconds from 300 (5 minutes) to 86400 (24 hours)."
  }
}

variable "reader_enabled" {
  description = "Add a Serverless v2 reader in another Availability Zone: the failover target and the reader endpoint's instance. Turn off only where an outage of several minutes is acceptable."
  type        = bool
  default     = true
}

variable "database_name" {
  description = "Name of the database created in the cluster."
  type        = string
  default     = "app"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be 1-63 characters: lowercase letters, digits and underscores, starting with a letter."
  }
}

variable "master_username" {
  description = "Master user name. Its password is generated, stored and rotated by RDS in Secrets Manager; applications should log in as their own users (IAM authentication)."
  type        = string
  default     = "app_admin"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.master_username)) && var.master_username != "rdsadmin"
    error_message = "master_username must be 1-63 lowercase letters, digits or underscores starting with a letter, and not rdsadmin (reserved by RDS)."
  }
}

# ---------------------------------------------------------------------------------------------
# Backups, deletion, monitoring, logs, keys
# ---------------------------------------------------------------------------------------------

variable "backup_retention_days" {
  description = "Days of automated backups (point-in-time restore window)."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35 && floor(var.backup_retention_days) == var.backup_retention_days
    error_message = "backup_retention_days must be a whole number from 1 to 35."
  }
}

variable "preferred_backup_window" {
  description = "Daily backup window, hh24:mi-hh24:mi in UTC; must not overlap the maintenance window."
  type        = string
  default     = "03:00-04:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.preferred_backup_window))
    error_message = "preferred_backup_window must look like 03:00-04:00 (UTC, 24-hour clock)."
  }
}

variable "preferred_maintenance_window" {
  description = "Weekly maintenance window (minor version upgrades), ddd:hh24:mi-ddd:hh24:mi in UTC."
  type        = string
  default     = "sun:04:30-sun:05:30"

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.preferred_maintenance_window))
    error_message = "preferred_maintenance_window must look like sun:04:30-sun:05:30 (UTC, lowercase day names)."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster (terraform destroy fails). Turn off only for throwaway stacks."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Delete the cluster without the final snapshot. Keep false unless the data is disposable."
  type        = bool
  default     = false
}

variable "database_insights_mode" {
  description = "CloudWatch Database Insights mode: standard (Performance Insights with 7 days of history) or advanced (fleet views, lock and execution-plan analysis, 465 days of history; billed by CloudWatch)."
  type        = string
  default     = "standard"

  validation {
    condition     = contains(["standard", "advanced"], var.database_insights_mode)
    error_message = "database_insights_mode must be standard or advanced."
  }
}

variable "log_retention_days" {
  description = "How long CloudWatch Logs keeps the exported PostgreSQL log."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention period CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "kms_deletion_window_days" {
  description = "Waiting period before the KMS key is deleted after a destroy; snapshots encrypted with it become unreadable then."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_deletion_window_days >= 7 && var.kms_deletion_window_days <= 30 && floor(var.kms_deletion_window_days) == var.kms_deletion_window_days
    error_message = "kms_deletion_window_days must be a whole number from 7 to 30."
  }
}

variable "tags" {
  description = "Extra tags for every resource (merged into the provider's default_tags)."
  type        = map(string)
  default     = {}
}
