// What a pricer sees and does: it reads the resource's properties and usage, and states priced
// lines (a dimension, the price record that bills it, the quantity in the record's base unit) or
// dimensions it cannot price. It never computes money: estimate.ts does, from the records.
import type { Resource } from "./model.js";

export interface PricerContext {
  resource: Resource;
  /** A usage number (profile, flags, `fromTemplate`, or the default), noted as an assumption. */
  num(key: string, fromTemplate?: { value: number; what: string }): number;
  /** A usage string (`storage_class`). */
  str(key: string): string;
  /** Hours a month the resource runs (730 unless the profile says otherwise). */
  hours(): number;
  /** A fact read from the template that the price depends on (`256 MB memory`). */
  assume(text: string): void;
  /** A priced dimension: `quantity` is in the record's base unit (requests, GB-seconds, hours, GB, keys). */
  line(dimension: string, fact: string, quantity: number, basis: string): void;
  /** A dimension that has a cost but no record to price it with. */
  notPriced(dimension: string, reason: string): void;
  /** The resource a property refers to (`{ Ref: X }`, `{ "Fn::GetAtt": [X, ...] }`, `${aws_x.y.arn}`). */
  find(reference: unknown): Resource | undefined;
  /** Resources of the same stack or module. */
  siblings(): Resource[];
}

export type Pricer = (ctx: PricerContext) => void;

/** A property by its CloudFormation or Terraform name. */
export function prop(resource: Resource, cloudFormation: string, terraform: string): unknown {
  return resource.properties[resource.language === "cloudformation" ? cloudFormation : terraform];
}

/** The first object of a Terraform nested block (`scaling_configuration { ... }`), or a CloudFormation object property. */
export function objectProp(resource: Resource, cloudFormation: string, terraform: string): Record<string, unknown> | undefined {
  const value = prop(resource, cloudFormation, terraform);
  const first = Array.isArray(value) && resource.language === "terraform" ? value[0] : value;
  return first && typeof first === "object" && !Array.isArray(first) ? (first as Record<string, unknown>) : undefined;
}

/** A number written as a number or a numeric string ("512"); undefined for expressions. */
export function numeric(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** A literal string (not a CloudFormation intrinsic, not a Terraform expression). */
export function literal(value: unknown): string | undefined {
  return typeof value === "string" && !value.includes("${") ? value : undefined;
}

/** `1,000,000` */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 6 });
}
