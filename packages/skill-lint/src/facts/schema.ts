/**
 * The record formats of skill/data (see the facts contract in the README, section "Facts"):
 * fact files `data/<topic>.json` and worked-cost files `data/costs/<topic>.json`. Each record is
 * validated on its own, so one bad record does not hide the others from the rules that use them.
 */
import { z } from "zod";

/** Keys of facts and costs, and file stems: kebab-case. */
export const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A fact id: `<file stem>.<key>`. */
export const FACT_ID = /^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/;
/** An AWS Region code (us-east-1, eu-central-2, us-gov-west-1, cn-north-1 …) or `global`. */
export const REGION = /^(global|[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What each required field holds, quoted when the field is missing. */
export const FIELD_HELP: Readonly<Record<string, string>> = {
  what: "a short noun phrase saying what the value is",
  value: "a number, or a string for versions, names and dates",
  unit: 'for instance "USD per 1M requests", "MB", "seconds", "version"',
  region: "an AWS Region code such as us-east-1, or global",
  source: "the https URL of the AWS or vendor page the value was checked on",
  as_of: "the day the source was checked, YYYY-MM-DD",
  title: "what the worked cost describes",
  items: "the priced items, each naming a fact and a quantity",
  item: "the line item's name",
  fact: "the id of a price record, such as lambda.price-requests",
  quantity: "how many of the fact's billing unit a month",
  facts: "an object of records keyed by kebab-case names",
  costs: "an object of worked costs keyed by kebab-case ids",
};

/** True for a real calendar day written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function isHttpsUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.hostname.includes(".");
  } catch {
    return false;
  }
}

const text = (what: string) => z.string({ error: `must be a string (${what})` }).trim().min(1, { error: `must not be empty (${what})` });

export const factSchema = z.strictObject({
  what: text(FIELD_HELP.what!),
  value: z.union([z.number(), z.string().trim().min(1)], { error: `must be ${FIELD_HELP.value}` }),
  unit: text(FIELD_HELP.unit!),
  region: z.string({ error: `must be ${FIELD_HELP.region}` }).regex(REGION, { error: `must be ${FIELD_HELP.region}` }),
  source: z.string({ error: `must be ${FIELD_HELP.source}` }).refine(isHttpsUrl, { error: `must be ${FIELD_HELP.source}` }),
  as_of: z.string({ error: `must be ${FIELD_HELP.as_of}` }).refine(isCalendarDate, { error: "must be a real date written YYYY-MM-DD: the day the source was checked" }),
  service: text("the AWS service or product, overriding the file's service").optional(),
  note: text("free text").optional(),
  unverified: z.literal(true, { error: "must be true when present (leave it out for a verified record)" }).optional(),
});
export type FactFields = z.infer<typeof factSchema>;

export const factFileSchema = z.strictObject({
  $comment: z.string({ error: "must be a string" }).optional(),
  service: text("the AWS service or product every record of the file is about").optional(),
  facts: z.record(z.string(), z.unknown(), { error: `must be ${FIELD_HELP.facts}` }),
});

export const costItemSchema = z.strictObject({
  item: text(FIELD_HELP.item!),
  fact: z.string({ error: `must be ${FIELD_HELP.fact}` }).regex(FACT_ID, { error: `must be ${FIELD_HELP.fact}` }),
  quantity: z.number({ error: `must be a number (${FIELD_HELP.quantity})` }).nonnegative({ error: "must not be negative" }),
  basis: text("how the quantity was worked out, such as 3M requests").optional(),
});

export const costSchema = z.strictObject({
  title: text(FIELD_HELP.title!),
  region: z.string({ error: `must be ${FIELD_HELP.region}` }).regex(REGION, { error: `must be ${FIELD_HELP.region}` }),
  items: z.array(costItemSchema, { error: `must be a list (${FIELD_HELP.items})` }).min(1, { error: "must list at least one item" }),
  note: text("free text").optional(),
});
export type CostFields = z.infer<typeof costSchema>;

export const costFileSchema = z.strictObject({
  $comment: z.string({ error: "must be a string" }).optional(),
  costs: z.record(z.string(), z.unknown(), { error: `must be ${FIELD_HELP.costs}` }),
});

/** One fact, with its id and where it came from. */
export interface FactRecord extends FactFields {
  /** `<file stem>.<key>` */
  id: string;
  /** The file's path relative to the skill folder, for instance `data/lambda.json`. */
  file: string;
  /** The file's `service` unless the record overrides it. */
  service: string;
}

export interface CostRecord extends CostFields {
  id: string;
  file: string;
}

/** True for a record priced in US dollars (its unit starts with `USD`). */
export function isPrice(fact: Pick<FactFields, "unit">): boolean {
  return /^USD\b/.test(fact.unit);
}
