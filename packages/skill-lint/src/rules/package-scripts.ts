/**
 * Checks that a `pnpm <script>`, `pnpm run <script>`, `npm run <script>` or `npm test` command in a
 * markdown file beside a shipped `package.json` (an example's README) names a script that
 * `package.json` has as the bundle ships it. In the repository, scripts that call a workspace tool
 * (`"check": "iac-check ."`) are dropped from the bundled copy (`rewritePackageJsonForBundle` in
 * @aws-patterns/bundle-layout, the bundler's own rewrite), so a README that says "run `pnpm check`"
 * tells the installed skill's reader to run a script that is not there. Commands with `--filter`
 * or `-C` run elsewhere and are not checked; neither are pnpm's and npm's own commands.
 *
 * @example
 *   {"name": "ok", "file": "examples/cdk/api/README.md", "files": {"examples/cdk/api/package.json": "{\"scripts\": {\"test\": \"vitest run\", \"synth\": \"cdk synth\"}}\n"}}
 *
 *   ````markdown
 *   # API
 *
 *   `pnpm test` runs the assertions; `npm test` too.
 *
 *   ```sh
 *   pnpm install && pnpm run synth
 *   pnpm --filter @aws-patterns/example-cdk-api check   # in the repository
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "file": "examples/cdk/api/README.md", "label": "input", "files": {"examples/cdk/api/package.json": "{\"scripts\": {\"test\": \"vitest run\"}}\n"}}
 *
 *   ````markdown
 *   # API
 *
 *   `pnpm check` runs the checks.
 *
 *   ```sh
 *   npm run deploy
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   3:2: `pnpm check`: examples/cdk/api/package.json has no script `check` in the bundle (its scripts: test); say which command to run instead
 *   6:1: `npm run deploy`: examples/cdk/api/package.json has no script `deploy` in the bundle (its scripts: test); say which command to run instead
 *   ```
 */
import path from "node:path";
import { lintRule } from "unified-lint-rule";
import { visit } from "unist-util-visit";
import type { Root } from "mdast";
import { readWorkspaceBins, rewritePackageJsonForBundle } from "@aws-patterns/bundle-layout";
import { fileData, type LintContext } from "../context.js";
import { placeInBlock } from "../snippets/place.js";

/** pnpm's and npm's own commands: never a package script. */
const BUILT_IN = new Set(
  "add audit bin cache ci config create dedupe deploy dlx env exec fetch help i import init install link list ls outdated pack patch prune publish rebuild remove rm root self-update server setup store uninstall unlink update up view why".split(" "),
);

/** `pnpm x`, `pnpm run x`, `npm run x`, `npm test`, `npm start`: the script name is the last group. */
const COMMAND = /(?<![\w./-])(pnpm(?: run)?|npm run|npm(?= (?:test|start)\b)) ([a-z][\w:.-]*)/g;

/** The scripts of the nearest shipped package.json at or above the markdown file, as the bundle ships it. */
async function shippedScripts(context: LintContext, bundlePath: string): Promise<{ manifest: string; scripts: string[] } | undefined> {
  for (let dir = path.posix.dirname(bundlePath); dir !== "." && dir !== ""; dir = path.posix.dirname(dir)) {
    const manifest = `${dir}/package.json`;
    if (!context.bundleFiles.has(manifest)) continue;
    const text = await context.readBundleText(manifest);
    if (text === undefined) return undefined;
    try {
      const shipped = context.layout.mode === "repo" ? rewritePackageJsonForBundle(text, readWorkspaceBins(context.layout.root)) : text;
      return { manifest, scripts: Object.keys((JSON.parse(shipped) as { scripts?: Record<string, string> }).scripts ?? {}) };
    } catch {
      return undefined; // Not JSON: the example's own checks report it.
    }
  }
  return undefined;
}

const remarkLintPackageScripts = lintRule<Root, LintContext>(
  "skill-lint:package-scripts",
  async (tree, file, context) => {
    const found = await shippedScripts(context, fileData(file).bundlePath);
    if (!found) return;
    const check = (text: string, place: (index: number) => { line: number; column: number }) => {
      for (const match of text.matchAll(COMMAND)) {
        const script = match[2]!;
        // `run` always names a script; without it pnpm's own commands come first (`pnpm deploy`).
        if ((!match[1]!.endsWith(" run") && BUILT_IN.has(script)) || found.scripts.includes(script)) continue;
        file.message(
          `\`${match[0]}\`: ${found.manifest} has no script \`${script}\` in the bundle (its scripts: ${found.scripts.join(", ") || "none"}); say which command to run instead`,
          { place: place(match.index) },
        );
      }
    };
    visit(tree, "inlineCode", (node) => {
      const start = node.position?.start ?? { line: 1, column: 1 };
      check(node.value, (index) => ({ line: start.line, column: start.column + 1 + index }));
    });
    visit(tree, "code", (node) => {
      node.value.split("\n").forEach((line, lineIndex) => check(line, (index) => placeInBlock(node, lineIndex + 1, index + 1)));
    });
  },
);

export default remarkLintPackageScripts;
