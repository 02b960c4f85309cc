/** Random and mangled markdown and frontmatter: every problem is a message, no exception escapes. */
import fc from "fast-check";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lintSkill } from "../src/lint.js";
import { binaryUnit } from "./binary-unit.js";
import { tempSkill, writeTree } from "./harness.js";

const fragments = fc.constantFrom(
  "# Title", "## Section", "### Deep", "- item", "1. one", "> quote", "| a | b |\n| - | - |\n| 1 | 2 |",
  "[link](references/a.md#x)", "[abs](/etc/passwd)", "[up](../../x)", "[bs](a\\b.md)", "[ext](http://x)", "[ok](https://docs.aws.amazon.com/)",
  "![img](img.png)", "[ref][missing]", "<!-- embed: examples/x.ts#r -->", "<!-- embed: -->", "<!-- embed: ../../etc/passwd -->",
  "```yaml\nkey: !Ref X\n  bad: [\n```", "```json\n{\"a\":\n```", "```hcl\nresource \"x\" {\n```", "```\nno lang\n```",
  "~~~ts\nconst x: number = 'a';\n~~~", "<!-- lint disable -->", "<!--lint enable no-such-rule-->", "<!-- lint ignore -->",
  "<!--lint disable heading-increment-->", "[^1]", "[^1]: note", "- [ ] task", "~~strike~~", "www.example.com", "\r\n", "\ufeff", "\u0000", "---", "***", "<div>", "`code`", "\\", "%E0%A4%A", "[a](%zz)",
  '<a href="references/a.md#x">a</a>', "<img src=assets/x.png>", '<a id="x"></a>', "<a href='#%zz'>", '<a href="', "<p>\n<a name=y href=#y>\n</p>",
  "<!-- embed examples/x.ts -->", "<!-- embed: ./examples/x.ts#r -->", "## Use <kbd>Ctrl</kbd> keys", "[b](#%C3%BCberblick)",
);
const frontmatter = fc.oneof(
  fc.constant(""),
  fc.string().map((text) => `---\n${text}\n---\n`),
  fc.record({ name: fc.string(), description: fc.string(), extra: fc.option(fc.string()) }).map(
    (fields) => `---\nname: ${fields.name}\ndescription: ${fields.description}\n${fields.extra === null ? "" : `x: ${fields.extra}\n`}---\n`,
  ),
  fc.constant("---\nname: aws-patterns\nmetadata: [1, 2]\n---\n"),
  fc.constant("---\n: : :\n\t- x\n---\n"),
);
const markdown = fc.tuple(frontmatter, fc.array(fc.oneof(fragments, fc.string(), fc.string({ unit: binaryUnit })), { maxLength: 12 }), fc.boolean())
  .map(([head, parts, crlf]) => {
    const text = head + parts.join("\n");
    return crlf ? text.replace(/\n/g, "\r\n") : text;
  });

/**
 * One skill folder per property, not per run: every run of a property writes the same set of
 * files afresh, so its runs stay independent without a folder made and removed each time.
 */
let skillDir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ skillDir, cleanup } = await tempSkill()));
afterEach(() => cleanup());

async function lintsWithoutException(skill: string, reference: string, rules?: string[]): Promise<void> {
  await writeTree(skillDir, { "SKILL.md": skill, "references/a.md": reference, "examples/x.ts": "// #region r\nx\n" });
  // No disk cache: every run checks for real, and random text does not evict the real entries.
  const result = await lintSkill({ skillDir, cacheDir: false, ...(rules ? { rules } : {}) });
  for (const file of result.files) {
    for (const message of file.messages) {
      // A rule that throws ends up as a message caused by the exception: that is a bug.
      // (remark-lint's own "defined here" causes are messages, which have a `reason`.)
      const cause = message.cause as { reason?: unknown } | undefined;
      expect(cause === undefined || typeof cause.reason === "string", `${message.ruleId}: ${message.reason}`).toBe(true);
      expect(message.ruleId).toBeTruthy();
    }
  }
}

/** Lines an embedded source may hold: fences of every length and character, and other text. */
const sourceLine = fc.oneof(
  fc.constantFrom("```", "````md", "~~~", "~~~~~ yaml", "``", "`x`", "a ``` b", "    ```", "\t```ts", "", "  ", "- item", "# title"),
  fc.tuple(fc.constantFrom("`", "~"), fc.integer({ min: 1, max: 8 }), fc.string({ maxLength: 6 })).map(([char, n, info]) => char.repeat(n) + info),
  fc.string({ maxLength: 20 }),
).map((line) => line.replace(/[\r\n]/g, ""));
const embedCase = fc.record({
  source: fc.array(sourceLine, { maxLength: 10 }).map((lines) => `${lines.join("\n")}\n`),
  oldContent: fc.array(sourceLine, { maxLength: 4 }).map((lines) => lines.join("\n")),
  fence: fc.constantFrom("```", "````", "~~~", "~~~~~~"),
  indent: fc.constantFrom("", "  "),
});

/** `--fix` twice: the second run changes nothing and the embedded block lints clean. */
async function fixIsIdempotent({ source, oldContent, fence, indent }: { source: string; oldContent: string; fence: string; indent: string }): Promise<void> {
  const block = [`<!-- embed: examples/demo.md -->`, "", `${fence}markdown`, ...oldContent.split("\n"), fence].map((line) => (line ? indent + line : line));
  const lead = indent ? "- item\n\n" : "";
  await writeTree(skillDir, { "SKILL.md": `# Skill\n\n${lead}${block.join("\n")}\n\nAfter.\n`, "examples/demo.md": source });
  const first = await lintSkill({ skillDir, fix: true, rules: ["embedded-code"], cacheDir: false });
  const afterFirst = await readFile(path.join(skillDir, "SKILL.md"), "utf8");
  expect(first.files.flatMap((file) => file.messages.map((message) => message.reason))).toEqual([]);
  const second = await lintSkill({ skillDir, fix: true, rules: ["embedded-code"], cacheDir: false });
  expect(second.fixed).toEqual([]);
  expect(await readFile(path.join(skillDir, "SKILL.md"), "utf8")).toBe(afterFirst);
  expect(afterFirst.endsWith("\n\nAfter.\n")).toBe(true);
}

describe("fuzz", () => {
  it("--fix is idempotent and lints clean, whatever fences the embedded source holds", async () => {
    await fc.assert(fc.asyncProperty(embedCase, fixIsIdempotent), { numRuns: 150 });
  });

  it("all rules but TypeScript survive random markdown", async () => {
    const rules = ["file-format", "frontmatter", "budget", "relative-links", "external-links", "references-linked", "reference-toc", "embedded-code", "hcl-snippets", "data-snippets", "style"];
    await fc.assert(fc.asyncProperty(markdown, markdown, (skill, reference) => lintsWithoutException(skill, reference, rules)), { numRuns: 150 });
  });

  // Five random blocks in one file, as a skill holds them: the linter checks all blocks of a run
  // in one ts.Program, so one run costs one program (its lib parse is most of a second) instead of five.
  it("the TypeScript checker survives random code blocks", async () => {
    const tsBlocks = fc.array(fc.string(), { minLength: 5, maxLength: 5 }).map((codes) => `# T\n\n${codes.map((code) => `\`\`\`ts\n${code}\n\`\`\`\n`).join("\n")}`);
    await fc.assert(fc.asyncProperty(tsBlocks, (skill) => lintsWithoutException(skill, "# A\n", ["typescript-snippets"])), { numRuns: 1 });
  });
});
