import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { checkWalkthrough, headingSlugs, readTable, writeCounts } from "../src/skill-walkthrough-lib.js";
import { tempDir } from "./temp-dir.js";

const SKILL = "---\nname: demo\n---\n\n# Demo\n\n## Compute\n\nLambda first.\n";
const REFERENCE = "# Compute services\n\n## Decide\n\nTable here.\n\n```md\n## Not a heading\n```\n";

function skillFolder(): string {
  const dir = tempDir("walkthrough-");
  mkdirSync(join(dir, "references"));
  writeFileSync(join(dir, "SKILL.md"), SKILL);
  writeFileSync(join(dir, "references", "compute.md"), REFERENCE);
  return dir;
}

function readme(rows: string[]): string {
  return [
    "# Skill",
    "",
    "<!-- walkthrough:start -->",
    "| Question | Where the answer is | Cost and example | Tokens read |",
    "| --- | --- | --- | --- |",
    ...rows,
    "<!-- walkthrough:end -->",
    "",
  ].join("\n");
}

const both = countTokens(SKILL) + countTokens(REFERENCE);

describe("skill walk-through", () => {
  it("accepts rows whose paths exist and whose counts are current", async () => {
    const text = readme([
      `| Which compute? | [SKILL.md § Compute](SKILL.md#compute) → [compute](references/compute.md#decide) | none | ${both.toLocaleString("en-US")} |`,
      `| Just the router | [SKILL.md](SKILL.md) | none | ${countTokens(SKILL)} |`,
    ]);
    const { problems } = await checkWalkthrough(skillFolder(), text);
    expect(problems).toEqual([]);
  });

  it("reports a missing file, a missing heading, a path not starting at SKILL.md and a stale count", async () => {
    const text = readme([
      `| Gone | [SKILL.md](SKILL.md#compute) → [x](references/missing.md) | none | 1,000 |`,
      `| Bad anchor | [SKILL.md](SKILL.md#storage) → [compute](references/compute.md#not-a-heading) | none | ${both} |`,
      `| No start | [compute](references/compute.md#decide) | none | ${both} |`,
    ]);
    const { problems } = await checkWalkthrough(skillFolder(), text);
    expect(problems).toEqual([
      { line: 6, message: "`references/missing.md` is not in the skill folder" },
      { line: 6, message: `says 1,000 tokens, the files weigh ${countTokens(SKILL).toLocaleString("en-US")} (run with --write)` },
      { line: 7, message: "`SKILL.md` has no heading `#storage`" },
      { line: 7, message: "`references/compute.md` has no heading `#not-a-heading`" },
      { line: 8, message: "start the answer's path at SKILL.md (the agent reads it first): link `SKILL.md#section`" },
    ]);
  });

  it("accepts a count within 2% (at least 50 tokens) of the files' weight, and no further", async () => {
    const dir = skillFolder();
    const row = (tokens: number) => readme([`| Which compute? | [SKILL.md](SKILL.md#compute) → [c](references/compute.md) | none | ${tokens} |`]);
    expect((await checkWalkthrough(dir, row(both + 50))).problems).toEqual([]);
    expect((await checkWalkthrough(dir, row(both + 51))).problems).toHaveLength(1);
  });

  it("writes the counts so that a second check passes", async () => {
    const dir = skillFolder();
    const text = readme([`| Which compute? | [SKILL.md](SKILL.md#compute) → [c](references/compute.md) | none | ? |`]);
    const first = await checkWalkthrough(dir, text);
    expect(first.problems.map((problem) => problem.message)).toEqual([
      `the Tokens read cell must be a number; it is ${both.toLocaleString("en-US")} (run with --write)`,
    ]);
    const written = writeCounts(text, first.counts);
    expect((await checkWalkthrough(dir, written)).problems).toEqual([]);
  });

  it("says what is missing when the markers or the header are not there", () => {
    expect(readTable("# nothing\n").problems[0]!.message).toContain("no table between");
    const wrongHeader = "<!-- walkthrough:start -->\n| Q | A |\n| --- | --- |\n<!-- walkthrough:end -->\n";
    expect(readTable(wrongHeader).problems[0]!.message).toContain("the table's header must be");
  });

  it("ignores headings inside fenced code and numbers duplicates as GitHub does", () => {
    expect([...headingSlugs("# A\n\n```\n# B\n```\n\n## A\n")]).toEqual(["a", "a-1"]);
  });
});
