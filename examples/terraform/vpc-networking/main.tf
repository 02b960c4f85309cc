# Only zones that are up and opted in by default; the first az_count of them hold every tier.
data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  name = "${var.project_name}-${var.environment}"
  azs  = slice(data.aws_availability_zones.available.names, 0, var.az_count)

  # AZ name => index, so every per-AZ resource is keyed by its zone and stays put when az_count
  # changes.
  zones = { for index, az in local.azs : az => index }
}

# region vpc
resource "aws_vpc" "this" {
  cidr_block = var.vpc_cidr

  # Both on: interface endpoints' private DNS names resolve only with them.
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = local.name }
}

# Subnet sizes are relative to the VPC prefix, so a /16 gets the layout of
# skill/references/networking.md (private /19, isolated /22, public /24 per AZ) and a /19 the
# same proportions. Private takes the first 3/8 of the block, isolated the next 3/64, public the
# next 3/256; the rest (57%) stays free for another tier or secondary services.
resource "aws_subnet" "private" {
  for_each = local.zones

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.vpc_cidr, 3, each.value)

  tags = { Name = "${local.name}-private-${each.key}", Tier = "private" }
}

resource "aws_subnet" "isolated" {
  for_each = local.zones

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.vpc_cidr, 6, 24 + each.value)

  tags = { Name = "${local.name}-isolated-${each.key}", Tier = "isolated" }
}

resource "aws_subnet" "public" {
  for_each = local.zones

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, 108 + each.value)

  # Nothing launched here gets a public address unless it asks: NAT gateways bring their Elastic
  # IPs and internet-facing load balancers their own.
  map_public_ip_on_launch = false

  tags = { Name = "${local.name}-public-${each.key}", Tier = "public" }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = local.name }
}

# Public: one table, default route to the internet gateway.
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${local.name}-public" }
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  for_each = local.zones

  subnet_id      = aws_subnet.public[each.key].id
  route_table_id = aws_route_table.public.id
}

# Private: one table per AZ, so per_az NAT keeps each zone's egress in its zone. The default
# route (if any) is added in nat.tf.
resource "aws_route_table" "private" {
  for_each = local.zones

  vpc_id = aws_vpc.this.id

  tags = { Name = "${local.name}-private-${each.key}" }
}

resource "aws_route_table_association" "private" {
  for_each = local.zones

  subnet_id      = aws_subnet.private[each.key].id
  route_table_id = aws_route_table.private[each.key].id
}

# Isolated: one table with no default route at all, only the VPC's local route and the gateway
# endpoints (endpoints.tf). Databases and caches live here.
resource "aws_route_table" "isolated" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${local.name}-isolated" }
}

resource "aws_route_table_association" "isolated" {
  for_each = local.zones

  subnet_id      = aws_subnet.isolated[each.key].id
  route_table_id = aws_route_table.isolated.id
}

# Terraform adopts the VPC's default security group and, with no ingress or egress blocks,
# removes all its rules: anything launched without a security group of its own reaches nothing
# and is reachable by nothing.
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${local.name}-default-unused" }
}
# endregion vpc
