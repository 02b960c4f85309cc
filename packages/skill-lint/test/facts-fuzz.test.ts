/** Random skill/data and random markdown around fact markers: messages only, and `--fix` of tables is idempotent. */
import fc from "fast-check";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadFactData } from "../src/facts/load.js";
import { lintSkill } from "../src/lint.js";
import { TEST_TODAY, tempSkill, writeTree } from "./harness.js";

const FACT_RULES = ["data-records", "fact-freshness", "fact-tables", "fact-numbers"];

const DATA = {
  "data/lambda.json": JSON.stringify({
    service: "AWS Lambda",
    facts: {
      "price-requests": { what: "Request charge", value: 0.2, unit: "USD per 1M requests", region: "us-east-1", source: "https://aws.amazon.com/lambda/pricing/", as_of: "2026-11-20" },
      "max-memory": { what: "Most | memory", value: 10240, unit: "MB", region: "global", source: "https://docs.aws.amazon.com/lambda/", as_of: "2025-01-01" },
      runtime: { what: "Runtime", value: "nodejs24.x", unit: "version", region: "global", source: "https://docs.aws.amazon.com/lambda/(x)", as_of: "2026-11-20" },
    },
  }),
  "data/costs/lambda.json": JSON.stringify({
    costs: { "api-3m": { title: "3M", region: "us-east-1", items: [{ item: "Requests", fact: "lambda.price-requests", quantity: 3, basis: "3M | requests" }] } },
  }),
};

const fragments = fc.constantFrom(
  "<!-- facts: lambda.* -->", "<!-- facts: lambda.price-requests lambda.none -->", "<!-- cost: api-3m -->", "<!-- facts: -->",
  "<!-- cost: a b -->", "<!--facts:lambda.max-memory-->", "<!-- Facts lambda.* -->", "| What | Value |\n| - | - |\n| x | y |",
  "| a |\n| - |", "$0.20 per 1M requests", "10,240 MB", "Node.js 24", "2026-11-26", "November 2026", "<!-- not-a-fact --> 3 million",
  "3 million requests", "`$5`", "[x](https://example.com/5GB)", "up to 7", "6x", "PostgreSQL 16, 17 and 18", "1.00 against 3.50 USD",
  "> $0.25", "- 15 minutes", "# Node.js v22", "**10,240** MB", "unverified $0.20", "\\$0.20", "&#36;0.20", "", "\n",
);
const markdown = fc.array(fc.oneof(fragments, fc.string({ maxLength: 12 })), { maxLength: 10 }).map((parts) => `# Skill\n\n${parts.join("\n")}\n`);

function expectOnlyMessages(files: { messages: { cause?: unknown; ruleId?: string | undefined; reason: string }[] }[]): void {
  for (const file of files) {
    for (const message of file.messages) {
      const cause = message.cause as { reason?: unknown } | undefined;
      expect(cause === undefined || typeof cause.reason === "string", `${message.ruleId}: ${message.reason}`).toBe(true);
      expect(message.ruleId).toBeTruthy();
    }
  }
}

/** One skill folder per property: every run of a property writes the same files afresh. */
let skillDir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ skillDir, cleanup } = await tempSkill()));
afterEach(() => cleanup());

describe("facts fuzz", () => {
  it("random data files give messages, never exceptions", async () => {
    const record = fc.dictionary(
      fc.constantFrom("what", "value", "unit", "region", "source", "as_of", "service", "note", "unverified", "extra"),
      fc.oneof(fc.jsonValue(), fc.constantFrom("https://aws.amazon.com/x", "2026-11-20", "us-east-1", "USD per hour", "2099-01-01")),
    );
    const factFile = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.record({ service: fc.oneof(fc.string(), fc.jsonValue()), facts: fc.dictionary(fc.string({ maxLength: 8 }), record) }).map((value) => JSON.stringify(value, null, 1)),
    );
    const costFile = fc.oneof(
      fc.string(),
      fc.dictionary(fc.string({ maxLength: 6 }), fc.record({ title: fc.string(), region: fc.string(), items: fc.array(fc.dictionary(fc.constantFrom("item", "fact", "quantity", "basis"), fc.jsonValue())) }))
        .map((costs) => JSON.stringify({ costs })),
    );
    await fc.assert(
      fc.asyncProperty(factFile, costFile, async (facts, costs) => {
        await writeTree(skillDir, { "SKILL.md": "# Skill\n\n$0.20 and 10 MB.\n", "data/x.json": facts, "data/costs/x.json": costs });
        await expect(loadFactData(skillDir, TEST_TODAY)).resolves.toBeDefined();
        const result = await lintSkill({ skillDir, rules: FACT_RULES, today: TEST_TODAY, cacheDir: false });
        expectOnlyMessages(result.files);
      }),
      { numRuns: 40 },
    );
  });

  it("random markdown around markers gives messages, and --fix twice changes nothing the second time", async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (text) => {
        await writeTree(skillDir, { "SKILL.md": text, ...DATA });
        const first = await lintSkill({ skillDir, rules: FACT_RULES, fix: true, today: TEST_TODAY, cacheDir: false });
        expectOnlyMessages(first.files);
        const afterFirst = await readFile(path.join(skillDir, "SKILL.md"), "utf8");
        expect(first.files.flatMap((file) => file.messages.filter((m) => m.reason.includes("run `skill-lint --fix`")).map((m) => m.reason))).toEqual([]);
        const second = await lintSkill({ skillDir, rules: FACT_RULES, fix: true, today: TEST_TODAY, cacheDir: false });
        expect(second.fixed).toEqual([]);
        expect(await readFile(path.join(skillDir, "SKILL.md"), "utf8")).toBe(afterFirst);
      }),
      { numRuns: 60 },
    );
  });
});
