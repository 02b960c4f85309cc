/**
 * Checks that every `scripts/…` path in inline code or a code block names a file or folder the
 * bundle ships. Commands such as `node scripts/bin/cost-estimate.mjs` are not links, so
 * `relative-links` never sees them; a command naming a script that was never built, or a path the
 * bundle leaves out (`scripts/src/…`, `scripts/package.json`), fails for every reader of the
 * installed skill. Paths are read from the skill's root, where its commands run.
 *
 * @example
 *   {"name": "ok", "file": "SKILL.md", "files": {"scripts/bin/cost.mjs": "\n", "scripts/iam/policy.json": "{}\n"}}
 *
 *   ````markdown
 *   # Skill
 *
 *   Run `node scripts/bin/cost.mjs --help`; attach `scripts/iam/policy.json`.
 *
 *   ```sh
 *   node scripts/bin/cost.mjs plan.json   # the built files are in scripts/bin/
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "file": "SKILL.md", "label": "input", "files": {"scripts/bin/cost.mjs": "\n"}}
 *
 *   ````markdown
 *   # Skill
 *
 *   Run `node scripts/bin/audit.mjs`.
 *
 *   ```sh
 *   node scripts/bin/cost.mjs && npx tsx scripts/src/cost/cli.ts
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   3:11: `scripts/bin/audit.mjs` is not in the bundle: name a file the skill ships (scripts/bin/ is built by `pnpm --filter @aws-patterns/scripts build`)
 *   6:38: `scripts/src/cost/cli.ts` is not in the bundle: name a file the skill ships (scripts/bin/ is built by `pnpm --filter @aws-patterns/scripts build`)
 *   ```
 */
import { lintRule } from "unified-lint-rule";
import { visit } from "unist-util-visit";
import type { Root } from "mdast";
import type { LintContext } from "../context.js";
import { placeInBlock } from "../snippets/place.js";

/** A `scripts/` path standing on its own (not the tail of `../scripts/` or `my-scripts/`). */
const SCRIPT_PATH = /(?<![\w./-])scripts\/[\w./-]*/g;

function shipped(context: LintContext, found: string): boolean {
  const bundlePath = found.replace(/[.,;:]+$/, "").replace(/\/$/, "");
  return context.bundleFiles.has(bundlePath) || context.bundleFolders.has(bundlePath);
}

const remarkLintScriptPaths = lintRule<Root, LintContext>(
  "skill-lint:script-paths",
  (tree, file, context) => {
    const report = (found: string, place: { line: number; column: number }) =>
      file.message(
        `\`${found.replace(/[.,;:]+$/, "")}\` is not in the bundle: name a file the skill ships (scripts/bin/ is built by \`pnpm --filter @aws-patterns/scripts build\`)`,
        { place },
      );
    visit(tree, "inlineCode", (node) => {
      const start = node.position?.start ?? { line: 1, column: 1 };
      for (const match of node.value.matchAll(SCRIPT_PATH)) {
        // +1 for the opening backtick.
        if (!shipped(context, match[0])) report(match[0], { line: start.line, column: start.column + 1 + match.index });
      }
    });
    visit(tree, "code", (node) => {
      node.value.split("\n").forEach((line, index) => {
        for (const match of line.matchAll(SCRIPT_PATH)) {
          if (!shipped(context, match[0])) report(match[0], placeInBlock(node, index + 1, match.index + 1));
        }
      });
    });
  },
);

export default remarkLintScriptPaths;
