# region versions
terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
  }
}

# The region and credentials come from the environment (AWS_REGION, AWS_PROFILE, ...), so the
# module names no region or account and deploys anywhere.
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
