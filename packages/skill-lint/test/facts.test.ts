/** skill/data: exact money, worked costs, the loader's messages, the prose heuristic and `--fix` for tables. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { computeCost, CostError } from "../src/facts/costs.js";
import { add, formatUsd, multiply, parseDecimal, round, toDecimal } from "../src/facts/decimal.js";
import { isoDay, loadFactData } from "../src/facts/load.js";
import { columnKind, findFactNumbers, matchingValues, unitFamily } from "../src/facts/numbers.js";
import { formatFactValue, rewriteFactTables } from "../src/facts/tables.js";
import { lintSkill } from "../src/lint.js";
import { markdownParser } from "../src/markdown.js";
import { formatText } from "../src/report.js";
import { cli } from "./cli-run.js";
import { DEFAULT_SKILL, TEST_TODAY, tempSkill, writeTree } from "./harness.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function skill(files: Record<string, string>) {
  const temp = await tempSkill();
  cleanups.push(temp.cleanup);
  await writeTree(temp.skillDir, { "SKILL.md": DEFAULT_SKILL, ...files });
  return temp;
}

const record = (fields: Record<string, unknown>) => ({
  what: "Request charge",
  value: 0.2,
  unit: "USD per 1M requests",
  region: "us-east-1",
  source: "https://aws.amazon.com/lambda/pricing/",
  as_of: "2026-11-20",
  ...fields,
});

const LAMBDA = JSON.stringify(
  {
    service: "AWS Lambda",
    facts: {
      "price-requests": record({}),
      "price-gb-second-arm64": record({ what: "Duration, arm64", value: 0.0000133334, unit: "USD per GB-second", as_of: "2026-05-01" }),
      "max-memory": record({ what: "Most memory", value: 10240, unit: "MB", region: "global", as_of: "2026-01-02" }),
    },
  },
  null,
  2,
);
const COSTS = JSON.stringify({
  costs: {
    "api-3m": {
      title: "HTTP API, 3M requests",
      region: "us-east-1",
      items: [
        { item: "Lambda requests", fact: "lambda.price-requests", quantity: 3, basis: "3M requests" },
        { item: "Lambda duration", fact: "lambda.price-gb-second-arm64", quantity: 300000, basis: "3M x 0.2 s x 0.5 GB" },
      ],
    },
  },
});

describe("exact money", () => {
  it("keeps every digit and never shows float noise", () => {
    expect(formatUsd(multiply(toDecimal(3), toDecimal(0.2)))).toBe("$0.60");
    expect(formatUsd(0.0000166667)).toBe("$0.0000166667");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd(1e-7)).toBe("$0.0000001");
    expect(formatUsd(add(toDecimal(0.1), toDecimal(0.2)))).toBe("$0.30");
    expect(formatUsd(round(toDecimal(4.000025), 2))).toBe("$4.00");
    expect(parseDecimal("10,240")).toEqual(toDecimal(10240));
  });

  it("formats values with their units", () => {
    expect(formatFactValue({ value: 0.2, unit: "USD per 1M requests" })).toBe("$0.20 per 1M requests");
    expect(formatFactValue({ value: 10240, unit: "MB" })).toBe("10,240 MB");
    expect(formatFactValue({ value: 99.99, unit: "%" })).toBe("99.99%");
    expect(formatFactValue({ value: "nodejs24.x", unit: "version" })).toBe("nodejs24.x");
    expect(formatFactValue({ value: "SSE-S3", unit: "default encryption", unverified: true })).toBe("SSE-S3 (default encryption) (unverified)");
  });
});

describe("worked costs", () => {
  it("prices each item as quantity x unit price and sums them exactly", async () => {
    const { skillDir } = await skill({ "data/lambda.json": LAMBDA, "data/costs/api.json": COSTS });
    const data = await loadFactData(skillDir, TEST_TODAY);
    expect(data.issues).toEqual([]);
    const cost = computeCost(data.costs.get("api-3m")!, data.facts);
    expect(cost.lines.map((line) => line.monthlyText)).toEqual(["$0.60", "$4.00"]);
    expect(cost.totalText).toBe("$4.60");
    // The exact sum is kept for callers that add costs up.
    expect(cost.totalUsd).toBe(4.60002);
  });

  it("refuses an item whose price is missing", () => {
    const cost = { id: "x", title: "x", region: "us-east-1", items: [{ item: "a", fact: "lambda.none", quantity: 1 }] };
    expect(() => computeCost(cost, new Map())).toThrow(CostError);
  });
});

describe("loading skill/data", () => {
  it("places invalid JSON and badly named files at a line and column", async () => {
    const { skillDir } = await skill({ "data/Lambda_Facts.json": '{\n  "facts": {\n    "a": 1,\n  }\n}\n' });
    const data = await loadFactData(skillDir, TEST_TODAY);
    expect(data.issues.map((issue) => `${issue.file.relPath}:${issue.place.start.line}:${issue.place.start.column}: ${issue.reason}`)).toEqual([
      "data/Lambda_Facts.json:4:3: Not valid JSON: property name expected",
      "data/Lambda_Facts.json:1:1: File name `Lambda_Facts.json` is not kebab-case (fact ids are `<file stem>.<key>`); rename it",
    ]);
  });

  it("requires a service on the file or the record, and a note for unverified records", async () => {
    const facts = { facts: { a: record({}), b: record({ service: "AWS Lambda", unverified: true }) } };
    const { skillDir } = await skill({ "data/x.json": JSON.stringify(facts) });
    const data = await loadFactData(skillDir, TEST_TODAY);
    expect(data.issues.map((issue) => issue.reason)).toEqual([
      "`facts.a`: missing `service`; add it to the file (for all its records) or to the record",
      "`facts.b`: an unverified record needs a `note` saying what could not be verified",
    ]);
    expect([...data.facts.keys()]).toEqual([]);
  });

  it("reports nothing and knows no records without a data folder", async () => {
    const { skillDir } = await skill({});
    const data = await loadFactData(skillDir, TEST_TODAY);
    expect(data.present).toBe(false);
    expect(data.issues).toEqual([]);
  });
});

describe("numbers that look like facts", () => {
  const kinds = (text: string) => findFactNumbers(text).map((candidate) => `${candidate.kind}:${candidate.text.trim()}`);

  it("leaves ordinary prose alone", () => {
    for (const text of [
      "Spread it over three AZs, then go to step 2 of the 6 pillars.",
      "Use 3 AZs and 2 NAT gateways on arm64 with S3 and EC2 over HTTP/2.",
      "The VPC is 10.0.0.0/16, open port 5432, see RFC 3339, in 2025 it changed.",
      "It costs $0.20 per 1M requests.",
      "Graviton4 and gp3 in us-east-1, IPv6 only; 24/7 support; version 1 of 3.",
    ]) {
      expect(kinds(text).filter((kind) => !kind.startsWith("price:")), text).toEqual([]);
    }
  });

  it("finds prices, limits, versions and dates", () => {
    expect(kinds("It costs $0.20 per 1M requests and 0.5 USD a day.")).toEqual(["price:$0.20", "price:0.5 USD"]);
    expect(kinds("Up to 10,240 MB, a 15-minute timeout, 200 ms, 3,000 IOPS and 125 MiB/s.")).toEqual([
      "limit:10,240 MB",
      "limit:15-minute",
      "limit:200 ms",
      "limit:3,000 IOPS",
      "limit:125 MiB/s",
    ]);
    expect(kinds("Run 1–10 GB at 99.99% for 10,000 requests per second, 1,000 concurrent, 3 million a month.")).toEqual([
      "limit:1–10 GB",
      "limit:99.99%",
      "limit:10,000 requests per second",
      "limit:1,000",
      "limit:3 million",
    ]);
    expect(kinds("Node.js 24, Python 3.13, .NET 8, PostgreSQL 17.4, provider 6.66.0, CDK v2, Amazon Linux 2023.")).toEqual([
      "version:Node.js 24",
      "version:Python 3.13",
      "version:.NET 8",
      "version:PostgreSQL 17.4",
      "version:provider 6.66.0",
      "version:CDK v2",
      "version:Amazon Linux 2023",
    ]);
    expect(kinds("Since 2026-11-26, from November 2026, on Nov 26, 2026 and 1 March 2027.")).toEqual([
      "date:2026-11-26",
      "date:November 2026",
      "date:Nov 26, 2026",
      "date:1 March 2027",
    ]);
  });
});

describe("numbers in lists, tables and units", () => {
  const texts = (text: string, column?: "price" | "limit") => findFactNumbers(text, column).map((c) => `${c.kind}:${c.text.trim()}`);

  it("reads each number of a version or price list, and bare numbers under a priced column", () => {
    expect(texts("PostgreSQL 16, 17 and 18.1 are supported")).toEqual(["version:PostgreSQL 16", "version:17", "version:18.1"]);
    expect(texts("1.00 against 3.50 USD per million")).toEqual(["price:1.00", "price:3.50 USD"]);
    expect(texts("up to 100 actions, 6x faster, newest 2.276.0")).toEqual(["limit:up to 100", "limit:6x", "version:newest 2.276.0"]);
    expect(columnKind("Storage, USD per GB-month")).toBe("price");
    expect(columnKind("Max size (GiB)")).toBe("limit");
    expect(columnKind("Service")).toBeUndefined();
    expect(texts("0.023 (unverified)", "price")).toEqual(["price:0.023"]);
    expect(texts("3 AZs", undefined)).toEqual([]);
  });

  it("matches a number with a unit only against records of the same kind of unit", () => {
    const known = [
      { id: "a.price", value: 1, unverified: false, family: unitFamily("USD per 1M requests") },
      { id: "a.timeout", value: 900, unverified: false, family: unitFamily("seconds") },
      { id: "a.quota", value: 10000, unverified: false, family: unitFamily("requests per second per account") },
      { id: "a.count", value: 20, unverified: false, family: unitFamily("indexes per table") },
    ];
    const ids = (text: string) => findFactNumbers(text).map((c) => matchingValues(c, known).map((m) => m.id).join(","));
    expect(ids("1 ms")).toEqual([""]);
    expect(ids("$1")).toEqual(["a.price"]);
    expect(ids("900 s")).toEqual(["a.timeout"]);
    expect(ids("10,000 requests per second")).toEqual(["a.quota"]);
    expect(ids("20%")).toEqual([""]);
    expect(ids("up to 20")).toEqual(["a.count"]);
    expect(unitFamily("DPUs per month")).toBe("capacity");
    expect(unitFamily("MB per second")).toBe("throughput");
    expect(unitFamily("GB per object")).toBe("size");
    expect(unitFamily("USD per GB-month")).toBe("price");
  });
});

describe("generated tables", () => {
  it("--fix writes a missing table, corrects a stale one, and a second run changes nothing", async () => {
    const markdown = [
      "# Lambda",
      "",
      "<!-- facts: lambda.price-requests lambda.max-* -->",
      "Right after the marker.",
      "",
      "<!-- cost: api-3m -->",
      "",
      "| Item | Quantity | Unit price | Monthly |",
      "| --- | --- | --- | --- |",
      "| Old | 1 | $1.00 | $1.00 |",
      "",
    ].join("\n");
    const { skillDir } = await skill({ "references/lambda.md": markdown, "data/lambda.json": LAMBDA, "data/costs/api.json": COSTS });
    const file = path.join(skillDir, "references", "lambda.md");
    const rules = ["fact-tables"];
    const result = await lintSkill({ skillDir, rules, fix: true, today: TEST_TODAY, cacheDir: false });
    expect(result.fixed).toEqual([file]);
    expect(result.files.flatMap((f) => f.messages)).toEqual([]);
    const fixed = await readFile(file, "utf8");
    expect(fixed).toContain(
      [
        "<!-- facts: lambda.price-requests lambda.max-* -->",
        "",
        "| What | Value | Region | Source |",
        "| --- | --- | --- | --- |",
        "| Request charge | $0.20 per 1M requests | us-east-1 | [as of 2026-11-20](https://aws.amazon.com/lambda/pricing/) |",
        "| Most memory | 10,240 MB | global | [as of 2026-01-02](https://aws.amazon.com/lambda/pricing/) |",
        "",
        "Right after the marker.",
      ].join("\n"),
    );
    expect(fixed).toContain("| **Total** |  |  | **$4.60** |");
    const data = await loadFactData(skillDir, TEST_TODAY);
    expect(rewriteFactTables(fixed, markdownParser().parse(fixed), data)).toBe(fixed);
    const again = await lintSkill({ skillDir, rules, fix: true, today: TEST_TODAY, cacheDir: false });
    expect(again.fixed).toEqual([]);
    // The generated tables follow the house style (remark-lint's table rules among them).
    const style = await lintSkill({ skillDir, rules: ["style"], today: TEST_TODAY, cacheDir: false });
    expect(style.files.flatMap((f) => f.messages.map((m) => `${m.line}:${m.column} ${m.reason}`))).toEqual([]);
  });
});

describe("freshness", () => {
  it("warns per old record and the report ends with the oldest records", async () => {
    const { skillDir } = await skill({ "data/lambda.json": LAMBDA });
    const result = await lintSkill({ skillDir, rules: ["fact-freshness"], today: TEST_TODAY, cacheDir: false });
    const messages = result.files.flatMap((file) => file.messages);
    expect(messages.map((m) => [m.fatal, m.reason])).toEqual([
      [false, "`lambda.price-gb-second-arm64` was checked on 2026-05-01, 209 days ago (factMaxAgeDays: 180); read its source again and update as_of"],
      [false, "`lambda.max-memory` was checked on 2026-01-02, 328 days ago (factMaxAgeDays: 180); read its source again and update as_of"],
    ]);
    const text = formatText(result, skillDir, false);
    expect(text.trimEnd().split("\n").slice(-4)).toEqual([
      "Oldest records in skill/data (of 3; today 2026-11-26)",
      "lambda.max-memory             2026-01-02",
      "lambda.price-gb-second-arm64  2026-05-01",
      "lambda.price-requests         2026-11-20",
    ]);
  });
});

describe("--fix with embeds and tables in one file", () => {
  it("rewrites both, and a second run is clean", async () => {
    const markdown = [
      "# Skill",
      "",
      "<!-- embed: examples/demo/main.tf -->",
      "",
      "```hcl",
      "old = 1",
      "```",
      "",
      "<!-- facts: lambda.price-requests -->",
      "",
      "| What | Value | Region | Source |",
      "| --- | --- | --- | --- |",
      "| Request charge | $0.25 per 1M requests | us-east-1 | [as of 2026-11-20](https://aws.amazon.com/lambda/pricing/) |",
      "",
    ].join("\n");
    const { skillDir } = await skill({ "SKILL.md": markdown, "examples/demo/main.tf": "new = 2\nmore = 3\n", "data/lambda.json": LAMBDA });
    const rules = ["embedded-code", "fact-tables"];
    const first = await lintSkill({ skillDir, rules, fix: true, today: TEST_TODAY, cacheDir: false });
    expect(first.files.flatMap((f) => f.messages.map((m) => m.reason))).toEqual([]);
    const text = await readFile(path.join(skillDir, "SKILL.md"), "utf8");
    expect(text).toContain("```hcl\nnew = 2\nmore = 3\n```");
    expect(text).toContain("| Request charge | $0.20 per 1M requests | us-east-1 |");
    expect((await lintSkill({ skillDir, rules, fix: true, today: TEST_TODAY, cacheDir: false })).fixed).toEqual([]);
  });
});

// The CLI in process (cli-run.ts): what is tested is its report, not the process around it.
describe("CLI with skill/data", () => {
  it("reports a bad record at its JSON line, and lists the oldest records in text and JSON", async () => {
    const today = isoDay(new Date());
    const facts = { service: "AWS Lambda", facts: { "price-requests": record({ as_of: today }), broken: record({ source: "http://aws.amazon.com/x", as_of: today }) } };
    const { root } = await skill({ "data/lambda.json": JSON.stringify(facts, null, 2) });
    const text = await cli(["aws-patterns"], root);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      "aws-patterns/data/lambda.json:17:17  error  `facts.broken.source` must be the https URL of the AWS or vendor page the value was checked on  data-records",
    );
    expect(text.stdout.trimEnd().split("\n").slice(-2)).toEqual([`Oldest records in skill/data (of 1; today ${today})`, `lambda.price-requests  ${today}`]);
    const json = JSON.parse((await cli(["aws-patterns", "--format", "json"], root)).stdout) as { oldestFacts: unknown };
    expect(json.oldestFacts).toEqual([{ id: "lambda.price-requests", asOf: today }]);
  });
});
