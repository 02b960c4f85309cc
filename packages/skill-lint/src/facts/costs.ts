/**
 * Worked monthly costs from the price records: each item is quantity x unit price, exactly
 * (decimal arithmetic), and the total is their sum. The generated cost tables, the prose check
 * and the cost-estimate script all call this one function, so they cannot disagree.
 */
import { add, formatMoney, multiply, toDecimal, toNumber, ZERO, type Decimal } from "./decimal.js";
import type { CostRecord, FactRecord } from "./schema.js";

export interface CostLine {
  item: string;
  fact: string;
  quantity: number;
  basis: string | undefined;
  /** The fact's value (USD per its billing unit). */
  unitPrice: number;
  /** The fact's unit, for instance `USD per 1M requests`. */
  unit: string;
  unverified: boolean;
  /** quantity x unit price, exact. */
  monthly: Decimal;
  /** `monthly` rounded to cents for display, for instance `$0.60`. */
  monthlyText: string;
}

export interface CostBreakdown {
  id: string;
  title: string;
  region: string;
  lines: CostLine[];
  total: Decimal;
  totalText: string;
  /** The total as a JavaScript number (for scripts; the Decimal is the exact figure). */
  totalUsd: number;
}

export class CostError extends Error {}

/** Prices a worked cost; throws CostError when an item names a missing or non-numeric price. */
export function computeCost(cost: Pick<CostRecord, "id" | "title" | "region" | "items">, facts: ReadonlyMap<string, FactRecord>): CostBreakdown {
  let total = ZERO;
  const lines = cost.items.map((entry): CostLine => {
    const fact = facts.get(entry.fact);
    if (!fact) throw new CostError(`${cost.id}: no record \`${entry.fact}\``);
    if (typeof fact.value !== "number") throw new CostError(`${cost.id}: \`${entry.fact}\` has no numeric value`);
    const monthly = multiply(toDecimal(entry.quantity), toDecimal(fact.value));
    total = add(total, monthly);
    return {
      item: entry.item,
      fact: fact.id,
      quantity: entry.quantity,
      basis: entry.basis,
      unitPrice: fact.value,
      unit: fact.unit,
      unverified: fact.unverified === true,
      monthly,
      monthlyText: formatMoney(monthly),
    };
  });
  return { id: cost.id, title: cost.title, region: cost.region, lines, total, totalText: formatMoney(total), totalUsd: toNumber(total) };
}
