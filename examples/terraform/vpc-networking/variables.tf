variable "project_name" {
  description = "Prefix for every resource name; lowercase letters, digits and hyphens."
  type        = string
  default     = "network"

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

variable "vpc_cidr" {
  description = "IPv4 block of the VPC: an RFC 1918 network from /16 to /19 that overlaps no other VPC or on-premises range you will connect to. Subnets are carved from it with cidrsubnet."
  type        = string
  default     = "10.20.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr)) && can(regex("^[0-9.]+/(16|17|18|19)$", var.vpc_cidr))
    error_message = "vpc_cidr must be an IPv4 CIDR block from /16 to /19, such as 10.20.0.0/16 (smaller VPCs leave public subnets too small for a load balancer)."
  }

  validation {
    condition     = !can(cidrnetmask(var.vpc_cidr)) || try(cidrsubnet(var.vpc_cidr, 0, 0) == var.vpc_cidr, false)
    error_message = "vpc_cidr must be written as its network address (for example 10.20.0.0/16, not 10.20.1.0/16)."
  }

  validation {
    condition     = !can(cidrnetmask(var.vpc_cidr)) || can(regex("^(10\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.|192\\.168\\.)", var.vpc_cidr))
    error_message = "vpc_cidr must lie in a private range (RFC 1918): 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16."
  }
}

variable "az_count" {
  description = "How many Availability Zones to spread each subnet tier over: 3 for production, 2 for development. Every per-AZ resource (NAT gateway, interface endpoint network interface) multiplies by it."
  type        = number
  default     = 3

  validation {
    condition     = contains([2, 3], var.az_count)
    error_message = "az_count must be 2 or 3."
  }
}

variable "nat_mode" {
  description = "Outbound internet for the private subnets: \"per_az\" (one NAT gateway and Elastic IP per AZ; an AZ outage cannot cut the others' egress), \"shared\" (one NAT gateway in the first AZ; cheaper, egress dies with that AZ) or \"none\" (no internet route; interface endpoints for AWS APIs instead)."
  type        = string
  default     = "per_az"

  validation {
    condition     = contains(["per_az", "shared", "none"], var.nat_mode)
    error_message = "nat_mode must be one of per_az, shared or none."
  }
}

variable "interface_endpoint_services" {
  description = "AWS services that get an interface endpoint in the private subnets when nat_mode is \"none\" (short names as in com.amazonaws.<region>.<name>). Each one is billed per AZ-hour. Session Manager also needs ssmmessages (and ec2messages for older SSM Agents)."
  type        = list(string)
  default     = ["ecr.api", "ecr.dkr", "logs", "sts", "secretsmanager", "ssm"]

  validation {
    condition     = alltrue([for service in var.interface_endpoint_services : can(regex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$", service))])
    error_message = "interface_endpoint_services must hold short service names such as ecr.api or logs: lowercase letters, digits, dots and hyphens."
  }

  validation {
    condition     = length(distinct(var.interface_endpoint_services)) == length(var.interface_endpoint_services)
    error_message = "interface_endpoint_services must not name a service twice."
  }
}

variable "flow_log_retention_days" {
  description = "How long CloudWatch keeps the VPC flow logs."
  type        = number
  default     = 90

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be a retention period CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "deletion_protection" {
  description = "Protect the flow log group from deletion; turn off only for throwaway stacks."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Extra tags for every resource (merged into the provider's default_tags)."
  type        = map(string)
  default     = {}
}
