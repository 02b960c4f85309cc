# region versions
terraform {
  # Validations that refer to another variable (max_capacity >= min_capacity) need 1.9 or later.
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

# The Region and credentials come from the environment (AWS_REGION, AWS_PROFILE, ...), so the
# module names no Region or account and deploys anywhere.
provider "aws" {
  default_tags {
    tags = merge(var.tags, {
      Project     = var.project_name
      Environment = var.environment
      ManagedBy   = "terraform"
    })
  }
}
# endregion versions
