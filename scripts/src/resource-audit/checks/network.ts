// Elastic IPs, NAT gateways and security groups.
import type { IpPermission } from "@aws-sdk/client-ec2";
import { type CheckContext, olderThanDays } from "../context.js";
import { HOURS_PER_MONTH, isPrice, priceFor, roundUsd } from "../prices.js";
import type { Finding } from "../types.js";

function hourlyCost(name: "publicIpv4Hour" | "natGatewayHour", region: string): Pick<Finding, "monthlyCostUsd" | "costBasis"> {
  const price = priceFor(name, region);
  if (!isPrice(price)) return { monthlyCostUsd: null, costBasis: price.missing };
  return { monthlyCostUsd: roundUsd(HOURS_PER_MONTH * price.value), costBasis: `${HOURS_PER_MONTH} h x $${price.value}/h (${price.factId})` };
}

/** instanceStates: instance id -> state name, from the compute check (absent when it could not run). */
export async function checkAddresses(ctx: CheckContext, region: string, instanceStates: Map<string, string> | undefined): Promise<void> {
  const result = await ctx.call("DescribeAddresses", region, {});
  if (!result.ok) return;
  for (const address of result.output.Addresses ?? []) {
    const id = address.AllocationId ?? address.PublicIp ?? "(unnamed address)";
    const label = address.PublicIp ? `${id} (${address.PublicIp})` : id;
    ctx.checkTags(region, "EC2", id, "Elastic IP", address.Tags);
    if (!address.AssociationId && !address.InstanceId && !address.NetworkInterfaceId) {
      ctx.add({
        check: "eip-unassociated",
        severity: "medium",
        region,
        service: "EC2",
        resource: label,
        title: "Unassociated Elastic IP",
        detail: "Allocated but attached to nothing; public IPv4 is billed by the hour either way",
        fix: `Release it if nothing needs this address: aws ec2 release-address --allocation-id ${id}`,
        ...hourlyCost("publicIpv4Hour", region),
      });
    } else if (address.InstanceId && instanceStates?.get(address.InstanceId) === "stopped") {
      ctx.add({
        check: "public-ipv4-idle",
        severity: "low",
        region,
        service: "EC2",
        resource: label,
        title: "Idle public IPv4 (instance stopped)",
        detail: `Associated with ${address.InstanceId}, which is stopped`,
        fix: "Release the address if the instance stays stopped, or reach the instance over IPv6, a load balancer or Session Manager instead.",
        ...hourlyCost("publicIpv4Hour", region),
      });
    }
  }
}

export async function checkNatGateways(ctx: CheckContext, region: string): Promise<void> {
  const { natIdleDays, now } = ctx.options;
  const input = { Filter: [{ Name: "state", Values: ["available"] }], MaxResults: 1000 };
  for await (const page of ctx.pages("DescribeNatGateways", region, input, { in: "NextToken", out: "NextToken" })) {
    for (const nat of page.NatGateways ?? []) {
      const id = nat.NatGatewayId ?? "(unnamed NAT gateway)";
      ctx.checkTags(region, "EC2", id, "NAT gateway", nat.Tags);
      const bytes = await natBytes(ctx, region, id, natIdleDays, now);
      if (bytes === undefined || bytes > 0) continue;
      const young = nat.CreateTime && !olderThanDays(new Date(nat.CreateTime), natIdleDays, now);
      ctx.add({
        check: "nat-idle",
        severity: "medium",
        region,
        service: "EC2",
        resource: id,
        title: "Idle NAT gateway",
        detail: `No bytes processed in ${natIdleDays} days (CloudWatch AWS/NATGateway)${young ? "; created within that window" : ""}`,
        fix: "Delete it (and release its Elastic IP) if nothing routes through it; for AWS service traffic, gateway or interface VPC endpoints are cheaper.",
        ...hourlyCost("natGatewayHour", region),
      });
    }
  }
}

