/** Random and mangled markdown and frontmatter: every problem is a message, no exception escapes. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintSkill } from "../src/lint.js";
import { tempSkill, writeTree } from "./harness.js";

const fragments = fc.constantFrom(
  "# Title", "## Section", "### Deep", "- item", "1. one", "> quote", "| a | b |\n| - | - |\n| 1 | 2 |",
  "[link](references/a.md#x)", "[abs](/etc/passwd)", "[up](../../x)", "[bs](a\\b.md)", "[ext](http://x)", "[ok](https://docs.aws.amazon.com/)",
  "![img](img.png)", "[ref][missing]", "<!-- embed: examples/x.ts#r -->", "<!-- embed: -->", "<!-- embed: ../../etc/passwd -->",
  "```yaml\nkey: !Ref X\n  bad: [\n```", "```json\n{\"a\":\n```", "```hcl\nresource \"x\" {\n```", "```\nno lang\n```",
  "~~~ts\nconst x: number = 'a';\n~~~", "<!-- lint disable -->", "<!--lint enable no-such-rule-->", "<!-- lint ignore -->",
  "<!--lint disable heading-increment-->", "[^1]", "[^1]: note", "- [ ] task", "~~strike~~", "www.example.com", "\r\n", "\ufeff", "\u0000", "---", "***", "<div>", "`code`", "\\", "%E0%A4%A", "[a](%zz)",
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
const markdown = fc.tuple(frontmatter, fc.array(fc.oneof(fragments, fc.string(), fc.string({ unit: "binary" })), { maxLength: 12 }), fc.boolean())
  .map(([head, parts, crlf]) => {
    const text = head + parts.join("\n");
    return crlf ? text.replace(/\n/g, "\r\n") : text;
  });

async function lintsWithoutException(skill: string, reference: string, rules?: string[]): Promise<void> {
  const { skillDir, cleanup } = await tempSkill();
  try {
    await writeTree(skillDir, { "SKILL.md": skill, "references/a.md": reference, "examples/x.ts": "// #region r\nx\n" });
    const result = await lintSkill({ skillDir, ...(rules ? { rules } : {}) });
    for (const file of result.files) {
      for (const message of file.messages) {
        // A rule that throws ends up as a message caused by the exception: that is a bug.
        // (remark-lint's own "defined here" causes are messages, which have a `reason`.)
        const cause = message.cause as { reason?: unknown } | undefined;
        expect(cause === undefined || typeof cause.reason === "string", `${message.ruleId}: ${message.reason}`).toBe(true);
        expect(message.ruleId).toBeTruthy();
      }
    }
  } finally {
    await cleanup();
  }
}

describe("fuzz", () => {
  it("all rules but TypeScript survive random markdown", async () => {
    const rules = ["file-format", "frontmatter", "budget", "relative-links", "external-links", "references-linked", "reference-toc", "embedded-code", "hcl-snippets", "data-snippets", "style"];
    await fc.assert(fc.asyncProperty(markdown, markdown, (skill, reference) => lintsWithoutException(skill, reference, rules)), { numRuns: 150 });
  });

  it("the TypeScript checker survives random code blocks", async () => {
    const tsBlock = fc.string().map((code) => `# T\n\n\`\`\`ts\n${code}\n\`\`\`\n`);
    await fc.assert(fc.asyncProperty(tsBlock, (skill) => lintsWithoutException(skill, "# A\n", ["typescript-snippets"])), { numRuns: 5 });
  });
});
