// The estimate as markdown (reads well inside an agent's answer and in a README) or JSON (the same
// data for programs).
import { formatDecimal, formatFactValue, toDecimal } from "@aws-patterns/skill-lint/facts";
import type { Estimate, ResourceEstimate } from "./estimate.js";
import { unitNoun, unitSize } from "./prices.js";

export interface Budget {
  usd: number;
  exceeded: boolean;
}

export function formatJson(estimate: Estimate, budget: Budget | undefined): string {
  return `${JSON.stringify({ ...estimate, ...(budget ? { budget } : {}) }, null, 2)}\n`;
}

const escape = (text: string) => text.replace(/\|/g, "\\|");

/** The CDK construct path (without the stack and `/Resource`) when there is one, else the logical id or address. */
function displayName(resource: { id: string; stack: string | undefined; name?: string }, multiStack: boolean): string {
  return `${multiStack && resource.stack ? `${resource.stack}/` : ""}${resource.name ?? resource.id}`;
}

/** `730 hours`, `25,000 GB-seconds`, `1,460 vCPU-hours`. */
function plural(noun: string): string {
  return /(hour|second|month)$/.test(noun) ? `${noun}s` : noun;
}

function quantityCell(line: ResourceEstimate["lines"][number]): string {
  if (!line.basis.includes(" x ")) return line.basis;
  const base = toDecimal(Number((line.quantity * unitSize(line.unit)).toPrecision(12)));
  return `${line.basis} = ${formatDecimal(base)} ${plural(unitNoun(line.unit))}`;
}

export function formatMarkdown(estimate: Estimate, options: { budget?: Budget | undefined; header?: boolean } = {}): string {
  const out: string[] = [];
  const multiStack = new Set(estimate.resources.map((r) => r.stack)).size > 1;
  if (options.header !== false) out.push(`Input: ${estimate.input}`, "");
  out.push(`**Monthly estimate: ${estimate.totalText}** in ${estimate.region}, prices as of ${estimate.pricesAsOf ?? "(no price used)"} (the oldest record used).`, "");
  out.push("| Resource | Dimension | Quantity | Unit price | Monthly | Record |", "| --- | --- | --- | --- | --- | --- |");
  for (const resource of estimate.resources) {
    resource.lines.forEach((line, index) => {
      const name = index === 0 ? `\`${displayName(resource, multiStack)}\`` : "";
      const price = formatFactValue({ value: line.unitPrice, unit: line.unit, unverified: line.unverified });
      out.push(`| ${escape(name)} | ${escape(line.dimension)} | ${escape(quantityCell(line))} | ${escape(price)} | ${line.monthlyText} | \`${line.fact}\` |`);
    });
  }
  out.push(`| **Total** | | | | **${estimate.totalText}** | |`, "");
  if (options.budget) {
    out.push(options.budget.exceeded ? `**Over budget:** ${estimate.totalText} is more than the budget of $${options.budget.usd}.` : `Within the budget of $${options.budget.usd}.`, "");
  }
  // Resources that share a text are listed on one line (three NAT gateways, one sentence).
  const grouped = (entries: [string, string][]) => {
    const byText = new Map<string, string[]>();
    for (const [name, text] of entries) byText.set(text, [...(byText.get(text) ?? []), `\`${name}\``]);
    return [...byText].map(([text, names]) => `- ${names.join(", ")}: ${text}.`);
  };
  const dimensions = grouped(estimate.resources.flatMap((r) => r.notPriced.map((n): [string, string] => [displayName(r, multiStack), `${n.dimension}: ${n.reason}`])));
  if (dimensions.length > 0 || estimate.unpriced.length > 0) {
    out.push("Not priced (not in the total):", "");
    out.push(...dimensions);
    // Resources without a pricer, one line: most are free-standing configuration (roles, subnets,
    // policies), but the list says what was not priced rather than deciding it costs nothing.
    const byType = new Map<string, number>();
    for (const resource of estimate.unpriced) byType.set(resource.type, (byType.get(resource.type) ?? 0) + 1);
    const custom = estimate.unpriced.filter((r) => r.reason.startsWith("custom resource"));
    if (custom.length > 0) out.push(`- Custom resources (${custom.map((r) => `\`${displayName(r, multiStack)}\``).join(", ")}): ${custom[0]!.reason}.`);
    const others = [...byType].filter(([type]) => !custom.some((r) => r.type === type));
    if (others.length > 0) out.push(`- Types cost-estimate has no pricer for: ${others.map(([type, n]) => `${type}${n > 1 ? ` x ${n}` : ""}`).join(", ")}.`);
    out.push("");
  }
  out.push("Assumptions:", "");
  out.push(...estimate.assumptions.map((a) => `- ${a}`));
  out.push(...grouped(estimate.resources.filter((r) => r.assumptions.length > 0).map((r): [string, string] => [displayName(r, multiStack), r.assumptions.join("; ")])));
  if (estimate.records.some((r) => r.unverified)) {
    out.push("", "Prices marked unverified could not be confirmed on an AWS page when they were recorded: check them before relying on the total.");
  }
  return `${out.join("\n")}\n`;
}
