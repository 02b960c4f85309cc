/**
 * Exact decimal arithmetic for prices: 3 x 0.2 must print $0.60, not $0.6000000000000001, and a
 * table, the prose and the cost script must agree to the last digit. Values start as the
 * shortest decimal that round-trips the JSON number (what the data file says).
 */
export interface Decimal {
  /** All digits, signed, without the decimal point. */
  readonly digits: bigint;
  /** How many of the digits are after the decimal point. */
  readonly scale: number;
}

export function toDecimal(value: number): Decimal {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`not a finite number: ${value}`);
  const fraction = match[3] ?? "";
  let digits = BigInt(`${match[2]}${fraction}`);
  let scale = fraction.length - Number(match[4] ?? 0);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return normalise({ digits: match[1] ? -digits : digits, scale });
}

function normalise(value: Decimal): Decimal {
  let { digits, scale } = value;
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n;
    scale--;
  }
  return { digits, scale };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return normalise({ digits: a.digits * b.digits, scale: a.scale + b.scale });
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  const widen = (d: Decimal) => d.digits * 10n ** BigInt(scale - d.scale);
  return normalise({ digits: widen(a) + widen(b), scale });
}

export const ZERO: Decimal = { digits: 0n, scale: 0 };

export function equals(a: Decimal, b: Decimal): boolean {
  const x = normalise(a);
  const y = normalise(b);
  return x.digits === y.digits && x.scale === y.scale;
}

/** Parses `1,234.50` or `0.2` (thousands separators allowed); undefined for anything else. */
export function parseDecimal(text: string): Decimal | undefined {
  const plain = text.replace(/,/g, "");
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(plain);
  if (!match) return undefined;
  const fraction = match[3] ?? "";
  const digits = BigInt(`${match[2]}${fraction}`);
  return normalise({ digits: match[1] ? -digits : digits, scale: fraction.length });
}

/** Rounds half away from zero to `places` fraction digits. */
export function round(value: Decimal, places: number): Decimal {
  if (value.scale <= places) return value;
  const divisor = 10n ** BigInt(value.scale - places);
  const negative = value.digits < 0n;
  const magnitude = negative ? -value.digits : value.digits;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient++;
  return normalise({ digits: negative ? -quotient : quotient, scale: places });
}

/** `12,345.6789`: thousands separators, every significant fraction digit, at least `minFraction`. */
export function formatDecimal(value: Decimal, minFraction = 0): string {
  const negative = value.digits < 0n;
  const raw = (negative ? -value.digits : value.digits).toString().padStart(value.scale + 1, "0");
  const whole = raw.slice(0, raw.length - value.scale);
  const fraction = raw.slice(raw.length - value.scale).padEnd(minFraction, "0");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/** `$0.20`, `$0.0000166667`, `$1,234.50`: cents always shown, never a digit dropped. */
export function formatUsd(value: Decimal | number): string {
  const decimal = typeof value === "number" ? toDecimal(value) : value;
  const text = formatDecimal(decimal, 2);
  return text.startsWith("-") ? `-$${text.slice(1)}` : `$${text}`;
}

/**
 * A monthly amount for people: rounded to cents (`$4.00`), or `<$0.01` when a non-zero amount
 * rounds to nothing; the exact figure stays in the Decimal for whoever sums it.
 */
export function formatMoney(value: Decimal): string {
  const cents = round(value, 2);
  if (cents.digits === 0n && value.digits !== 0n) return value.digits > 0n ? "<$0.01" : "-<$0.01";
  return formatUsd(cents);
}

export function toNumber(value: Decimal): number {
  return Number(formatDecimal(value).replace(/,/g, ""));
}
