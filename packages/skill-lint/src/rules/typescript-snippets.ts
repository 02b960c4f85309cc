/**
 * Type-checks TypeScript blocks that are not embedded from an example file, against the
 * workspace's aws-cdk-lib (strict mode, NodeNext modules). All blocks of a run share one
 * ts.Program, so aws-cdk-lib's declarations load once.
 *
 * @example
 *   {"name": "ok", "file": "references/cdk.md"}
 *
 *   ````markdown
 *   # CDK
 *
 *   ```ts
 *   import { Duration } from "aws-cdk-lib/core";
 *   import { Queue } from "aws-cdk-lib/aws-sqs";
 *   import type { Construct } from "constructs";
 *
 *   export function queue(scope: Construct) {
 *     return new Queue(scope, "Jobs", { visibilityTimeout: Duration.seconds(30) });
 *   }
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "file": "references/cdk.md", "label": "input"}
 *
 *   ````markdown
 *   # CDK
 *
 *   ```typescript
 *   import { Queue } from "aws-cdk-lib/aws-sqs";
 *   import type { Construct } from "constructs";
 *
 *   export function queue(scope: Construct) {
 *     return new Queue(scope, "Jobs", { visibilityTimeout: 30 });
 *   }
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   8:37: TS2322: Type 'number' is not assignable to type 'Duration'.
 *   ```
 */
import { lintRule } from "unified-lint-rule";
import { visit } from "unist-util-visit";
import type { Code, Root } from "mdast";
import type { LintContext } from "../context.js";
import { embeddedBlocks, snippetLanguage } from "../markdown.js";
import { placeInBlock } from "../snippets/place.js";

/** The TypeScript blocks of a tree that the rule checks (lint.ts registers them up front). */
export function typescriptBlocks(tree: Root): Code[] {
  const embedded = embeddedBlocks(tree);
  const blocks: Code[] = [];
  visit(tree, "code", (node) => {
    if (snippetLanguage(node.lang) === "typescript" && !embedded.has(node)) blocks.push(node);
  });
  return blocks;
}

const remarkLintTypescriptSnippets = lintRule<Root, LintContext>(
  "skill-lint:typescript-snippets",
  async (tree, file, context) => {
    const blocks = typescriptBlocks(tree);
    // Register every block first: the program is built on the first diagnostics() call.
    const keys = blocks.map((block) => context.typescript.keyOf(block) ?? context.typescript.add(block.value, block));
    for (const [index, block] of blocks.entries()) {
      for (const diagnostic of await context.typescript.diagnostics(keys[index]!)) {
        file.message(diagnostic.message, { place: placeInBlock(block, diagnostic.line, diagnostic.column) });
      }
    }
  },
);

export default remarkLintTypescriptSnippets;
