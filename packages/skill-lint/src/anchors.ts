/**
 * The fragments a page answers to, as GitHub renders it: one slug per heading (github-slugger
 * over the heading's text as rendered, so inline HTML tags drop out and duplicates get `-1`,
 * `-2`), plus explicit anchors written as HTML (`<a id="x">`, `<a name="x">`, any `id`).
 * Fragments are compared after percent-decoding, and GitHub's `user-content-` prefix is optional.
 */
import GithubSlugger from "github-slugger";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import type { Heading, Root } from "mdast";
import { htmlAttributes } from "./html-attributes.js";

/**
 * The text GitHub slugs: the heading's rendered text content. Raw HTML tags are markup, not text,
 * and an image renders as `<img>`, whose alt text is not text content either.
 */
export function headingText(heading: Heading): string {
  return toString(heading, { includeHtml: false, includeImageAlt: false });
}

/** Every anchor of a page: heading slugs in order, then explicit HTML anchors. */
export function pageAnchors(tree: Root): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  visit(tree, (node) => {
    if (node.type === "heading") anchors.add(slugger.slug(headingText(node as Heading)));
    if (node.type === "html") {
      for (const attribute of htmlAttributes(node)) {
        if (attribute.name === "id" || (attribute.name === "name" && attribute.tag === "a")) anchors.add(attribute.value);
      }
    }
  });
  return anchors;
}

/** The fragment as the browser compares it: percent-decoded, without GitHub's prefix. */
export function normaliseFragment(fragment: string): string {
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    // A malformed escape is compared as written.
  }
  return decoded.startsWith("user-content-") ? decoded.slice("user-content-".length) : decoded;
}

/** True when a `#fragment` (as written in a link) names an anchor of the page. */
export function hasAnchor(anchors: ReadonlySet<string>, fragment: string): boolean {
  // `#top` scrolls to the top of any page (HTML's fragment rules), heading or not.
  return anchors.has(fragment) || anchors.has(normaliseFragment(fragment)) || /^top$/i.test(fragment);
}
