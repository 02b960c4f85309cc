// Markdown (for an agent's answer) and JSON (for programs) views of the same audit result.
import { usedPriceRecords } from "./prices.js";
import { type AuditResult, type Finding, type Gap, SEVERITIES, type Severity } from "./types.js";

export interface ReportMeta {
  account: string;
  regions: string[];
  generatedAt: string;
  threshold: Severity;
}

function sumCost(findings: Finding[]): number {
  return Math.round(findings.reduce((total, f) => total + (f.monthlyCostUsd ?? 0), 0) * 100) / 100;
}

export function toJson(result: AuditResult, meta: ReportMeta): object {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, result.findings.filter((f) => f.severity === s).length]));
  return {
    ...meta,
    summary: { findings: result.findings.length, bySeverity, monthlyCostUsd: sumCost(result.findings) },
    findings: result.findings,
    notAudited: result.gaps,
    prices: usedPriceRecords(),
  };
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const usd = (value: number) => `$${value.toFixed(2)}`;

function costCell(f: Finding): string {
  if (f.monthlyCostUsd !== null) return f.check === "ebs-gp2" ? `${usd(f.monthlyCostUsd)} saved` : usd(f.monthlyCostUsd);
  return f.costBasis?.startsWith("not priced") ? "not priced" : "-";
}

/** Groups per-resource gaps that share a cause, so 200 denied buckets make one row. */
export function groupGaps(gaps: Gap[]): Array<Gap & { resources: string[] }> {
  const groups = new Map<string, Gap & { resources: string[] }>();
  for (const gap of gaps) {
    const key = [gap.region, gap.service, gap.action, gap.reason].join("\u0000");
    const group = groups.get(key) ?? { region: gap.region, service: gap.service, action: gap.action, reason: gap.reason, resources: [] };
    if (gap.resource) group.resources.push(gap.resource);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function toMarkdown(result: AuditResult, meta: ReportMeta): string {
  const lines: string[] = [];
  lines.push(`## Resource audit: account ${meta.account}`, "");
  lines.push(`Regions: ${meta.regions.join(", ")} (IAM and the S3 bucket list are global). Read-only; run at ${meta.generatedAt}.`, "");
  if (result.findings.length === 0) {
    lines.push("No findings.", "");
  } else {
    // gp2 findings carry what moving to gp3 saves, the others what the resource costs: both are money at stake.
    lines.push("| Severity | Findings | Monthly cost or saving |", "| --- | ---: | ---: |");
    for (const severity of SEVERITIES) {
      const group = result.findings.filter((f) => f.severity === severity);
      const priced = group.some((f) => f.monthlyCostUsd !== null);
      if (group.length > 0) lines.push(`| ${severity} | ${group.length} | ${priced ? usd(sumCost(group)) : "-"} |`);
    }
    lines.push(`| **total** | **${result.findings.length}** | **${usd(sumCost(result.findings))}** |`, "");
    for (const severity of SEVERITIES) {
      const group = result.findings.filter((f) => f.severity === severity);
      if (group.length === 0) continue;
      lines.push(`### ${severity[0]!.toUpperCase()}${severity.slice(1)} (${group.length})`, "");
      lines.push("| Region | Resource | Finding | Monthly cost | Fix |", "| --- | --- | --- | ---: | --- |");
      for (const f of group) {
        lines.push(`| ${f.region} | ${cell(`${f.service} ${f.resource}`)} | ${cell(`**${f.title}**: ${f.detail}`)} | ${costCell(f)} | ${cell(f.fix)} |`);
      }
      lines.push("");
    }
  }
  const gaps = groupGaps(result.gaps);
  if (gaps.length > 0) {
    lines.push(`### Not audited (${gaps.length})`, "");
    lines.push("The audit could not see these; grant the actions in scripts/iam/resource-audit-policy.json and run it again.", "");
    lines.push("| Region | Service | IAM action | Reason | Resources |", "| --- | --- | --- | --- | --- |");
    for (const g of gaps) {
      const resources = g.resources.length === 0 ? "all" : g.resources.length <= 3 ? g.resources.join(", ") : `${g.resources.slice(0, 3).join(", ")} and ${g.resources.length - 3} more`;
      lines.push(`| ${g.region} | ${g.service} | ${g.action} | ${cell(g.reason)} | ${cell(resources)} |`);
    }
    lines.push("");
  }
  const unverified = usedPriceRecords().filter((r) => r.unverified).map((r) => r.fact);
  lines.push(
    `Costs: 730 hours a month, from the skill's price records (us-east-1 records price us-east-1 only; other Regions show "not priced").` +
      (unverified.length > 0 ? ` Not verified on an AWS page: ${unverified.join(", ")}.` : ""),
  );
  return lines.join("\n") + "\n";
}
