/**
 * Holds prose to skill/data: a number in a paragraph, list item, heading or table cell that
 * names a price, limit, quota, version or date must equal the value of a record in skill/data.
 * Numbers are compared after removing `$` and thousands separators (`$0.20` equals 0.2), and a
 * number written with a unit only with records whose unit measures the same thing (a price with
 * prices, `1 ms` with times, `20%` with percentages; units are not converted); a string
 * value matches when it contains the number as a token (`Node.js 24` matches `nodejs24.x`; a
 * version also matches a longer one it starts: `Python 3` matches `3.13`); `November 2026`
 * matches a date value in that month. The figures of the worked costs in skill/data/costs count
 * too: item quantities, and item and total amounts (also rounded to cents: `about $0.60`).
 * A number that matches only records marked `unverified` must say so in its sentence (the words
 * "unverified" or "not verified").
 *
 * What looks like a fact (see src/facts/numbers.ts): dates (`2026-11-26`, `November 2026`);
 * versions after a known product name (`Node.js 24`, `PostgreSQL 17`, `provider 6.66`) or `v2`;
 * currency amounts (`$0.20`, `5 USD`); a number with a unit (KB … TiB, ms, s, minutes, hours,
 * days, years, vCPU, IOPS, ACU, MiB/s, GB/s, %, requests per second …) or a factor (`6x`); a
 * number after `up to`, `at most`, `maximum of` …; any other number of 1,000 or more or with a
 * scale (`3 million`, `3M`), except years, numbers after `per` and identifiers (`port 5432`);
 * a bare number in a table column whose header names a price or a unit. "three AZs",
 * "step 2", "the 6 pillars" are not facts.
 *
 * Not checked: inline and fenced code, HTML, link URLs and bare URLs, the tables generated after
 * `<!-- facts: … -->` and `<!-- cost: … -->`, and any line (or table row) that carries
 * `<!-- not-a-fact -->`: the marker for workload assumptions, CIDR examples and counts.
 * Without a `data` folder in an unpacked bundle (the bundle ships no data) the rule is silent.
 *
 * @example
 *   {"name": "ok", "label": "file", "file": "data/lambda.json"}
 *
 *   ```json
 *   { "service": "AWS Lambda", "facts": {
 *     "price-requests": { "what": "Request charge", "value": 0.2, "unit": "USD per 1M requests", "region": "us-east-1", "source": "https://aws.amazon.com/lambda/pricing/", "as_of": "2026-11-20" },
 *     "max-timeout": { "what": "Longest invocation", "value": 900, "unit": "seconds", "region": "global", "source": "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html", "as_of": "2026-11-20" },
 *     "max-memory": { "what": "Most memory", "value": 10240, "unit": "MB", "region": "global", "source": "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html", "as_of": "2026-11-20" },
 *     "nodejs-runtime": { "what": "Newest Node.js runtime", "value": "nodejs24.x", "unit": "version", "region": "global", "source": "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html", "as_of": "2026-11-20" },
 *     "price-gb-second-arm64": { "what": "Duration, arm64", "value": 0.0000133334, "unit": "USD per GB-second", "region": "us-east-1", "source": "https://aws.amazon.com/lambda/pricing/", "as_of": "2026-11-20", "unverified": true, "note": "Pricing table not readable offline." }
 *   } }
 *   ```
 *
 * @example
 *   {"name": "ok", "file": "references/lambda.md"}
 *
 *   ```markdown
 *   # Lambda
 *
 *   Requests cost $0.20 per 1M requests; a function runs for at most 900 seconds
 *   with up to **10,240** MB of memory, on Node.js 24.
 *
 *   Duration on arm64 costs $0.0000133334 per GB-second (unverified: the pricing page was not readable).
 *
 *   The three AZs, step 2 and the 6 pillars are not facts; neither are `$5`, `4096 MB`, arm64,
 *   HTTP/2, port 5432, the year 2025, [a link's URL](https://example.com/2048MB) or a bare
 *   https://example.com/128MB.
 *
 *   An API with 3 million requests a month <!-- not-a-fact --> is an assumption.
 *
 *   | Limit       | Value       |
 *   | ----------- | ----------- |
 *   | Timeout     | 900 seconds |
 *   | Your budget | $50 <!-- not-a-fact --> |
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "file", "file": "data/lambda.json"}
 *
 *   ```json
 *   { "service": "AWS Lambda", "facts": {
 *     "max-timeout": { "what": "Longest invocation", "value": 900, "unit": "seconds", "region": "global", "source": "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html", "as_of": "2026-11-20" },
 *     "price-gb-second-arm64": { "what": "Duration, arm64", "value": 0.0000133334, "unit": "USD per GB-second", "region": "us-east-1", "source": "https://aws.amazon.com/lambda/pricing/", "as_of": "2026-11-20", "unverified": true, "note": "Pricing table not readable offline." }
 *   } }
 *   ```
 *
 * @example
 *   {"name": "not-ok", "file": "references/lambda.md", "label": "input"}
 *
 *   ```markdown
 *   # Lambda in 2026-11-26
 *
 *   A function runs for at most 15 minutes and costs $0.25 per 1M requests.
 *
 *   Use Python 3.14 or Node.js v22 for 3 million requests a month.
 *
 *   Duration on arm64 costs $0.0000133334 per GB-second.
 *
 *   | Limit   | Value   |
 *   | ------- | ------- |
 *   | Storage | 512 MB  |
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   1:13-1:23: `2026-11-26` looks like a date, but no record in skill/data has this value; add a record with its source to skill/data, or mark a workload assumption with `<!-- not-a-fact -->` on its line
 *   3:29-3:39: `15 minutes` looks like a limit, but no record in skill/data has this value; add a record with its source to skill/data, or mark a workload assumption with `<!-- not-a-fact -->` on its line
 *   3:50-3:55: `$0.25` looks like a price, but no record in skill/data has this value; add a record with its source to skill/data, or mark a workload assumption with `<!-- not-a-fact -->` on its line
 *   5:5-5:16: `Python 3.14` looks like a version, but no record in skill/data has this value; add a record with its source to skill/data, or mark a workload assumption with `<!-- not-a-fact -->` on its line
 *   5:20-5:31: `Node.js v22` looks like a version, but no record in skill/data has this value; add a record with its source to skill/data, or mark a workload assumption with `<!-- not-a-fact -->` on its line
 *   5:36-5:45: `3 million` looks like a limit, but no record in skill/data has this value; add a record with its source to skill/data, or mark a workload assumption with `<!-- not-a-fact -->` on its line
 *   7:25-7:38: `$0.0000133334` matches only unverified records (`lambda.price-gb-second-arm64`); say in the text that it is unverified
 *   11:13-11:19: `512 MB` looks like a limit, but no record in skill/data has this value; add a record with its source to skill/data, or mark a workload assumption with `<!-- not-a-fact -->` on its line
 *   ```
 */
