/**
 * Finds the numbers in a piece of prose that state a fact (the heuristic of rule `fact-numbers`),
 * and says whether skill/data backs them. Passes run in this order, each skipping text an
 * earlier pass took:
 *
 * 1. date: `2026-11-26`, `November 2026`, `26 November 2026`, `Nov 26, 2026`;
 * 2. version: a number after a known product name (`Node.js 24`, `Python 3.13`, `.NET 8`,
 *    `PostgreSQL 17.4`, `provider 6.66.0` …, optionally `version`/`v` in between), or `v2`;
 * 3. price: `$0.20`, `US$5`, `0.20 USD`, `USD 0.20` (with an optional `K`/`M`/`million` scale);
 * 4. limit: a number (or range `1–10`) followed by a unit: KB, MB, GB, TB, PB, KiB … TiB, ms,
 *    milliseconds, seconds, minutes, hours, days, vCPU, IOPS, MiB/s, MB/s, GB/s, Gbps, Mbps, %,
 *    percent, requests per second, RPS, TPS (also hyphenated: `15-minute`);
 * 5. limit: any other number of 1,000 or more, or with a scale (`3 million`, `3M`), except
 *    plausible years (1900–2099 without a separator), numbers after `per` (`per 1M requests`)
 *    and after words that make them identifiers (port, RFC, HTTP, error, step, account …).
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
  "milliseconds?", "ms", "seconds?", "secs?", "minutes?", "mins?", "hours?", "hrs?", "days?",
  "vCPUs?", "IOPS", "percent", "%", "RPS", "TPS",
];

const SCALES: Record<string, bigint> = { k: 1000n, thousand: 1000n, m: 1_000_000n, million: 1_000_000n, b: 1_000_000_000n, billion: 1_000_000_000n };
const SCALE = String.raw`(?:\s?(thousand|million|billion)\b|([KkMB])(?![\w]))`;

/** Words after which a number is an identifier, not a fact (`port 5432`, `RFC 3339`). */
const IDENTIFIER_WORDS = /\b(port|ports|RFC|ISO|HTTP|code|error|status|step|line|issue|page|section|chapter|figure|table|account|ID|id|per)\s*$/;

/** `bare`: a number without unit or name, checked only when big or scaled. */
const PATTERNS: { kind: FactKind; regex: RegExp; bare?: true }[] = [
  { kind: "date", regex: new RegExp(String.raw`${BEFORE}(\d{4})-(\d{2})-(\d{2})(?![\w-])`, "g") },
  { kind: "date", regex: new RegExp(String.raw`\b(?:(\d{1,2})\s+)?${MONTH}\s+(?:(\d{1,2}),?\s+)?(\d{4})\b`, "g") },
  {
    kind: "version",
    regex: new RegExp(String.raw`(?<![\w.-])(?:${PRODUCTS.join("|")})(?:\s+version)?\s+v?(\d+(?:\.\d+)*(?:\.x)?)(?!\.?\w)`, "g"),
  },
  { kind: "version", regex: /(?<![\w.-])v(\d+(?:\.\d+)*)(?!\.?\w)/g },
  { kind: "price", regex: new RegExp(String.raw`(?:US)?\$\s?(${NUM})${SCALE}?`, "g") },
  { kind: "price", regex: new RegExp(String.raw`${BEFORE}(${NUM})${SCALE}?\s?USD\b`, "g") },
  { kind: "price", regex: new RegExp(String.raw`\bUSD\s?(${NUM})${SCALE}?`, "g") },
  {
    kind: "limit",
    regex: new RegExp(String.raw`${BEFORE}(${NUM})(?:\s?(?:–|—|-|to)\s?(${NUM}))?(?:\s|-|\u00a0)?(?:${UNITS.join("|")})(?![\w/])`, "g"),
  },
  { kind: "limit", regex: new RegExp(String.raw`${BEFORE}(${NUM})${SCALE}?${AFTER}`, "g"), bare: true },
];

function scaled(number: string, scale: string | undefined): Decimal[] {
  const value = parseDecimal(number);
  if (!value) return [];
  const factor = scale ? SCALES[scale.toLowerCase()] : undefined;
  return factor ? [value, { digits: value.digits * factor, scale: value.scale }] : [value];
}

/** Every fact-like number in `text`, in order. */
export function findFactNumbers(text: string): NumberCandidate[] {
  const taken: [number, number][] = [];
  const found: NumberCandidate[] = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  for (const { kind, regex, bare } of PATTERNS) {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!free(start, end)) continue;
      const candidate = describe(kind, match, bare === true, text.slice(Math.max(0, start - 12), start));
      if (!candidate) continue;
      taken.push([start, end]);
      found.push({ ...candidate, kind, start, end, text: match[0] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
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
    const values = typeof entry.value === "number" ? [toDecimal(entry.value)] : numericTokens(entry.value);
    return candidate.values!.some((wanted) =>
      values.some((value) => equals(value, wanted) || (entry.roundable === true && wanted.scale <= 2 && equals(round(value, 2), wanted))),
    );
  });
}
