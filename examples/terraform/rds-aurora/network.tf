# The subnets are read back so that a wrong VPC or a single Availability Zone fails at plan time
# with a clear message instead of halfway through an apply.
data "aws_subnet" "database" {
  for_each = toset(var.subnet_ids)

  id = each.value
}

resource "aws_db_subnet_group" "database" {
  name        = "${local.name}-aurora"
  description = "Isolated subnets of ${local.name}'s Aurora PostgreSQL cluster"
  subnet_ids  = var.subnet_ids

  lifecycle {
    precondition {
      condition     = alltrue([for subnet in data.aws_subnet.database : subnet.vpc_id == var.vpc_id])
      error_message = "Every subnet in subnet_ids must belong to vpc_id (${var.vpc_id})."
    }

    precondition {
      condition     = length(distinct([for subnet in data.aws_subnet.database : subnet.availability_zone])) >= 2
      error_message = "subnet_ids must cover at least two Availability Zones."
    }
  }
}

# region security
# No inline rules: Terraform removes the allow-all egress rule AWS adds to a new group, and the
# database opens no connections of its own. Ingress is one rule per allowed source group.
resource "aws_security_group" "database" {
  name        = "${local.name}-aurora"
  description = "Aurora PostgreSQL ${local.name}: port 5432 from the listed security groups only"
  vpc_id      = var.vpc_id

  tags = { Name = "${local.name}-aurora" }
}

resource "aws_vpc_security_group_ingress_rule" "postgresql" {
  for_each = toset(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from ${each.value}"
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
}
# endregion security
