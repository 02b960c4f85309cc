# region nat
locals {
  # AZs that host a NAT gateway: every AZ, the first one only, or none.
  nat_zones = (
    var.nat_mode == "per_az" ? local.azs :
    var.nat_mode == "shared" ? slice(local.azs, 0, 1) : []
  )
}

resource "aws_eip" "nat" {
  for_each = toset(local.nat_zones)

  domain = "vpc"

  tags = { Name = "${local.name}-nat-${each.key}" }

  # An Elastic IP for a NAT gateway needs the internet gateway attached first.
  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  for_each = toset(local.nat_zones)

  connectivity_type = "public"
  allocation_id     = aws_eip.nat[each.key].allocation_id
  subnet_id         = aws_subnet.public[each.key].id

  tags = { Name = "${local.name}-${each.key}" }

  depends_on = [aws_internet_gateway.this]
}

# Each private table's default route: its own AZ's gateway (per_az) or the one shared gateway.
# With nat_mode = "none" there is none, and AWS APIs are reached through endpoints.tf.
resource "aws_route" "private_nat" {
  for_each = var.nat_mode == "none" ? {} : local.zones

  route_table_id         = aws_route_table.private[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[var.nat_mode == "per_az" ? each.key : local.azs[0]].id
}
# endregion nat
