/**
 * Checks every relative link and image (markdown, or HTML `href`/`src`) the way the bundle will see it: the target is a file or
 * folder the bundle ships (bundle paths map to repository paths through `@aws-patterns/bundle-layout`), the
 * link stays inside the bundle, uses forward slashes and no absolute path, and a `#fragment`
 * matches an anchor of the target markdown file as GitHub renders it (see anchors.ts).
 *
 * remark-validate-links resolves links against the repository's own folders and cannot map
 * `examples/…` in `skill/SKILL.md` to the repository's `examples/` folder, so this rule does the
 * bundle-aware resolution itself and reuses github-slugger for the anchors.
 *
 * @example
 *   {"name": "ok", "file": "SKILL.md", "files": {"references/guide.md": "# Guide\n\n## Pick a database\n"}}
 *
 *   ```markdown
 *   # Skill
 *
 *   See [the guide](references/guide.md#pick-a-database) and [below](#skill).
 *   ```
 *
 * @example
 *   {"name": "not-ok", "file": "SKILL.md", "label": "input", "files": {"references/guide.md": "# Guide\n"}}
 *
 *   ```markdown
 *   # Skill
 *
 *   [a](references/missing.md), [b](references/guide.md#nope), [c](../outside.md),
 *   [d](/etc/passwd), [e](references\guide.md), [f](#no-such-heading)
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   3:1-3:27: Link to missing file `references/missing.md`
 *   3:29-3:58: No heading `#nope` in `references/guide.md`
 *   3:60-3:78: Link `../outside.md` leaves the bundle; link only to files inside the skill
 *   4:1-4:17: Absolute path `/etc/passwd`; use a path relative to this file
 *   4:19-4:43: Link `references\guide.md` uses backslashes; use forward slashes
 *   4:45-4:66: No heading `#no-such-heading` in this file
 *   ```
 *
 * @example
 *   {"name": "example-readme", "file": "examples/terraform/api/README.md", "label": "input", "files": {"references/security.md": "# Security\n", "examples/terraform/api/main.tf": "\n"}}
 *
 *   ```markdown
 *   # API
 *
 *   [rules](../../../packages/iac-check/TERRAFORM.md), [security](../../../references/security.md),
 *   [main](main.tf), [repo path](../../../skill/references/security.md)
 *   ```
 *
 * @example
 *   {"name": "example-readme", "label": "output"}
 *
 *   ```text
 *   3:1-3:50: Link to `packages/iac-check/TERRAFORM.md`, which is not in the bundle (see @aws-patterns/bundle-layout for what ships)
 *   4:18-4:68: Link to `skill/references/security.md`, which is not in the bundle (see @aws-patterns/bundle-layout for what ships)
 *   ```
 *
 * @example
 *   {"name": "root-relative", "file": "references/guide.md", "label": "input", "files": {"references/other.md": "# Other\n"}}
 *
 *   ```markdown
 *   # Guide
 *
 *   See [other](references/other.md) and [skill](SKILL.md).
 *   ```
 *
 * @example
 *   {"name": "root-relative", "label": "output"}
 *
 *   ```text
 *   3:5-3:33: Link `references/other.md` resolves to `references/references/other.md`, which does not exist; links are relative to this file: write `other.md`
 *   3:38-3:55: Link `SKILL.md` resolves to `references/SKILL.md`, which does not exist; links are relative to this file: write `../SKILL.md`
 *   ```
 *
 * @example
 *   {"name": "github-anchors", "file": "SKILL.md", "files": {"references/guide.md": "# Guide\n\n<a name=\"explicit\"></a>\n\n## Größe & Kosten\n"}}
 *
 *   ```markdown
 *   # Skill
 *
 *   ## Überblick
 *
 *   ## Use <kbd>Ctrl</kbd> keys
 *
 *   ## Setup
 *
 *   ## Setup
 *
 *   ## 🚀 Deploy: fast & safe!
 *
 *   <a id="custom"></a>
 *
 *   [a](#%C3%BCberblick) [b](#use-ctrl-keys) [c](#setup-1) [d](#-deploy-fast--safe)
 *   [e](#custom) [f](#user-content-custom) [g](references/guide.md#explicit)
 *   [h](references/guide.md#gr%C3%B6%C3%9Fe--kosten) [i](#überblick) [j](#top)
 *   ```
 *
 * @example
 *   {"name": "html", "file": "SKILL.md", "label": "input", "files": {"references/guide.md": "# Guide\n"}}
 *
 *   ```markdown
 *   # Skill
 *
 *   See <a href="references/missing.md">this</a> and <img src="assets/x.png" alt="x">.
 *
 *   <p>
 *     <a href="references/guide.md#nope">guide</a>
 *     <img src="../outside.png"> <a href='references/guide.md'>ok</a>
 *   </p>
 *
 *   <!-- <a href="references/commented-out.md"> -->
 *
 *   <a href="#no-anchor">x</a> <a href="#skill">ok</a>
 *   ```
 *
 * @example
 *   {"name": "html", "label": "output"}
 *
 *   ```text
 *   3:14-3:35: Link to missing file `references/missing.md`
 *   3:60-3:72: Link to `assets/x.png`, which is not in the bundle (see @aws-patterns/bundle-layout for what ships)
 *   6:12-6:36: No heading `#nope` in `references/guide.md`
 *   7:13-7:27: Link `../outside.png` leaves the bundle; link only to files inside the skill
 *   12:10-12:20: No heading `#no-anchor` in this file
 *   ```
 */
