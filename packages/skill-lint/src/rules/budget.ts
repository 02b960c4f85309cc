/**
 * Keeps each markdown file within its line and token budget from `skill-lint.config.json`:
 * SKILL.md's body (after the frontmatter) against `budgets.skillBody`, each reference against
 * `budgets.references[<bundle path>]` or `budgets.referenceDefault`, and every other markdown file
 * the bundle ships (example and script READMEs) against `budgets.docs[<bundle path>]` or
 * `budgets.docDefault`. Tokens are counted with
 * the o200k_base BPE encoding (gpt-tokenizer), an approximation of the model's own count.
 * The counts are kept on the file for the report.
 *
 * @example
 *   {"name": "ok", "file": "references/short.md", "config": {"budgets": {"referenceDefault": {"lines": 3, "tokens": 20}}}}
 *
 *   ```markdown
 *   # Short
 *
 *   Fits.
 *   ```
 *
 * @example
 *   {"name": "not-ok", "file": "references/long.md", "label": "input", "config": {"budgets": {"referenceDefault": {"lines": 3, "tokens": 8}}}}
 *
 *   ```markdown
 *   # Long
 *
 *   One line too many, and far too many tokens for a budget of eight.
 *
 *   Another.
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   1:1: references/long.md has 21 tokens; its budget is 8: split it or move detail elsewhere
 *   4:1: references/long.md has 5 lines; its budget is 3: split it or move detail elsewhere
 *   ```
 *
 * @example
 *   {"name": "skill-body", "file": "SKILL.md", "label": "input", "config": {"budgets": {"skillBody": {"lines": 1, "tokens": 100}}}}
 *
 *   ```markdown
 *   ---
 *   name: aws-patterns
 *   description: Only the body counts. Use when testing.
 *   ---
 *   # Body
 *
 *   Second body line.
 *   ```
 *
 * @example
 *   {"name": "skill-body", "label": "output"}
 *
 *   ```text
 *   6:1: SKILL.md body has 3 lines; its budget is 1: move detail into a reference
 *   ```
 *
 * @example
 *   {"name": "doc", "file": "examples/cdk/api/README.md", "label": "input", "config": {"budgets": {"docDefault": {"lines": 100, "tokens": 100}, "docs": {"examples/cdk/api/README.md": {"lines": 2, "tokens": 100}}}}}
 *
 *   ```markdown
 *   # API example
 *
 *   Deploy it with `cdk deploy`.
 *   ```
 *
 * @example
 *   {"name": "doc", "label": "output"}
 *
 *   ```text
 *   3:1: examples/cdk/api/README.md has 3 lines; its budget is 2: split it or move detail elsewhere
 *   ```
 */
import { lintRule } from "unified-lint-rule";
import type { Root } from "mdast";
import { budgetFor } from "../config.js";
import { fileData, type LintContext } from "../context.js";
import { bodyAfterFrontmatter, countLines } from "../markdown.js";

const remarkLintBudget = lintRule<Root, LintContext>(
  "skill-lint:budget",
  async (tree, file, context) => {
    const { bundlePath } = fileData(file);
    const isSkill = bundlePath === "SKILL.md";
    const text = String(file.value);
    const { body, firstLine } = isSkill ? bodyAfterFrontmatter(tree, text) : { body: text, firstLine: 1 };
    const lines = countLines(body);
    const tokens = await context.tokens.count(body);
    const budget = budgetFor(context.config, bundlePath);
    fileData(file).stats = { lines, tokens, budgetLines: budget.lines, budgetTokens: budget.tokens };
    const what = isSkill ? "SKILL.md body" : bundlePath;
    const advice = isSkill ? "move detail into a reference" : "split it or move detail elsewhere";
    if (lines > budget.lines) {
      file.message(`${what} has ${lines} lines; its budget is ${budget.lines}: ${advice}`, {
        place: { line: firstLine + budget.lines, column: 1 },
      });
    }
    if (tokens > budget.tokens) {
      file.message(`${what} has ${tokens} tokens; its budget is ${budget.tokens}: ${advice}`, {
        place: { line: firstLine, column: 1 },
      });
    }
  },
);

export default remarkLintBudget;
