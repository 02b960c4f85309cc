// Reads current list prices from the AWS Price List Query API (GetProducts) for the records of
// queries.ts and rewrites those records: the new value, as_of the day of the run, and no
// `unverified` flag (the API is AWS's own source). Nothing is written on a dry run.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GetProductsCommand, type Filter, type PricingClient } from "@aws-sdk/client-pricing";
import { unitSize } from "../cost-estimate/prices.js";
import type { PriceQuery } from "./queries.js";

export interface Outcome {
  fact: string;
  status: "changed" | "unchanged" | "not-found";
  unit?: string;
  old?: number;
  value?: number;
  oldAsOf?: string;
  detail?: string;
}

interface FactFile {
  facts: Record<string, { value: unknown; unit: string; region: string; as_of: string; unverified?: boolean; note?: string }>;
}

/** The first-tier on-demand USD price of every product whose usage type ends with `usageType`. */
export async function queryPrices(client: PricingClient, query: PriceQuery, region: string, signal: AbortSignal): Promise<number[]> {
  const filters: Filter[] = [
    { Type: "TERM_MATCH", Field: "regionCode", Value: region },
    { Type: "CONTAINS", Field: "usagetype", Value: query.usageType },
    ...Object.entries(query.attributes ?? {}).map(([field, value]): Filter => ({ Type: "TERM_MATCH", Field: field, Value: value })),
  ];
  const prices: number[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await client.send(new GetProductsCommand({ ServiceCode: query.serviceCode, Filters: filters, FormatVersion: "aws_v1", MaxResults: 100, NextToken: token }), { abortSignal: signal });
    for (const raw of page.PriceList ?? []) {
      const item = (typeof raw === "string" ? JSON.parse(raw) : raw) as PriceListItem;
      const usage = item.product?.attributes?.usagetype ?? "";
      if (!matchesUsageType(usage, query.usageType)) continue;
      for (const term of Object.values(item.terms?.OnDemand ?? {})) {
        for (const dimension of Object.values(term.priceDimensions ?? {})) {
          if ((dimension.beginRange ?? "0") !== "0") continue;
          const usd = Number(dimension.pricePerUnit?.USD);
          if (Number.isFinite(usd)) prices.push(usd);
        }
      }
    }
    token = page.NextToken;
    pages++;
  } while (token && pages < 20);
  return [...new Set(prices)];
}

/** `NatGateway-Hours`, or the same with a Region prefix (`USE2-NatGateway-Hours`); not `Lambda-Edge-Request` for `Request`. */
export function matchesUsageType(usage: string, wanted: string): boolean {
  return usage === wanted || (usage.endsWith(`-${wanted}`) && /^[A-Z]{2,}\d*$/.test(usage.slice(0, -wanted.length - 1)));
}

interface PriceListItem {
  product?: { attributes?: Record<string, string> };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, { beginRange?: string; pricePerUnit?: { USD?: string } }> }> };
}

/** Runs every query whose record exists, and rewrites the data files unless `dryRun`. */
export async function refreshPrices(options: { client: PricingClient; dataDir: string; queries: readonly PriceQuery[]; asOf: string; dryRun: boolean; timeoutMs: number }): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const files = new Map<string, FactFile>();
  const load = (stem: string): FactFile | undefined => {
    if (!files.has(stem)) {
      try {
        files.set(stem, JSON.parse(readFileSync(path.join(options.dataDir, `${stem}.json`), "utf8")) as FactFile);
      } catch {
        return undefined;
      }
    }
    return files.get(stem);
  };
  const changedStems = new Set<string>();
  for (const query of options.queries) {
    const [stem, key] = query.fact.split(".") as [string, string];
    const record = load(stem)?.facts[key];
    if (!record || typeof record.value !== "number") {
      outcomes.push({ fact: query.fact, status: "not-found", detail: `no numeric record ${query.fact} in ${options.dataDir}` });
      continue;
    }
    const prices = await queryPrices(options.client, query, record.region, AbortSignal.timeout(options.timeoutMs));
    if (prices.length !== 1) {
      const detail = prices.length === 0 ? `no ${query.serviceCode} product with usage type ${query.usageType} in ${record.region}` : `${prices.length} different prices (${prices.join(", ")}) for usage type ${query.usageType}: narrow the query`;
      outcomes.push({ fact: query.fact, status: "not-found", old: record.value, unit: record.unit, detail });
      continue;
    }
    const value = Number((prices[0]! * unitSize(record.unit)).toPrecision(10));
    outcomes.push({ fact: query.fact, status: value === record.value ? "unchanged" : "changed", unit: record.unit, old: record.value, value, oldAsOf: record.as_of });
    record.value = value;
    record.as_of = options.asOf;
    if (record.unverified) {
      delete record.unverified;
      record.note = `Checked with the AWS Price List Query API (GetProducts, ${query.serviceCode} usage type ${query.usageType}) on ${options.asOf}.`;
    }
    changedStems.add(stem);
  }
  if (!options.dryRun) {
    for (const stem of changedStems) writeFileSync(path.join(options.dataDir, `${stem}.json`), `${JSON.stringify(files.get(stem), null, 2)}\n`);
  }
  return outcomes;
}

/** The diff a maintainer reads: one line per record, changes first. */
export function formatOutcomes(outcomes: Outcome[], asOf: string, dryRun: boolean): string {
  const order = { changed: 0, "not-found": 1, unchanged: 2 } as const;
  const lines = [...outcomes].sort((a, b) => order[a.status] - order[b.status]).map((o) => {
    if (o.status === "changed") return `~ ${o.fact}: ${o.old} -> ${o.value} ${o.unit} (as_of ${o.oldAsOf} -> ${asOf})`;
    if (o.status === "unchanged") return `= ${o.fact}: ${o.value} ${o.unit} (as_of ${o.oldAsOf} -> ${asOf})`;
    return `! ${o.fact}: left as it is: ${o.detail}`;
  });
  const changed = outcomes.filter((o) => o.status === "changed").length;
  const problems = outcomes.filter((o) => o.status === "not-found").length;
  lines.push("", `${changed} changed, ${outcomes.length - changed - problems} confirmed, ${problems} not refreshed${dryRun ? " (dry run: nothing written)" : ""}.`);
  return `${lines.join("\n")}\n`;
}
