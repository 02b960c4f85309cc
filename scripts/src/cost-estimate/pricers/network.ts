// Networking: NAT gateways, public IPv4 addresses, load balancers, VPC endpoints, CloudFront.
import { formatCount, literal, prop, type Pricer, type PricerContext } from "../pricer.js";

export const priceNatGateway: Pricer = (ctx) => {
  const hours = ctx.hours();
  const gb = ctx.num("gb_processed");
  ctx.line("NAT gateway hours", "networking.price-nat-gateway-hour", hours, `${formatCount(hours)} h`);
  ctx.line("Data processed", "networking.price-nat-gateway-gb", gb, `${formatCount(gb)} GB`);
  if (literal(prop(ctx.resource, "ConnectivityType", "connectivity_type")) !== "private") {
    ctx.assume("its public IPv4 address is priced with its Elastic IP resource");
  }
};

export const priceElasticIp: Pricer = (ctx) => {
  const hours = ctx.hours();
  ctx.line("Public IPv4 address hours", "networking.price-public-ipv4-hour", hours, `1 address x ${formatCount(hours)} h`);
};

/** How many subnets a property lists, when it is a literal list (elements may be references). */
function listLength(value: unknown): number | undefined {
  return Array.isArray(value) && value.length > 0 ? value.length : undefined;
}

function azCount(ctx: PricerContext, cloudFormation: string[], terraform: string): number {
  const r = ctx.resource;
  const names = r.language === "cloudformation" ? cloudFormation : [terraform];
  const counted = names.map((name) => listLength(r.properties[name])).find((n) => n !== undefined);
  return ctx.num("azs", counted === undefined ? undefined : { value: counted, what: "subnets listed" });
}

export const priceLoadBalancer: Pricer = (ctx) => {
  const r = ctx.resource;
  const type = literal(prop(r, "Type", "load_balancer_type")) ?? "application";
  const internal = r.language === "cloudformation" ? literal(r.properties.Scheme) === "internal" : r.properties.internal === true;
  const hours = ctx.hours();
  if (type !== "application" && type !== "network") {
    ctx.notPriced("Gateway Load Balancer", "no price record for Gateway Load Balancers in skill/data");
    return;
  }
  const alb = type === "application";
  const units = ctx.num("capacity_units");
  ctx.line(alb ? "ALB hours" : "NLB hours", alb ? "elb.price-alb-hour" : "elb.price-nlb-hour", hours, `${formatCount(hours)} h`);
  ctx.line(alb ? "Load balancer capacity units" : "Network load balancer capacity units", alb ? "elb.price-alb-lcu-hour" : "elb.price-nlb-nlcu-hour", units * hours, `${formatCount(units)} ${alb ? "LCU" : "NLCU"} x ${formatCount(hours)} h`);
  if (!internal) {
    const azs = azCount(ctx, ["Subnets", "SubnetMappings"], "subnets");
    ctx.line("Public IPv4 addresses", "networking.price-public-ipv4-hour", azs * hours, `${formatCount(azs)} addresses (one per AZ) x ${formatCount(hours)} h`);
  }
};

export const priceVpcEndpoint: Pricer = (ctx) => {
  const r = ctx.resource;
  const type = literal(prop(r, "VpcEndpointType", "vpc_endpoint_type")) ?? "Gateway";
  if (type === "Gateway") {
    ctx.line("Gateway endpoint", "networking.price-gateway-endpoint", 1, "1 endpoint");
    return;
  }
  if (type !== "Interface") {
    ctx.notPriced(`${type} endpoint`, `no price record for ${type} endpoints in skill/data`);
    return;
  }
  const hours = ctx.hours();
  const azs = azCount(ctx, ["SubnetIds"], "subnet_ids");
  const gb = ctx.num("gb_processed");
  ctx.line("Interface endpoint hours", "networking.price-interface-endpoint-hour", azs * hours, `${formatCount(azs)} AZs x ${formatCount(hours)} h`);
  ctx.line("Data processed", "networking.price-interface-endpoint-gb", gb, `${formatCount(gb)} GB`);
};

export const priceCloudFront: Pricer = (ctx) => {
  const gb = ctx.num("gb_transferred");
  const requests = ctx.num("requests");
  ctx.assume("viewers in the United States, Mexico and Canada, first 10 TB price tier, pay-as-you-go (no flat-rate plan), free tier ignored");
  ctx.line("Data transfer out to the internet", "cloudfront.price-data-transfer-out-us-gb", gb, `${formatCount(gb)} GB`);
  ctx.line("HTTPS requests", "cloudfront.price-https-requests-us", requests, `${formatCount(requests)} requests`);
};
