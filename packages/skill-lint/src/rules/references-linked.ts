/**
 * Checks, on SKILL.md, that every file in `references/` is linked directly from SKILL.md.
 * Agents read references one level deep; a file reached only through another reference may
 * be read partially or not at all, and a file nothing links to is dead weight in the bundle.
 *
 * @example
 *   {"name": "ok", "file": "SKILL.md", "files": {"references/a.md": "# A\n", "references/b.md": "# B\n"}}
 *
 *   ```markdown
 *   # Skill
 *
 *   - [A](references/a.md)
 *   - [B](references/b.md#b)
 *   ```
 *
 * @example
 *   {"name": "not-ok", "file": "SKILL.md", "label": "input", "files": {"references/a.md": "# A\n\nSee [B](b.md).\n", "references/b.md": "# B\n", "references/orphan.md": "# O\n"}}
 *
 *   ```markdown
 *   # Skill
 *
 *   - [A](references/a.md)
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   1:1: `references/b.md` is not linked from SKILL.md (only from other references); link it from SKILL.md
 *   1:1: `references/orphan.md` is not linked from SKILL.md; link it from SKILL.md or delete it
 *   ```
 */
import path from "node:path";
import { lintRule } from "unified-lint-rule";
import type { Root } from "mdast";
import { fileData, type LintContext } from "../context.js";
import { hasScheme, splitUrl, urlNodes } from "../link-targets.js";

/** Bundle paths a file links to (relative links only, fragments dropped). */
export function linkedBundlePaths(tree: Root, fromBundlePath: string): Set<string> {
  const linked = new Set<string>();
  for (const node of urlNodes(tree)) {
    if (hasScheme(node.url) || node.url.startsWith("#") || node.url.includes("\\")) continue;
    const { path: linkPath } = splitUrl(node.url);
    if (linkPath === "" || linkPath.startsWith("/")) continue;
    linked.add(path.posix.normalize(path.posix.join(path.posix.dirname(fromBundlePath), linkPath)).replace(/\/$/, ""));
  }
  return linked;
}

const remarkLintReferencesLinked = lintRule<Root, LintContext>(
  "skill-lint:references-linked",
  (tree, file, context) => {
    if (fileData(file).bundlePath !== "SKILL.md") return;
    const fromSkill = linkedBundlePaths(tree, "SKILL.md");
    const fromReferences = new Set<string>();
    for (const [bundlePath, parsed] of context.markdown) {
      if (!bundlePath.startsWith("references/")) continue;
      for (const target of linkedBundlePaths(parsed.tree, bundlePath)) fromReferences.add(target);
    }
    for (const bundlePath of context.bundleFiles.keys()) {
      if (!bundlePath.startsWith("references/") || fromSkill.has(bundlePath)) continue;
      file.message(
        fromReferences.has(bundlePath)
          ? `\`${bundlePath}\` is not linked from SKILL.md (only from other references); link it from SKILL.md`
          : `\`${bundlePath}\` is not linked from SKILL.md; link it from SKILL.md or delete it`,
        { place: { line: 1, column: 1 } },
      );
    }
  },
);

export default remarkLintReferencesLinked;
