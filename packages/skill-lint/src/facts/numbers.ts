/**
 * Finds the numbers in a piece of prose that state a fact (the heuristic of rule `fact-numbers`),
 * and says whether skill/data backs them. Passes run in this order, each skipping text an
 * earlier pass took:
 *
 * 1. date: `2026-11-26`, `November 2026`, `26 November 2026`, `Nov 26, 2026`;
 * 2. version: a number after a known product name (`Node.js 24`, `Python 3.13`, `.NET 8`,
 *    `PostgreSQL 17.4`, `provider 6.66.0` …, optionally `version`/`v` in between), and the
 *    numbers listed after it (`PostgreSQL 16, 17 and 18`), `v2`, or a dotted number after
 *    `newest`, `latest` or `version` (`newest 2.276.0`);
 * 3. price: `$0.20`, `US$5`, `0.20 USD`, `USD 0.20` (with an optional `K`/`M`/`million` scale),
 *    and each number of a list ending in USD (`1.00 against 3.50 USD`);
 * 4. limit: a number (or range `1–10`) followed by a unit: KB, MB, GB, TB, PB, KiB … TiB, ms,
 *    milliseconds, s, seconds, min, minutes, h, hours, days, weeks, months, years, vCPU, IOPS,
 *    ACU, RCU, WCU, ECPU, MiB/s, MB/s, GB/s, Gbps, Mbps, %, percent, requests per second, RPS,
 *    TPS (also hyphenated: `15-minute`), or a factor written `6x`;
 * 5. limit: a number after `up to`, `at most`, `maximum of`, `no more than`, `limited to`,
 *    `limit of`, `quota of`;
 * 6. limit: any other number of 1,000 or more, or with a scale (`3 million`, `3M`), except
 *    plausible years (1900–2099 without a separator), numbers after `per` (`per 1M requests`)
 *    and after words that make them identifiers (port, RFC, HTTP, error, step, account …);
 * 7. in a table column whose header names a price (`$`, USD, price, cost) or a unit, a cell that
 *    starts with a bare number (`| 0.023 (unverified) |` under `Storage, USD per GB-month`).
 *
 * So "three AZs", "step 2", "the 6 pillars", "arm64", "S3", "HTTP/2", "10.0.0.0/16" and years are
 * never candidates. Digits inside words, after `/`, `#`, `-` or `.`, and before `/digit` are
 * skipped (identifiers, paths, CIDRs, ratios).
 */
import { equals, parseDecimal, round, toDecimal, type Decimal } from "./decimal.js";

export type FactKind = "price" | "limit" | "version" | "date";

export interface NumberCandidate {
  kind: FactKind;
  /** Offsets of the whole match (number and its unit or name) in the scanned text. */
  start: number;
  end: number;
  /** The match as written, for messages. */
  text: string;
  /** price/limit: the values it may equal (as written, and scaled for `3 million`). */
  values?: Decimal[];
  /** version: the version as written (without a trailing `.x`). */
  version?: string;
  /** date: `YYYY-MM-DD` or `YYYY-MM`. */
  date?: string;
  /** price, or a limit written with a unit: what the unit measures (see unitFamily). */
  family?: string;
}

/** What a unit measures, so `1 ms` cannot be backed by a price of 1 or `20%` by 20 indexes. Order matters. */
const FAMILIES: [string, RegExp][] = [
  ["price", /^(USD\b|US\$|\$)/],
  ["rate", /requests? per second|requests?\/s(econd)?\b|transactions per second|\bRPS\b|\bTPS\b/i],
  ["throughput", /\b[KMGTP]i?B(\/s| per second)\b|\bG(bit\/s|bps)\b|\bMbps\b/],
  ["percent", /%|\bpercent\b/i],
  ["size", /\b[KMGTP]i?B\b/],
  ["time", /\b(ms|milliseconds?|s|seconds?|secs?|min|minutes?|mins?|h|hours?|hrs?|days?|weeks?|months?|years?)\b/i],
  ["vcpu", /\bvCPUs?\b/i],
  ["iops", /\bIOPS\b/],
  ["capacity", /\b(ACU|RCU|WCU|ECPU|DPU|LCU)s?\b/],
];

