// Turns resources and usage into priced lines. Money is computed by skill-lint's computeCost (exact
// decimals), the function the skill's generated cost tables use, so a README table, a reference's
// worked cost and this script agree to the cent.
import { computeCost, type CostBreakdown } from "@aws-patterns/skill-lint/facts";
import type { Resource } from "./model.js";
import { InputError } from "./model.js";
import type { PricerContext } from "./pricer.js";
import { PRICERS } from "./pricers/index.js";
import { NoPriceDataError, priceFor, unitSize, type PriceBook, type PriceRecord } from "./prices.js";
import { categoryOf, keysOf, USAGE_CATEGORIES } from "./usage-keys.js";
import type { UsageProfile, UsageValue } from "./usage.js";

export interface EstimateLine {
  dimension: string;
  /** Record id, `networking.price-nat-gateway-hour`. */
  fact: string;
  /** In the record's billing unit (3 for 3M requests when the unit is `USD per 1M requests`). */
  quantity: number;
  basis: string;
  unitPrice: number;
  unit: string;
  unverified: boolean;
  monthlyText: string;
}

export interface ResourceEstimate {
  id: string;
  /** CDK construct path without the stack and `/Resource`, when the template has one. */
  name: string | undefined;
  type: string;
  stack: string | undefined;
  kind: string;
  file: string;
  line: number;
  lines: EstimateLine[];
  notPriced: { dimension: string; reason: string }[];
  assumptions: string[];
  subtotalText: string;
}

export interface UnpricedResource {
  id: string;
  name: string | undefined;
  type: string;
  stack: string | undefined;
  reason: string;
}

