/**
 * tf-sec/no-public-admin-ingress: no security group rule admits `0.0.0.0/0` or `::/0` to an
 * administration or database port (SSH 22, RDP 3389, WinRM, databases, caches, NFS/SMB), or to
 * all ports. Checks inline `ingress` blocks of `aws_security_group`, `aws_security_group_rule`
 * with `type = "ingress"`, and `aws_vpc_security_group_ingress_rule`.
 *
 * Rationale: these ports are scanned from the whole internet within minutes of opening; reach
 * instances with SSM Session Manager and databases from inside the VPC.
 *
 * @example ok
 * ```hcl
 * resource "aws_vpc_security_group_ingress_rule" "https" {
 *   security_group_id = "sg-0123456789abcdef0"
 *   cidr_ipv4         = "0.0.0.0/0"
 *   ip_protocol       = "tcp"
 *   from_port         = 443
 *   to_port           = 443
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_vpc_security_group_ingress_rule" "ssh" {
 *   security_group_id = "sg-0123456789abcdef0"
 *   cidr_ipv4         = "0.0.0.0/0"
 *   ip_protocol       = "tcp"
 *   from_port         = 22
 *   to_port           = 22
 * }
 * ```
 */
import type { TfBlock } from "../model.js";
import { attr, literalNumber, literalString, literalStrings, nested, resources, type Finding, type SecurityRule } from "./rule.js";

export const ADMIN_PORTS: Record<number, string> = {
  22: "SSH",
  23: "Telnet",
  445: "SMB",
  1433: "SQL Server",
  1521: "Oracle",
  2049: "NFS",
  3306: "MySQL",
  3389: "RDP",
  5432: "PostgreSQL",
  5439: "Redshift",
  5985: "WinRM",
  5986: "WinRM",
  6379: "Redis",
  9042: "Cassandra",
  9200: "OpenSearch",
  11211: "Memcached",
  27017: "MongoDB",
};
const OPEN = new Set(["0.0.0.0/0", "::/0"]);

/** The admin ports a rule opens, or undefined when it opens none (or uses expressions). */
function exposedPorts(rule: TfBlock, protocolArg: string): string | undefined {
  const protocol = literalString(attr(rule, protocolArg)) ?? String(attr(rule, protocolArg)?.value ?? "");
  if (protocol === "-1" || protocol === "all") return "all ports";
  const from = literalNumber(attr(rule, "from_port"));
  const to = literalNumber(attr(rule, "to_port")) ?? from;
  if (from === undefined || to === undefined) return undefined;
  if (from <= 0 && to >= 65535) return "all ports";
  const hit = Object.entries(ADMIN_PORTS).filter(([p]) => Number(p) >= from && Number(p) <= to);
  return hit.length ? hit.map(([p, name]) => `${p} (${name})`).join(", ") : undefined;
}

export const noPublicAdminIngress: SecurityRule = {
  id: "tf-sec/no-public-admin-ingress",
  rationale: "Never open administration or database ports to the whole internet.",
  check(module) {
    const findings: Finding[] = [];
    const report = (owner: TfBlock, rule: TfBlock, cidrs: string[], protocolArg: string): void => {
      const open = cidrs.filter((c) => OPEN.has(c));
      const ports = open.length ? exposedPorts(rule, protocolArg) : undefined;
      if (ports) {
        findings.push({ block: owner, position: rule.position, message: `${owner.labels.join(".")} admits ${open.join(" and ")} to ${ports}: restrict the source to known networks or a security group, or use SSM Session Manager for administration.` });
      }
    };
    for (const sg of resources(module, "aws_security_group")) {
      for (const ingress of nested(sg, "ingress")) report(sg, ingress, [...literalStrings(attr(ingress, "cidr_blocks")), ...literalStrings(attr(ingress, "ipv6_cidr_blocks"))], "protocol");
      // `ingress = [{ ... }]` written as an argument (in .tf.json the same list is already read as blocks above)
      const list = attr(sg, "ingress")?.value;
      if (Array.isArray(list) && !attr(sg, "ingress")!.asBlocks) {
        for (const item of list) {
          if (!item || typeof item !== "object") continue;
          const o = item as Record<string, unknown>;
          const fake: TfBlock = { ...sg, attributes: Object.entries(o).map(([name, value]) => ({ name, value, position: sg.position, expression: "", traversals: [] })), blocks: [] };
          report(sg, { ...fake, position: attr(sg, "ingress")!.position }, [...literalStrings(attr(fake, "cidr_blocks")), ...literalStrings(attr(fake, "ipv6_cidr_blocks"))], "protocol");
        }
      }
    }
    for (const r of resources(module, "aws_security_group_rule")) {
      if (literalString(attr(r, "type")) !== "ingress") continue;
      report(r, r, [...literalStrings(attr(r, "cidr_blocks")), ...literalStrings(attr(r, "ipv6_cidr_blocks"))], "protocol");
    }
    for (const r of resources(module, "aws_vpc_security_group_ingress_rule")) {
      report(r, r, [...literalStrings(attr(r, "cidr_ipv4")), ...literalStrings(attr(r, "cidr_ipv6"))], "ip_protocol");
    }
    return findings;
  },
};