import path from "node:path";
import { lintRule } from "unified-lint-rule";
import type { Root } from "mdast";
import { bundlePathToFile } from "@aws-patterns/bundle-layout";
import { fileData, type LintContext } from "../context.js";
import { hasAnchor, pageAnchors } from "../anchors.js";
import { hasScheme, splitUrl, urlNodes } from "../link-targets.js";

const remarkLintRelativeLinks = lintRule<Root, LintContext>(
  "skill-lint:relative-links",
  async (tree, file, context) => {
    const { bundlePath } = fileData(file);
    const ownSlugs = pageAnchors(tree);
    for (const node of urlNodes(tree)) {
      const url = node.url;
      if (url === "") {
        file.message("Empty link target", node);
        continue;
      }
      if (url.includes("\\")) {
        file.message(`Link \`${url}\` uses backslashes; use forward slashes`, node);
        continue;
      }
      if (/^[a-z]:\//i.test(url) || url.startsWith("/") && !url.startsWith("//") || url.startsWith("~") || /^file:/i.test(url)) {
        file.message(`Absolute path \`${url}\`; use a path relative to this file`, node);
        continue;
      }
      if (hasScheme(url)) continue;
      const { path: linkPath, fragment } = splitUrl(url);
      if (linkPath === "") {
        if (fragment && !hasAnchor(ownSlugs, fragment)) file.message(`No heading \`#${fragment}\` in this file`, node);
        continue;
      }
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(bundlePath), linkPath)).replace(/\/$/, "");
      if (target === ".." || target.startsWith("../")) {
        file.message(`Link \`${url}\` leaves the bundle; link only to files inside the skill`, node);
        continue;
      }
      const isFolder = context.bundleFolders.has(target);
      if (!context.bundleFiles.has(target) && !isFolder) {
        const fromRoot = path.posix.normalize(linkPath).replace(/\/$/, "");
        if (bundlePath.includes("/") && (context.bundleFiles.has(fromRoot) || context.bundleFolders.has(fromRoot))) {
          // Written from the skill root; links resolve from the file that contains them.
          const relative = path.posix.relative(path.posix.dirname(bundlePath), fromRoot);
          file.message(`Link \`${url}\` resolves to \`${target}\`, which does not exist; links are relative to this file: write \`${relative}\``, node);
          continue;
        }
        const mapped = bundlePathToFile(context.layout, target);
        file.message(
          mapped === undefined
            ? `Link to \`${target}\`, which is not in the bundle (see @aws-patterns/bundle-layout for what ships)`
            : `Link to missing file \`${target}\``,
          node,
        );
        continue;
      }
      if (fragment === undefined || isFolder || !target.endsWith(".md")) continue;
      const slugs = target === bundlePath ? ownSlugs : await context.headingSlugs(target);
      if (slugs && !hasAnchor(slugs, fragment)) file.message(`No heading \`#${fragment}\` in \`${target}\``, node);
    }
  },
);

export default remarkLintRelativeLinks;
