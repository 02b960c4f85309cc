// Prices and lists from skill/data records, embedded at build time (esbuild inlines the JSON), so the
// audit, the references and cost-estimate quote the same figures and the built script needs no repo.
import costManagement from "../../../skill/data/cost-management.json" with { type: "json" };
import ebs from "../../../skill/data/ebs.json" with { type: "json" };
import lambda from "../../../skill/data/lambda.json" with { type: "json" };
import networking from "../../../skill/data/networking.json" with { type: "json" };

export interface FactRecord {
  what: string;
  value: number | string;
  unit: string;
  region: string;
  source: string;
  as_of: string;
  unverified?: boolean;
  note?: string;
}

const FILES: Record<string, { facts: Record<string, FactRecord> }> = {
  "cost-management": costManagement as { facts: Record<string, FactRecord> },
  ebs: ebs as { facts: Record<string, FactRecord> },
  lambda: lambda as { facts: Record<string, FactRecord> },
  networking: networking as { facts: Record<string, FactRecord> },
};

/** The fact ids the audit reads; a test checks each exists and has the unit the arithmetic assumes. */
export const PRICE_FACTS = {
  gp3Storage: { id: "ebs.price-gp3-storage", unit: "USD per GB-month" },
  gp3Iops: { id: "ebs.price-gp3-iops", unit: "USD per IOPS-month" },
  gp3Throughput: { id: "ebs.price-gp3-throughput", unit: "USD per MiB/s-month" },
  gp2Storage: { id: "cost-management.ebs-price-gp2-storage", unit: "USD per GB-month" },
  snapshotStorage: { id: "ebs.price-snapshot-standard", unit: "USD per GB-month" },
  natGatewayHour: { id: "networking.price-nat-gateway-hour", unit: "USD per hour" },
  publicIpv4Hour: { id: "networking.price-public-ipv4-hour", unit: "USD per hour" },
} as const;
export type PriceName = keyof typeof PRICE_FACTS;

export const RUNTIME_DEPRECATION_FACT = "lambda.managed-runtime-deprecations";
/** Hours in a month, the convention of skill/data/costs (730 h). */
export const HOURS_PER_MONTH = 730;

export function fact(id: string): FactRecord {
  const [file, key] = id.split(".", 2) as [string, string];
  const record = FILES[file]?.facts[key];
  if (!record) throw new Error(`resource-audit: no record ${id} in skill/data (rebuild after adding it)`);
  return record;
}

export interface Price {
  value: number;
  factId: string;
  record: FactRecord;
}

/**
 * The price for a Region, or the reason there is none. A record for us-east-1 does not price another
 * Region: prices differ by Region, and a wrong figure is worse than none.
 */
export function priceFor(name: PriceName, region: string): Price | { missing: string } {
  const { id } = PRICE_FACTS[name];
  const record = fact(id);
  if (typeof record.value !== "number") throw new Error(`resource-audit: ${id} is not a number`);
  if (record.region !== "global" && record.region !== region) {
    return { missing: `not priced: the ${id} record is for ${record.region} only` };
  }
  return { value: record.value, factId: id, record };
}

export function isPrice(p: Price | { missing: string }): p is Price {
  return "value" in p;
}

/** Cents are enough for a monthly figure. */
export function roundUsd(value: number): number {
  return Math.round(value * 100) / 100;
}

/** runtime identifier -> deprecation date, parsed from "nodejs18.x=2025-09-01, python3.9=...". */
export function runtimeDeprecationDates(): Map<string, string> {
  const value = fact(RUNTIME_DEPRECATION_FACT).value;
  const dates = new Map<string, string>();
  for (const pair of String(value).split(",")) {
    const match = /^\s*([a-z0-9.\-]+)=(\d{4}-\d{2}-\d{2})\s*$/.exec(pair);
    if (!match) throw new Error(`resource-audit: cannot read "${pair}" in ${RUNTIME_DEPRECATION_FACT}`);
    dates.set(match[1]!, match[2]!);
  }
  return dates;
}

/** The records behind the figures, for the report's footnote and --json. */
export function usedPriceRecords(): Array<{ fact: string } & FactRecord> {
  return Object.values(PRICE_FACTS).map(({ id }) => ({ fact: id, ...fact(id) }));
}
