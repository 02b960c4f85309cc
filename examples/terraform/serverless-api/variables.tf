variable "project_name" {
  description = "Prefix for every resource name; lowercase letters, digits and hyphens."
  type        = string
  default     = "items-api"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.project_name))
    error_message = "project_name must be 3-32 characters: lowercase letters, digits and hyphens, starting with a letter."
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

variable "log_retention_days" {
  description = "How long CloudWatch keeps function and API access logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention period CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "lambda_memory_mb" {
  description = "Memory of the handler function in MB; CPU scales with it."
  type        = number
  default     = 256

  validation {
    condition     = var.lambda_memory_mb >= 128 && var.lambda_memory_mb <= 10240
    error_message = "lambda_memory_mb must be between 128 and 10240."
  }
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second the API accepts before answering 429."
  type        = number
  default     = 50

  validation {
    condition     = var.throttling_rate_limit > 0
    error_message = "throttling_rate_limit must be positive."
  }
}

variable "throttling_burst_limit" {
  description = "Requests the API accepts in a burst above the rate limit."
  type        = number
  default     = 100

  validation {
    condition     = var.throttling_burst_limit > 0 && floor(var.throttling_burst_limit) == var.throttling_burst_limit
    error_message = "throttling_burst_limit must be a positive whole number."
  }
}

variable "deletion_protection" {
  description = "Protect the table from `terraform destroy`; turn off only for throwaway stages."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Extra tags for every resource (merged into the provider's default_tags)."
  type        = map(string)
  default     = {}
}