import { lintRule } from "unified-lint-rule";
import type { Root, Table } from "mdast";
import type { LintContext } from "../context.js";
import { computeCost } from "../facts/costs.js";
import type { FactData } from "../facts/load.js";
import { columnKind, findFactNumbers, matchingValues, unitFamily, type KnownValue } from "../facts/numbers.js";
import { notAFactLines, proseBlocks } from "../facts/prose.js";
import { findTableMarkers } from "../facts/tables.js";

const UNVERIFIED_WORDS = /\b(unverified|not verified|could not be verified|cannot be verified|unconfirmed)\b/i;
const ADVICE = "add a record with its source to skill/data, or mark a workload assumption with `<!-- not-a-fact -->` on its line";

/** Every value prose may quote: the records, and the worked costs' quantities and amounts. */
function knownValues(data: FactData): KnownValue[] {
  const known: KnownValue[] = [...data.facts.values()].map((fact) => ({
    id: fact.id,
    value: fact.value,
    unverified: fact.unverified === true,
    family: unitFamily(fact.unit),
  }));
  for (const cost of data.costs.values()) {
    const breakdown = computeCost(cost, data.facts);
    const id = `cost:${cost.id}`;
    for (const line of breakdown.lines) {
      known.push({ id, value: line.quantity, unverified: false });
      known.push({ id, value: line.monthlyText.slice(1).replace(/,/g, ""), unverified: line.unverified, roundable: true, family: "price" });
    }
    const unverified = breakdown.lines.some((line) => line.unverified);
    known.push({ id, value: breakdown.totalText.slice(1).replace(/,/g, ""), unverified, roundable: true, family: "price" });
  }
  return known;
}

const remarkLintFactNumbers = lintRule<Root, LintContext>("skill-lint:fact-numbers", (tree, file, context) => {
  const data = context.facts;
  if (!data.present && context.layout.mode === "bundle") return;
  const source = String(file.value);
  const lineStarts = [0];
  for (let index = source.indexOf("\n"); index !== -1; index = source.indexOf("\n", index + 1)) lineStarts.push(index + 1);
  const point = (offset: number) => {
    let line = lineStarts.length;
    while (line > 1 && lineStarts[line - 1]! > offset) line--;
    return { line, column: offset - lineStarts[line - 1]! + 1 };
  };
  const generated = new Set(findTableMarkers(tree).flatMap((marker): Table[] => (marker.table ? [marker.table] : [])));
  const skipLines = notAFactLines(tree);
  const known = knownValues(data);
  for (const block of proseBlocks(tree, source, generated)) {
    for (const candidate of findFactNumbers(block.text, block.header === undefined ? undefined : columnKind(block.header))) {
      const start = point(block.offsets[candidate.start]!);
      const end = point(block.offsets[candidate.end - 1]! + 1);
      if (skipLines.has(start.line)) continue;
      const matches = matchingValues(candidate, known);
      const text = candidate.text.trim();
      if (matches.length === 0) {
        file.message(`\`${text}\` looks like a ${candidate.kind}, but no record in skill/data has this value; ${ADVICE}`, { start, end });
      } else if (matches.every((match) => match.unverified) && !UNVERIFIED_WORDS.test(block.row ?? block.text)) {
        const ids = [...new Set(matches.map((match) => match.id))].map((id) => `\`${id}\``).join(", ");
        file.message(`\`${text}\` matches only unverified records (${ids}); say in the text that it is unverified`, { start, end });
      }
    }
  }
});

export default remarkLintFactNumbers;
