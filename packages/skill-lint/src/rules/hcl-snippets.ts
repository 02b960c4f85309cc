/**
 * Parses HCL (`hcl`, `terraform`, `tf`) blocks that are not embedded from an example file with
 * HashiCorp's HCL parser (via @cdktn/hcl2json), so a snippet in the docs at least parses.
 *
 * @example
 *   {"name": "ok", "file": "references/tf.md"}
 *
 *   ````markdown
 *   # Terraform
 *
 *   ```hcl
 *   resource "aws_sqs_queue" "jobs" {
 *     visibility_timeout_seconds = 30
 *   }
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "file": "references/tf.md", "label": "input"}
 *
 *   ````markdown
 *   # Terraform
 *
 *   ```terraform
 *   resource "aws_sqs_queue" "jobs" {
 *     visibility_timeout_seconds =
 *   }
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   5:31: HCL does not parse: Invalid expression; Expected the start of an expression, but found an invalid expression token.
 *   ```
 */
import { lintRule } from "unified-lint-rule";
import { visit } from "unist-util-visit";
import type { Code, Root } from "mdast";
import type { LintContext } from "../context.js";
import { embeddedBlocks, snippetLanguage } from "../markdown.js";
import { checkHcl } from "../snippets/hcl.js";
import { placeInBlock } from "../snippets/place.js";

const remarkLintHclSnippets = lintRule<Root, LintContext>(
  "skill-lint:hcl-snippets",
  async (tree, file) => {
    const embedded = embeddedBlocks(tree);
    const blocks: Code[] = [];
    visit(tree, "code", (node) => {
      if (snippetLanguage(node.lang) === "hcl" && !embedded.has(node)) blocks.push(node);
    });
    for (const block of blocks) {
      for (const problem of await checkHcl(block.value)) {
        file.message(`HCL does not parse: ${problem.message}`, { place: placeInBlock(block, problem.line, problem.column) });
      }
    }
  },
);

export default remarkLintHclSnippets;