export interface Estimate {
  input: string;
  region: string;
  /** Oldest as_of of the records used. */
  pricesAsOf: string | undefined;
  resources: ResourceEstimate[];
  unpriced: UnpricedResource[];
  totalText: string;
  totalUsd: number;
  assumptions: string[];
  records: { id: string; value: number; unit: string; as_of: string; source: string; unverified: boolean }[];
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** Types that are no AWS resource at all (nothing to bill, nothing to list). */
const NOT_RESOURCES = new Set(["AWS::CDK::Metadata"]);

export const GLOBAL_ASSUMPTIONS = [
  "On-demand list prices from the skill's records; free tiers, Savings Plans and reserved pricing ignored.",
  "Tiered prices at their first tier.",
  "Data transfer out to the internet and between AZs not priced unless a line says so.",
];

export function estimateCost(input: { description: string; resources: Resource[] }, profile: UsageProfile, book: PriceBook, region: string): Estimate {
  if (!REGION.test(region)) throw new InputError(`--region ${region}: not an AWS Region code`, "For example `--region us-east-1`.");
  if (!book.regions.includes(region)) {
    throw new InputError(`no price data for ${region}: the skill/data price records are for ${book.regions.join(", ")} (and global prices)`, "Estimate in a Region with records, or add records for this Region to skill/data (see the facts contract).");
  }
  checkProfileNames(input.resources, profile);
  const facts = new Map<string, PriceRecord>();
  const missing = new Set<string>();
  const allItems: { item: string; fact: string; quantity: number }[] = [];
  const resources: ResourceEstimate[] = [];
  const unpriced: UnpricedResource[] = [];
  for (const resource of input.resources) {
    if (NOT_RESOURCES.has(resource.type)) continue;
    const kind = categoryOf(resource.type);
    if (!kind) {
      unpriced.push({ id: resource.id, name: cdkName(resource), type: resource.type, stack: resource.stack, reason: unpricedReason(resource.type) });
      continue;
    }
    const raw: { dimension: string; fact: string; quantity: number; basis: string }[] = [];
    const notPriced: { dimension: string; reason: string }[] = [];
    const assumptions: string[] = [];
    const usage = usageFor(resource, kind, profile, assumptions);
    // The profile's `count` wins over what the code says; an expression nobody evaluated is said so.
    const evaluated = resource.count === undefined ? undefined : { value: resource.count, what: resource.language === "terraform" ? "count or for_each" : "one resource" };
    const counted = usage.peek("count", evaluated);
    const count = counted.value as number;
    if (resource.count === undefined && counted.source === "default") assumptions.push(`${resource.countExpression} not evaluated: 1 instance priced (set \`count\` in the usage profile)`);
    else if (resource.count === undefined) assumptions.push(`${resource.countExpression} not evaluated: count = ${count} (${counted.source})`);
    else if (count !== 1 || !counted.source.startsWith("template")) assumptions.push(`count = ${count} (${counted.source})`);
    const context: PricerContext = {
      resource,
      num: (key, fromTemplate) => usage.num(key, fromTemplate),
      str: (key) => usage.str(key),
      hours: () => usage.num("hours"),
      assume: (text) => assumptions.push(text),
      line: (dimension, fact, quantity, basis) => raw.push({ dimension, fact, quantity, basis }),
      notPriced: (dimension, reason) => notPriced.push({ dimension, reason }),
      find: (reference) => findReference(input.resources, resource, reference),
      siblings: () => input.resources.filter((r) => r.stack === resource.stack),
    };
    PRICERS[kind]!(context);
    const items = raw.flatMap((line) => {
      let record: PriceRecord;
      try {
        record = priceFor(book, line.fact, region);
      } catch (error) {
        if (!(error instanceof NoPriceDataError)) throw error;
        missing.add(error.message);
        return [];
      }
      facts.set(record.id, record);
      const quantity = tidy((line.quantity * count!) / unitSize(record.unit));
      const basis = count === 1 ? line.basis : `${count} x (${line.basis})`;
      return [{ item: line.dimension, fact: record.id, quantity, basis }];
    });
    allItems.push(...items);
    const breakdown = computeCost({ id: resource.id, title: resource.id, region, items }, facts);
    resources.push({
      id: resource.id,
      name: cdkName(resource),
      type: resource.type,
      stack: resource.stack,
      kind,
      file: resource.file,
      line: resource.line,
      lines: toLines(breakdown),
      notPriced,
      assumptions: [...new Set(assumptions)],
      subtotalText: breakdown.totalText,
    });
  }
  if (missing.size > 0) {
    throw new InputError(`no price data for ${region}: ${[...missing].join("; ")}`, "Add records for this Region to skill/data (a sibling record `<key>-<region>`), or estimate in us-east-1.");
  }
  const total = computeCost({ id: "total", title: "total", region, items: allItems }, facts);
  const used = [...facts.values()].sort((a, b) => a.id.localeCompare(b.id));
  return {
    input: input.description,
    region,
    pricesAsOf: used.map((r) => r.as_of).sort()[0],
    resources,
    unpriced,
    totalText: total.totalText,
    totalUsd: total.totalUsd,
    assumptions: [`${formatHours(profile)} a month for resources billed by the hour.`, ...GLOBAL_ASSUMPTIONS],
    records: used.map((r) => ({ id: r.id, value: r.value, unit: r.unit, as_of: r.as_of, source: r.source, unverified: r.unverified === true })),
  };
}

function cdkName(resource: Resource): string | undefined {
  return resource.language === "cloudformation" && resource.names.length > 1 ? resource.names[resource.names.length - 1] : undefined;
}

function formatHours(profile: UsageProfile): string {
  const hours = profile.flags.get("hours")?.value ?? profile.hours?.value ?? 730;
  return `${hours} hours`;
}

/** 12 significant digits: 0.1 x 3 is 0.3, not 0.30000000000000004. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

function toLines(breakdown: CostBreakdown): EstimateLine[] {
  return breakdown.lines.map((line) => ({
    dimension: line.item,
    fact: line.fact,
    quantity: line.quantity,
    basis: line.basis ?? "",
    unitPrice: line.unitPrice,
    unit: line.unit,
    unverified: line.unverified,
    monthlyText: line.monthlyText,
  }));
}

function unpricedReason(type: string): string {
  if (type.startsWith("Custom::") || type === "AWS::CloudFormation::CustomResource") return "custom resource (the function behind it is priced where it is defined)";
  return "no pricer for this type in cost-estimate";
}

interface UsageReader {
  num(key: string, fromTemplate?: { value: number; what: string }): number;
  /** The value and its source, not noted as an assumption. */
  peek(key: string, fromTemplate?: { value: number; what: string }): UsageValue;
  str(key: string): string;
}

