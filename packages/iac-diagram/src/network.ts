// Network placement, as far as the code says it: which VPC a resource is in and which subnet tier
// (public: a route to an internet gateway; private: a route elsewhere, usually a NAT gateway;
// isolated: no route out). Tiers come from route tables, so CDK, CloudFormation and Terraform
// subnets are told apart the same way, whatever they are named.
import type { SourceResource } from "./resources.js";

export type Tier = "public" | "private" | "isolated";

export interface Placement {
  vpc?: string;
  tier?: Tier;
}

export interface VpcLayout {
  vpcs: string[];
  /** vpc -> tier -> subnet resources (a Terraform subnet with count/for_each is one resource for several AZs). */
  tiers: Map<string, Map<Tier, SourceResource[]>>;
  placementOf(id: string): Placement;
}

const SUBNET = "AWS::EC2::Subnet";
const VPC = "AWS::EC2::VPC";
/** Resources that take their parent's place: a database instance its cluster's, a listener its load balancer's. */
const PLACED_WITH: Record<string, string> = {
  "AWS::RDS::DBInstance": "AWS::RDS::DBCluster",
  "AWS::ElasticLoadBalancingV2::Listener": "AWS::ElasticLoadBalancingV2::LoadBalancer",
};
/** Glue that carries placement through it: a database subnet group names subnets; a security group, a VPC. */
const PASS_THROUGH = new Set(["AWS::RDS::DBSubnetGroup", "AWS::EC2::SecurityGroup", "AWS::ElastiCache::SubnetGroup"]);

export function layoutNetwork(resources: SourceResource[]): VpcLayout {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const typeOf = (id: string): string | undefined => byId.get(id)?.type;
  const refsTo = (r: SourceResource, type: string): string[] => r.references.filter((x) => typeOf(x.target) === type).map((x) => x.target);
  const vpcs = resources.filter((r) => r.type === VPC).map((r) => r.id);

  // Route table -> where its routes go (inline Terraform `route` blocks, or route resources).
  const routesOut = new Map<string, Set<string>>();
  const addRoute = (table: string, target: string): void => {
    routesOut.set(table, (routesOut.get(table) ?? new Set()).add(target));
  };
  for (const r of resources) {
    if (r.type === "AWS::EC2::Route") for (const table of refsTo(r, "AWS::EC2::RouteTable")) for (const x of r.references) if (x.target !== table && x.kind !== "DependsOn" && x.kind !== "depends_on" && typeOf(x.target) !== VPC) addRoute(table, x.target);
    if (r.type === "AWS::EC2::RouteTable") for (const x of r.references.filter((x) => x.property === "route")) addRoute(r.id, x.target);
  }
  const tablesOfSubnet = new Map<string, string[]>();
  for (const r of resources.filter((r) => r.type === "AWS::EC2::SubnetRouteTableAssociation")) {
    for (const subnet of refsTo(r, SUBNET)) tablesOfSubnet.set(subnet, [...(tablesOfSubnet.get(subnet) ?? []), ...refsTo(r, "AWS::EC2::RouteTable")]);
  }
  const tierOf = (subnet: string): Tier => {
    const targets = (tablesOfSubnet.get(subnet) ?? []).flatMap((t) => [...(routesOut.get(t) ?? [])]);
    if (targets.some((t) => typeOf(t) === "AWS::EC2::InternetGateway")) return "public";
    return targets.length > 0 ? "private" : "isolated";
  };

  const tiers = new Map<string, Map<Tier, SourceResource[]>>();
  const subnetPlace = new Map<string, Placement>();
  for (const subnet of resources.filter((r) => r.type === SUBNET)) {
    const vpc = refsTo(subnet, VPC)[0];
    const tier = tierOf(subnet.id);
    subnetPlace.set(subnet.id, { vpc, tier });
    if (!vpc) continue;
    const inVpc = tiers.get(vpc) ?? new Map<Tier, SourceResource[]>();
    inVpc.set(tier, [...(inVpc.get(tier) ?? []), subnet]);
    tiers.set(vpc, inVpc);
  }
  // An internet gateway is attached to its VPC by a resource that names both.
  const attachedTo = new Map<string, string>();
  for (const r of resources.filter((r) => r.type === "AWS::EC2::VPCGatewayAttachment")) {
    const vpc = refsTo(r, VPC)[0];
    if (vpc) for (const x of r.references) if (x.target !== vpc) attachedTo.set(x.target, vpc);
  }

  const cache = new Map<string, Placement>();
  const placementOf = (id: string, depth = 0): Placement => {
    const cached = cache.get(id);
    if (cached) return cached;
    const r = byId.get(id);
    if (!r || depth > 3) return {};
    if (r.type === VPC) return { vpc: r.id };
    if (r.type === SUBNET) return subnetPlace.get(id) ?? {};
    const subnets = new Set<string>();
    const vpcsSeen = new Set<string>();
    const look = (from: SourceResource, hops: number): void => {
      for (const x of from.references) {
        const t = typeOf(x.target);
        if (t === SUBNET) subnets.add(x.target);
        else if (t === VPC) vpcsSeen.add(x.target);
        else if (t && PASS_THROUGH.has(t) && hops < 2) look(byId.get(x.target)!, hops + 1);
      }
    };
    look(r, 0);
    let place: Placement = {};
    const placed = [...subnets].map((s) => subnetPlace.get(s) ?? {});
    const subnetVpcs = new Set(placed.map((p) => p.vpc).filter((v): v is string => v !== undefined));
    const subnetTiers = new Set(placed.map((p) => p.tier));
    if (subnetVpcs.size === 1) place = { vpc: [...subnetVpcs][0], ...(subnetTiers.size === 1 ? { tier: [...subnetTiers][0] } : {}) };
    else if (vpcsSeen.size === 1 && subnets.size === 0) place = { vpc: [...vpcsSeen][0] };
    else if (attachedTo.has(id)) place = { vpc: attachedTo.get(id) };
    else if (PLACED_WITH[r.type]) {
      const parent = r.references.find((x) => typeOf(x.target) === PLACED_WITH[r.type]);
      if (parent) place = placementOf(parent.target, depth + 1);
    }
    cache.set(id, place);
    return place;
  };
  return { vpcs, tiers, placementOf: (id) => placementOf(id) };
}
