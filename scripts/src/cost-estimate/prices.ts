// The price records cost-estimate may use: the USD records of skill/data, embedded at build time
// (records-list.ts), validated with skill-lint's own schema so a record the linter would reject
// never prices anything. Lookups are by fact id and Region; there is no fallback to another
// Region's price, because a guess is worse than an error.
import { factSchema, isPrice, type FactRecord } from "@aws-patterns/skill-lint/facts";
import { DATA_FILES } from "./records-list.js";

export type PriceRecord = FactRecord & { value: number };

export class NoPriceDataError extends Error {}

export interface PriceBook {
  /** Every valid USD record with a numeric value, by id (`networking.price-nat-gateway-hour`). */
  records: Map<string, PriceRecord>;
  /** Regions some record is priced in (besides `global`). */
  regions: string[];
}

export function loadPriceBook(files: Record<string, unknown> = DATA_FILES): PriceBook {
  const records = new Map<string, PriceRecord>();
  for (const [stem, file] of Object.entries(files)) {
    const parsed = file as { service?: string; facts?: Record<string, unknown> };
    for (const [key, raw] of Object.entries(parsed.facts ?? {})) {
      const result = factSchema.safeParse(raw);
      if (!result.success) continue;
      const fact = result.data;
      if (!isPrice(fact) || typeof fact.value !== "number") continue;
      const id = `${stem}.${key}`;
      records.set(id, { ...fact, value: fact.value, service: fact.service ?? parsed.service ?? stem, id, file: `data/${stem}.json` });
    }
  }
  const regions = [...new Set([...records.values()].map((r) => r.region).filter((r) => r !== "global"))].sort();
  return { records, regions };
}

/**
 * The record `id` priced in `region`: the record itself when it is for that Region (or global),
 * else a sibling record `<id>-<region>` (how a record for another Region is added). Throws
 * NoPriceDataError otherwise.
 */
export function priceFor(book: PriceBook, id: string, region: string): PriceRecord {
  const base = book.records.get(id);
  if (base && (base.region === region || base.region === "global")) return base;
  const regional = book.records.get(`${id}-${region}`);
  if (regional && regional.region === region) return regional;
  if (!base && !regional) throw new Error(`cost-estimate bug: no price record \`${id}\` in skill/data`);
  throw new NoPriceDataError(`no price record \`${id}\` for ${region} (the record is for ${base?.region ?? regional?.region})`);
}

/** How many base units one billing unit holds: `USD per 1M requests` -> 1,000,000; `USD per GB` -> 1. */
export function unitSize(unit: string): number {
  const match = /^USD per ([\d,.]+)(K|M|B)?\b/.exec(unit);
  if (!match) return 1;
  const number = Number(match[1]!.replace(/,/g, ""));
  const scale = match[2] === "K" ? 1e3 : match[2] === "M" ? 1e6 : match[2] === "B" ? 1e9 : 1;
  return number * scale;
}

/** `USD per 1M requests` -> `requests`; `USD per hour` -> `hour`. */
export function unitNoun(unit: string): string {
  return unit.replace(/^USD per (?:[\d,.]+[KMB]?\s+)?/, "").trim();
}