/** Reads usage with the precedence of usage.ts, noting each value used and where it came from. */
function usageFor(resource: Resource, kind: string, profile: UsageProfile, assumptions: string[]): UsageReader {
  const keys = keysOf(kind);
  const named = (map: Map<string, Map<string, UsageValue>>) => resource.names.map((name) => map.get(name)).filter((m) => m !== undefined);
  const resourceEntries = resource.names.map((name) => profile.resources.get(name)?.values).filter((m) => m !== undefined);
  const lookup = (key: string, fromTemplate?: { value: number; what: string }): UsageValue => {
    const layers: (UsageValue | undefined)[] = [
      ...named(profile.sets).map((m) => m.get(key)),
      profile.sets.get(kind)?.get(key),
      key in keys ? profile.flags.get(key) : undefined,
      ...resourceEntries.map((m) => m.get(key)),
      profile.types.get(kind)?.get(key),
      key === "hours" ? profile.hours : undefined,
      fromTemplate ? { value: fromTemplate.value, source: `template: ${fromTemplate.what}` } : undefined,
    ];
    const found = layers.find((layer) => layer !== undefined);
    if (found) return found;
    const spec = keys[key];
    if (!spec) throw new Error(`cost-estimate bug: ${kind} has no usage key ${key}`);
    return { value: spec.default, source: "default" };
  };
  const note = (key: string, value: UsageValue) => {
    const shown = typeof value.value === "number" ? value.value.toLocaleString("en-US", { maximumFractionDigits: 6 }) : value.value;
    const doc = value.source === "default" && keys[key] ? `; ${keys[key]!.doc}` : "";
    assumptions.push(`${key} = ${shown} (${value.source}${doc})`);
  };
  return {
    peek: (key, fromTemplate) => lookup(key, fromTemplate),
    num(key, fromTemplate) {
      const value = lookup(key, fromTemplate);
      if (typeof value.value !== "number") throw new InputError(`${value.source}: \`${key}\` must be a number`);
      if (key !== "hours" || value.value !== 730) note(key, value);
      return value.value;
    },
    str(key) {
      const value = lookup(key);
      note(key, value);
      return String(value.value);
    },
  };
}

/** Every resource name and --set name in the profile must name something, and its keys must fit. */
function checkProfileNames(resources: Resource[], profile: UsageProfile): void {
  const byName = new Map<string, Resource[]>();
  for (const resource of resources) for (const name of resource.names) byName.set(name, [...(byName.get(name) ?? []), resource]);
  const sample = () => resources.filter((r) => categoryOf(r.type)).slice(0, 8).map((r) => r.names[r.names.length - 1] ?? r.id).join(", ");
  const checkKeys = (name: string, matched: Resource[], keys: Iterable<string>, where: string) => {
    for (const key of keys) {
      for (const resource of matched) {
        const kind = categoryOf(resource.type);
        if (!kind) throw new InputError(`${where}: \`${name}\` is a ${resource.type}, which cost-estimate does not price`);
        if (!(key in keysOf(kind))) throw new InputError(`${where}: \`${name}\` (${kind}) has no usage key \`${key}\``, `Keys of ${kind}: ${Object.keys(keysOf(kind)).join(", ")}.`);
      }
    }
  };
  for (const [name, entry] of profile.resources) {
    const matched = byName.get(name);
    if (!matched) throw new InputError(`${entry.where}: \`${name}\` names no resource in the input`, `Use a logical id, a CDK construct path or a Terraform address, e.g. ${sample()}.`);
    checkKeys(name, matched, entry.values.keys(), entry.where);
  }
  for (const [name, values] of profile.sets) {
    if (USAGE_CATEGORIES[name]) continue;
    const matched = byName.get(name);
    if (!matched) throw new InputError(`--set ${name}.…: \`${name}\` is neither a kind of resource nor a resource in the input`, `Kinds: ${Object.keys(USAGE_CATEGORIES).join(", ")}; resources, e.g. ${sample()}.`);
    checkKeys(name, matched, values.keys(), `--set ${name}`);
  }
}

/** `{ Ref: X }`, `{ "Fn::GetAtt": [X, ...] }` (same stack), or a Terraform `${type.name...}` reference. */
function findReference(resources: Resource[], from: Resource, reference: unknown): Resource | undefined {
  if (from.language === "cloudformation") {
    const ref = reference as { Ref?: unknown; "Fn::GetAtt"?: unknown } | undefined;
    const target = typeof ref?.Ref === "string" ? ref.Ref : Array.isArray(ref?.["Fn::GetAtt"]) ? String(ref["Fn::GetAtt"][0]) : undefined;
    return target === undefined ? undefined : resources.find((r) => r.stack === from.stack && r.language === "cloudformation" && r.id === target);
  }
  if (typeof reference !== "string") return undefined;
  const match = /\$\{\s*([a-z0-9_]+\.[A-Za-z0-9_-]+)/.exec(reference);
  return match ? resources.find((r) => r.language === "terraform" && r.id === match[1]) : undefined;
}