/**
 * The family of a unit text (`MB`, `USD per GB-month`, `requests per second`), if it has one.
 * Prices, rates and throughputs are read from the whole text; anything else from the part
 * before ` per ` (`DPUs per month` measures DPUs, not time).
 */
export function unitFamily(unit: string): string | undefined {
  const whole = unit.trim();
  const [early, late] = [FAMILIES.slice(0, 3), FAMILIES.slice(3)];
  const measure = whole.replace(/\s+per\s+.*$/i, "");
  return early.find(([, pattern]) => pattern.test(whole))?.[0] ?? late.find(([, pattern]) => pattern.test(measure))?.[0];
}

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
/** Not inside a word, a decimal, an identifier (`us-east-1`), a path or a CIDR. */
const BEFORE = String.raw`(?<![\w.,/#$\-–])`;
/** Not followed by more digits or word characters (`64` in `6.4.1` or `10a`), or `/digit`. */
const AFTER = String.raw`(?![\w]|[.,]\d|/\d)`;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?`;

const PRODUCTS = [
  "Node\\.js", "Node", "Python", "Java", "\\.NET", "Ruby", "PHP", "Rust", "Corretto", "TypeScript",
  "PostgreSQL", "Postgres", "MySQL", "MariaDB", "Kubernetes", "EKS", "Redis OSS", "Redis", "Valkey", "Memcached",
  "OpenSearch", "Elasticsearch", "Kafka", "Terraform", "provider", "aws-cdk-lib", "AWS CDK", "CDK",
  "Amazon Linux", "Bottlerocket", "Ubuntu", "Graviton", "Helm", "Docker",
];

const UNITS = [
  "requests per second", "requests/second", "requests/s", "transactions per second",
  "MiB/s", "GiB/s", "MB/s", "GB/s", "Gbit/s", "Gbps", "Mbps",
  "KiB", "MiB", "GiB", "TiB", "PiB", "KB", "MB", "GB", "TB", "PB",
  "milliseconds?", "ms", "seconds?", "secs?", "s", "minutes?", "mins?", "min", "hours?", "hrs?", "h", "days?",
  "weeks?", "months?", "years?", "vCPUs?", "IOPS", "ACUs?", "RCUs?", "WCUs?", "ECPUs?", "DPUs?", "LCUs?",
  "percent", "%", "RPS", "TPS",
];
const VERSION = String.raw`\d+(?:\.\d+)*(?:\.x)?`;
/** More versions after the first: `, 17`, ` and 18`, ` or 3.12`, `–1.33`. */
const VERSION_TAIL = String.raw`(?:(?:\s*,\s*|\s+(?:and|or|to)\s+|\s?[–-]\s?)v?${VERSION}(?!\.?\w))*`;
const LIST_JOINER = String.raw`(?:\s*,\s*|\s+(?:and|or|to|against|vs\.?)\s+|\s?[–-]\s?)`;

const SCALES: Record<string, bigint> = { k: 1000n, thousand: 1000n, m: 1_000_000n, million: 1_000_000n, b: 1_000_000_000n, billion: 1_000_000_000n };
const SCALE = String.raw`(?:\s?(thousand|million|billion)\b|([KkMB])(?![\w]))`;

/** Words after which a number is an identifier, not a fact (`port 5432`, `RFC 3339`). */
const IDENTIFIER_WORDS = /\b(port|ports|RFC|ISO|HTTP|code|error|status|step|line|issue|page|section|chapter|figure|table|account|ID|id|per)\s*$/;

/**
 * `bare`: a number without unit or name, checked only when big or scaled. `each`: every number
 * in the match is a candidate of its own (version and price lists); the first keeps the text
 * before it (the product name).
 */
const PATTERNS: { kind: FactKind; regex: RegExp; bare?: true; each?: true }[] = [
  { kind: "date", regex: new RegExp(String.raw`${BEFORE}(\d{4})-(\d{2})-(\d{2})(?![\w-])`, "g") },
  { kind: "date", regex: new RegExp(String.raw`\b(?:(\d{1,2})\s+)?${MONTH}\s+(?:(\d{1,2}),?\s+)?(\d{4})\b`, "g") },
  {
    kind: "version",
    regex: new RegExp(String.raw`(?<![\w.-])(?:${PRODUCTS.join("|")})(?:\s+version)?\s+v?(${VERSION})(?!\.?\w)${VERSION_TAIL}`, "g"),
    each: true,
  },
  { kind: "version", regex: /(?<![\w.-])v(\d+(?:\.\d+)*)(?!\.?\w)/g },
  { kind: "version", regex: /\b(?:newest|latest|version)\s+v?(\d+\.\d+(?:\.\d+)*(?:\.x)?)(?!\.?\w)/gi },
  { kind: "price", regex: new RegExp(String.raw`(?:US)?\$\s?(${NUM})${SCALE}?`, "g") },
  { kind: "price", regex: new RegExp(String.raw`${BEFORE}(${NUM})${SCALE}?(?:${LIST_JOINER}(?:${NUM}))*\s?USD\b`, "g"), each: true },
  { kind: "price", regex: new RegExp(String.raw`\bUSD\s?(${NUM})${SCALE}?`, "g") },
  {
    kind: "limit",
    regex: new RegExp(String.raw`${BEFORE}(${NUM})(?:\s?(?:–|—|-|to)\s?(${NUM}))?(?:\s|-|\u00a0)?(?:${UNITS.join("|")})(?![\w/])`, "g"),
  },
  { kind: "limit", regex: new RegExp(String.raw`${BEFORE}(${NUM})[x×](?!\w)`, "g") },
  {
    kind: "limit",
    regex: new RegExp(String.raw`\b(?:up to|at most|(?:a )?maximum of|no more than|limited to|(?:a )?limit of|(?:a )?quota of)\s+(${NUM})${AFTER}`, "gi"),
  },
  { kind: "limit", regex: new RegExp(String.raw`${BEFORE}(${NUM})${SCALE}?${AFTER}`, "g"), bare: true },
];

/** The kind of the bare numbers in a table column, from its header (`Storage, USD per GB-month`). */
export function columnKind(header: string): FactKind | undefined {
  if (/\$|\bUSD\b|\bprice\b|\bcost\b/i.test(header)) return "price";
  if (new RegExp(String.raw`(?<![\w/])(?:${UNITS.join("|")})(?![\w/])`).test(header)) return "limit";
  return undefined;
}

function scaled(number: string, scale: string | undefined): Decimal[] {
  const value = parseDecimal(number);
  if (!value) return [];
  const factor = scale ? SCALES[scale.toLowerCase()] : undefined;
  return factor ? [value, { digits: value.digits * factor, scale: value.scale }] : [value];
}

/**
 * Every fact-like number in `text`, in order. `column`: the text is a table cell under a header
 * that names a price or a unit, so a bare number at its start is a candidate of that kind.
 */
export function findFactNumbers(text: string, column?: FactKind): NumberCandidate[] {
  const taken: [number, number][] = [];
  const found: NumberCandidate[] = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const patterns = column ? [...PATTERNS, { kind: column, regex: new RegExp(String.raw`^[\s\u0000]*(?:US)?\$?(${NUM})${AFTER}`, "g") }] : PATTERNS;
  for (const { kind, regex, bare, each } of patterns) {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      const start = match.index + (/^[\s\u0000]*/.exec(match[0])?.[0].length ?? 0);
      const end = match.index + match[0].length;
      if (!free(start, end)) continue;
      const parts = each ? listed(kind, match[0], start) : [{ start, end, text: text.slice(start, end), match }];
      const candidates = parts.flatMap((part) => {
        const described = describe(kind, part.match, bare === true, text.slice(Math.max(0, part.start - 12), part.start));
        if (!described) return [];
        const unit = kind === "price" ? "USD" : kind === "limit" && !bare ? part.text.replace(/^\D*[\d.,]+(?:\s?(?:–|—|-|to)\s?[\d.,]+)?/, "") : "";
        const family = unit ? unitFamily(unit) : undefined;
        return [{ ...described, kind, start: part.start, end: part.end, text: part.text, ...(family ? { family } : {}) }];
      });
      if (candidates.length === 0) continue;
      taken.push([start, end]);
      found.push(...candidates);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Splits a version or price list into one part per number; the first keeps what precedes it. */
function listed(kind: FactKind, whole: string, offset: number): { start: number; end: number; text: string; match: RegExpExecArray }[] {
  const numbers = kind === "version" ? /(?<![\w.])v?(\d+(?:\.\d+)*(?:\.x)?)(?!\.?\w)/g : new RegExp(String.raw`(?<![\d.,])(${NUM})${SCALE}?`, "g");
  const parts = [...whole.matchAll(numbers)].map((m) => {
    const match = Object.assign([m[0], m[1], m[2], m[3]], { index: m.index, input: whole }) as unknown as RegExpExecArray;
    return { start: offset + m.index, end: offset + m.index + m[0].length, text: m[0], match };
  });
  // A product name's own digits (`Node.js`, none today) never come first: the name has none.
  if (parts.length > 0) {
    parts[0] = { ...parts[0]!, start: offset, text: whole.slice(0, parts[0]!.end - offset) };
    const last = parts[parts.length - 1]!;
    if (kind === "price") parts[parts.length - 1] = { ...last, end: offset + whole.length, text: whole.slice(last.start - offset) };
  }
  return parts;
}

function describe(kind: FactKind, match: RegExpExecArray, bare: boolean, before: string): Omit<NumberCandidate, "kind" | "start" | "end" | "text"> | undefined {
  if (kind === "date") {
    if (match.length === 4) return { date: `${match[1]}-${match[2]}-${match[3]}` };
    const month = MONTHS.indexOf(match[2]!.slice(0, 3).toLowerCase()) + 1;
    const day = match[1] ?? match[3];
    const ym = `${match[4]}-${String(month).padStart(2, "0")}`;
    return { date: day ? `${ym}-${day.padStart(2, "0")}` : ym };
  }
  if (kind === "version") return { version: match[1]!.replace(/\.x$/, "") };
  if (kind === "price") return { values: scaled(match[1]!, match[2] ?? match[3]) };
  if (!bare) return { values: [...scaled(match[1]!, undefined), ...(match[2] ? scaled(match[2], undefined) : [])] };
  // A bare number: only big ones or scaled ones, and not years or identifiers.
  const number = match[1]!;
  const scale = match[2] ?? match[3];
  const value = Number(number.replace(/,/g, ""));
  if (IDENTIFIER_WORDS.test(before)) return undefined;
  if (!scale && value < 1000) return undefined;
  if (!scale && /^\d{4}$/.test(number) && value >= 1900 && value <= 2099) return undefined;
  return { values: scaled(number, scale) };
}

/** A value a prose number may equal: a record's value, or a worked cost's figure. */
export interface KnownValue {
  /** Fact id or `cost:<id>`. */
  id: string;
  value: number | string;
  unverified: boolean;
  /** Computed cost amounts also match prose rounded to cents (`about $4.60`). */
  roundable?: boolean;
  /** The record's unit family (unitFamily); a prose number with a unit only matches its own family. */
  family?: string | undefined;
}

const numericTokens = (text: string) => [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => parseDecimal(m[0])).filter((d): d is Decimal => d !== undefined);

/** The known values a candidate equals (numbers compared exactly, versions and dates as tokens). */
export function matchingValues(candidate: NumberCandidate, known: readonly KnownValue[]): KnownValue[] {
  return known.filter((entry) => {
    const text = String(entry.value);
    if (candidate.kind === "version") {
      const version = candidate.version!;
      return [...text.matchAll(/\d+(?:\.\d+)*/g)].some((m) => m[0] === version || m[0].startsWith(`${version}.`));
    }
    if (candidate.kind === "date") {
      const dates = [...text.matchAll(/\d{4}-\d{2}(?:-\d{2})?/g)].map((m) => m[0]);
      if (typeof entry.value === "string") dates.push(...findFactNumbers(entry.value).flatMap((c) => (c.date ? [c.date] : [])));
      return dates.some((date) => date === candidate.date || date.startsWith(`${candidate.date}-`));
    }
    if (candidate.family !== undefined && entry.family !== candidate.family) return false;
    const values = typeof entry.value === "number" ? [toDecimal(entry.value)] : numericTokens(entry.value);
    return candidate.values!.some((wanted) =>
      values.some((value) => equals(value, wanted) || (entry.roundable === true && wanted.scale <= 2 && equals(round(value, 2), wanted))),
    );
  });
}
