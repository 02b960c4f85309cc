# region endpoints
locals {
  # Interface endpoints replace the NAT route only when there is none: with a NAT gateway they
  # would add hourly charges for traffic the gateway already carries.
  interface_services = var.nat_mode == "none" ? toset(var.interface_endpoint_services) : toset([])
}

# Looked up rather than spelled com.amazonaws.<region>.<name>: the data source fails at plan
# time when a service has no endpoint in the Region.
data "aws_vpc_endpoint_service" "gateway" {
  for_each = toset(["s3", "dynamodb"])

  service      = each.key
  service_type = "Gateway"
}

# Gateway endpoints cost nothing and take S3 and DynamoDB traffic (ECR image layers included) off
# the NAT gateway. Isolated subnets get them too: they reach these two services and nothing else.
# No endpoint policy: a policy limited to this account's principals would also block anonymous
# reads of AWS-owned buckets such as the Amazon Linux package repositories.
resource "aws_vpc_endpoint" "gateway" {
  for_each = data.aws_vpc_endpoint_service.gateway

  vpc_id            = aws_vpc.this.id
  service_name      = each.value.service_name
  vpc_endpoint_type = "Gateway"
  route_table_ids   = concat([for az in local.azs : aws_route_table.private[az].id], [aws_route_table.isolated.id])

  tags = { Name = "${local.name}-${each.key}" }
}

data "aws_vpc_endpoint_service" "interface" {
  for_each = local.interface_services

  service      = each.key
  service_type = "Interface"
}

resource "aws_security_group" "endpoints" {
  count = var.nat_mode == "none" ? 1 : 0

  name        = "${local.name}-endpoints"
  description = "Interface VPC endpoints: HTTPS from inside the VPC only"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${local.name}-endpoints" }
}

# HTTPS from the VPC's own range, nothing else. No egress rule: security groups are stateful,
# so replies leave without one, and an endpoint never opens connections of its own.
resource "aws_vpc_security_group_ingress_rule" "endpoints_https" {
  count = var.nat_mode == "none" ? 1 : 0

  security_group_id = aws_security_group.endpoints[0].id
  description       = "HTTPS from the VPC"
  cidr_ipv4         = aws_vpc.this.cidr_block
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# One network interface per private subnet (per AZ); private DNS makes the services' default
# hostnames (api.ecr..., logs..., sts...) resolve to them, so SDKs need no endpoint settings.
resource "aws_vpc_endpoint" "interface" {
  for_each = data.aws_vpc_endpoint_service.interface

  vpc_id              = aws_vpc.this.id
  service_name        = each.value.service_name
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [for az in local.azs : aws_subnet.private[az].id]
  security_group_ids  = [aws_security_group.endpoints[0].id]
  private_dns_enabled = true

  tags = { Name = "${local.name}-${each.key}" }
}
# endregion endpoints
