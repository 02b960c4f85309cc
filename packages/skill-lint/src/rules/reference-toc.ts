/**
 * Checks that a reference longer than `tocMinLines` (100 by default) starts with a table of
 * contents: a list of `#fragment` links before its first `##` section or under a `## Contents`
 * heading (other lists before it, such as an intro's bullets, are not taken for it). Every entry must match a heading and every `##`
 * heading must have an entry, so the agent can jump to a section without reading the file.
 *
 * @example
 *   {"name": "ok", "file": "references/long.md", "config": {"tocMinLines": 5}}
 *
 *   ```markdown
 *   # Long
 *
 *   - [Compute](#compute)
 *   - [Storage](#storage)
 *
 *   ## Compute
 *
 *   ## Storage
 *   ```
 *
 * @example
 *   {"name": "intro-list-then-contents", "file": "references/long.md", "config": {"tocMinLines": 5}}
 *
 *   ```markdown
 *   # Long
 *
 *   This reference covers:
 *
 *   - choosing compute
 *   - choosing storage, see [below](#storage)
 *
 *   ## Contents
 *
 *   - [Compute](#compute)
 *   - [Storage](#storage)
 *
 *   ## Compute
 *
 *   ## Storage
 *   ```
 *
 * @example
 *   {"name": "numbered-under-in-this-reference", "file": "references/long.md", "config": {"tocMinLines": 5}}
 *
 *   ```markdown
 *   # Long
 *
 *   ## In this reference
 *
 *   1. 1.1 [Compute](#compute)
 *   2. 1.2 [Größe](#gr%C3%B6%C3%9Fe)
 *
 *   ## Compute
 *
 *   ## Größe
 *   ```
 *
 * @example
 *   {"name": "not-ok", "file": "references/long.md", "label": "input", "config": {"tocMinLines": 5}}
 *
 *   ```markdown
 *   # Long
 *
 *   - [Compute](#compute)
 *   - [Old section](#old-section)
 *
 *   ## Compute
 *
 *   ## Storage
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   4:3-4:30: Table of contents entry `#old-section` matches no heading
 *   8:1-8:11: Heading `Storage` (`#storage`) is missing from the table of contents
 *   ```
 *
 * @example
 *   {"name": "no-toc", "file": "references/long.md", "label": "input", "config": {"tocMinLines": 5}}
 *
 *   ```markdown
 *   # Long
 *
 *   Intro.
 *
 *   ## Compute
 *
 *   ## Storage
 *   ```
 *
 * @example
 *   {"name": "no-toc", "label": "output"}
 *
 *   ```text
 *   1:1: references/long.md has 7 lines but no table of contents; start it with a list of links to its `##` headings
 *   ```
 *
 * @example
 *   {"name": "bullets-are-not-a-toc", "file": "references/long.md", "label": "input", "config": {"tocMinLines": 5}}
 *
 *   ```markdown
 *   # Long
 *
 *   - choosing compute
 *   - choosing storage
 *
 *   ## Compute
 *
 *   - [Storage](#storage)
 *
 *   ## Storage
 *   ```
 *
 * @example
 *   {"name": "bullets-are-not-a-toc", "label": "output"}
 *
 *   ```text
 *   1:1: references/long.md has 10 lines but no table of contents; start it with a list of links to its `##` headings
 *   ```
 */
import { lintRule } from "unified-lint-rule";
import GithubSlugger from "github-slugger";
import { visit } from "unist-util-visit";
import type { Heading, List, Root } from "mdast";
import { fileData, type LintContext } from "../context.js";
import { countLines } from "../markdown.js";
import { headingText, normaliseFragment } from "../anchors.js";

const CONTENTS_HEADING = /^(table of )?contents$|^toc$|^on this page$|^in this (page|file|reference|document|guide)$|^sections$/i;

const remarkLintReferenceToc = lintRule<Root, LintContext>(
  "skill-lint:reference-toc",
  (tree, file, context) => {
    const { bundlePath } = fileData(file);
    if (!bundlePath.startsWith("references/") || !bundlePath.endsWith(".md")) return;
    const lines = countLines(String(file.value));
    if (lines <= context.config.tocMinLines) return;

    const toc = findToc(tree);
    if (!toc) {
      file.message(
        `${bundlePath} has ${lines} lines but no table of contents; start it with a list of links to its \`##\` headings`,
        { place: { line: 1, column: 1 } },
      );
      return;
    }
    const slugger = new GithubSlugger();
    const headings: { node: Heading; slug: string; text: string }[] = [];
    visit(tree, "heading", (node) => {
      const text = headingText(node);
      headings.push({ node, slug: slugger.slug(text), text });
    });
    const slugs = new Set(headings.map((heading) => heading.slug));
    const entries = new Set<string>();
    visit(toc, "link", (link) => {
      if (!link.url.startsWith("#")) return;
      const fragment = normaliseFragment(link.url.slice(1));
      entries.add(fragment);
      if (!slugs.has(fragment)) file.message(`Table of contents entry \`${link.url}\` matches no heading`, link);
    });
    for (const heading of headings) {
      if (heading.node.depth !== 2 || CONTENTS_HEADING.test(heading.text.trim())) continue;
      if (!entries.has(heading.slug)) {
        file.message(`Heading \`${heading.text}\` (\`#${heading.slug}\`) is missing from the table of contents`, heading.node);
      }
    }
  },
);

/**
 * The table of contents is recognised by what it is, not by position: a list whose items mostly
 * start with an in-page link (`- [Compute](#compute)`), either before the first `##` section or
 * right under a `## Contents` heading. An intro bullet list before it is not taken for it.
 */
function findToc(tree: Root): List | undefined {
  let underContents = false;
  let beforeSections = true;
  for (const node of tree.children) {
    if (node.type === "heading" && node.depth >= 2) {
      underContents = CONTENTS_HEADING.test(headingText(node).trim());
      if (!underContents) beforeSections = false;
      continue;
    }
    if (node.type === "list" && (beforeSections || underContents) && isInPageLinkList(node)) return node;
  }
  return undefined;
}

/**
 * At least half of the items (and at least one) lead with a `#fragment` link; numbering or
 * punctuation before it (`1.2 [Compute](#compute)`) is fine, words are not.
 */
function isInPageLinkList(list: List): boolean {
  const leading = list.children.filter((item) => {
    const first = item.children[0];
    const link = first?.type === "paragraph" ? first.children.find((child) => child.type !== "text" || /\p{L}/u.test(child.value)) : undefined;
    return link?.type === "link" && link.url.startsWith("#");
  });
  return leading.length > 0 && leading.length * 2 >= list.children.length;
}

export default remarkLintReferenceToc;
