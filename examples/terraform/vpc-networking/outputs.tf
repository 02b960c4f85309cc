output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "availability_zones" {
  description = "The AZs the subnets are spread over, in the order of every subnet list below."
  value       = local.azs
}

output "public_subnet_ids" {
  description = "Public subnets (load balancers, NAT gateways), one per AZ."
  value       = [for az in local.azs : aws_subnet.public[az].id]
}

output "private_subnet_ids" {
  description = "Private subnets (containers, instances, Lambda in a VPC), one per AZ."
  value       = [for az in local.azs : aws_subnet.private[az].id]
}

output "isolated_subnet_ids" {
  description = "Isolated subnets with no route out of the VPC (databases, caches), one per AZ."
  value       = [for az in local.azs : aws_subnet.isolated[az].id]
}

output "private_route_table_ids" {
  description = "Route tables of the private subnets, one per AZ (for peering or Transit Gateway routes)."
  value       = [for az in local.azs : aws_route_table.private[az].id]
}

output "nat_gateway_ids" {
  description = "NAT gateways by AZ: one per AZ (per_az), one (shared) or none."
  value       = { for az, gateway in aws_nat_gateway.this : az => gateway.id }
}

output "nat_public_ips" {
  description = "Public IPv4 addresses the private subnets' internet traffic leaves from (for allow lists)."
  value       = [for az in local.nat_zones : aws_eip.nat[az].public_ip]
}

output "gateway_endpoint_ids" {
  description = "Gateway endpoints by service (s3, dynamodb)."
  value       = { for service, endpoint in aws_vpc_endpoint.gateway : service => endpoint.id }
}

output "interface_endpoint_ids" {
  description = "Interface endpoints by service; empty unless nat_mode is \"none\"."
  value       = { for service, endpoint in aws_vpc_endpoint.interface : service => endpoint.id }
}

output "endpoint_security_group_id" {
  description = "Security group of the interface endpoints (null unless nat_mode is \"none\")."
  value       = one(aws_security_group.endpoints[*].id)
}

output "flow_log_group_name" {
  description = "CloudWatch log group that receives the VPC flow logs."
  value       = aws_cloudwatch_log_group.flow_logs.name
}