/** Bytes the gateway moved in the window, or undefined when CloudWatch could not be read. */
async function natBytes(ctx: CheckContext, region: string, id: string, days: number, now: Date): Promise<number | undefined> {
  const metric = (name: string, qid: string) => ({
    Id: qid,
    MetricStat: {
      Metric: { Namespace: "AWS/NATGateway", MetricName: name, Dimensions: [{ Name: "NatGatewayId", Value: id }] },
      Period: 86_400,
      Stat: "Sum",
    },
  });
  const input = {
    StartTime: new Date(now.getTime() - days * 86_400_000),
    EndTime: now,
    MetricDataQueries: [metric("BytesInFromSource", "fromsource"), metric("BytesInFromDestination", "fromdestination")],
  };
  let total = 0;
  let pages = 0;
  for await (const page of ctx.pages("GetMetricData", region, input, { in: "NextToken", out: "NextToken" })) {
    pages++;
    for (const series of page.MetricDataResults ?? []) total += (series.Values ?? []).reduce((a, b) => a + b, 0);
  }
  return pages === 0 ? undefined : total;
}

/** Ports that should never be open to the whole internet, with what usually listens there. */
export const ADMIN_PORTS: ReadonlyArray<readonly [number, string]> = [
  [22, "SSH"],
  [3389, "RDP"],
  [3306, "MySQL/MariaDB"],
  [5432, "PostgreSQL"],
  [1433, "SQL Server"],
  [1521, "Oracle"],
  [27017, "MongoDB/DocumentDB"],
  [6379, "Redis/Valkey"],
  [11211, "Memcached"],
  [9200, "OpenSearch/Elasticsearch"],
  [5439, "Redshift"],
];

export async function checkSecurityGroups(ctx: CheckContext, region: string): Promise<void> {
  for await (const page of ctx.pages("DescribeSecurityGroups", region, { MaxResults: 1000 }, { in: "NextToken", out: "NextToken" })) {
    for (const group of page.SecurityGroups ?? []) {
      const id = group.GroupId ?? "(unnamed group)";
      const label = group.GroupName ? `${id} (${group.GroupName})` : id;
      // Every VPC has a default group; tagging it is rarely anyone's practice.
      if (group.GroupName !== "default") ctx.checkTags(region, "EC2", id, "Security group", group.Tags);
      const exposed = new Map<string, Set<string>>();
      for (const rule of group.IpPermissions ?? []) {
        const sources = worldSources(rule);
        if (sources.length === 0) continue;
        for (const [port, name] of ADMIN_PORTS) {
          if (!rulePermitsTcpPort(rule, port)) continue;
          const key = `${name} (${port})`;
          const set = exposed.get(key) ?? new Set<string>();
          for (const s of sources) set.add(s);
          exposed.set(key, set);
        }
      }
      if (exposed.size === 0) continue;
      const parts = [...exposed].map(([port, sources]) => `${port} from ${[...sources].join(" and ")}`);
      ctx.add({
        check: "sg-open-admin-port",
        severity: "critical",
        region,
        service: "EC2",
        resource: label,
        title: "Admin or database port open to the world",
        detail: parts.join("; "),
        fix: "Remove the 0.0.0.0/0 and ::/0 inbound rules on these ports; allow a known CIDR or another security group, and use Session Manager instead of open SSH/RDP.",
        monthlyCostUsd: null,
      });
    }
  }
}

function worldSources(rule: IpPermission): string[] {
  const sources: string[] = [];
  if ((rule.IpRanges ?? []).some((r) => r.CidrIp === "0.0.0.0/0")) sources.push("0.0.0.0/0");
  if ((rule.Ipv6Ranges ?? []).some((r) => r.CidrIpv6 === "::/0")) sources.push("::/0");
  return sources;
}

export function rulePermitsTcpPort(rule: IpPermission, port: number): boolean {
  const protocol = rule.IpProtocol ?? "";
  if (protocol === "-1" || protocol === "all") return true;
  if (protocol !== "tcp" && protocol !== "6") return false;
  const from = rule.FromPort ?? 0;
  const to = rule.ToPort ?? 65535;
  // FromPort/ToPort of -1 means every port for tcp in some API answers.
  if (from === -1 || to === -1) return true;
  return from <= port && port <= to;
}
