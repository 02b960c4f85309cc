/**
 * Collects the URLs of links, images and definitions with their nodes, for the link rules,
 * including those written as HTML (`<a href>`, `<img src>`), which GitHub and agents follow too.
 */
import { visit } from "unist-util-visit";
import type { Definition, Html, Image, Link, Root } from "mdast";
import type { Position } from "unist";
import { htmlAttributes } from "./html-attributes.js";

/** A URL in an HTML attribute; `position` is the attribute value's, for the message. */
export interface HtmlUrl {
  type: "htmlUrl";
  url: string;
  position?: Position;
}

export type UrlNode = Link | Image | Definition | HtmlUrl;

/** Attributes holding a URL the reader follows or the page loads. */
const URL_ATTRIBUTES = new Set(["href", "src"]);

export function urlNodes(tree: Root): UrlNode[] {
  const nodes: UrlNode[] = [];
  visit(tree, (node) => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") nodes.push(node as UrlNode);
    if (node.type !== "html") return;
    for (const attribute of htmlAttributes(node as Html)) {
      if (!URL_ATTRIBUTES.has(attribute.name)) continue;
      nodes.push({ type: "htmlUrl", url: attribute.value.trim(), ...(attribute.position ? { position: attribute.position } : {}) });
    }
  });
  return nodes;
}

/** `https:`, `mailto:` … but not a Windows drive letter such as `C:`. */
export function hasScheme(url: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(url) || url.startsWith("//");
}

/** Splits `path#fragment` and decodes percent-escapes in the path (`my%20file.md`). */
export function splitUrl(url: string): { path: string; fragment: string | undefined } {
  const hash = url.indexOf("#");
  const rawPath = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? undefined : url.slice(hash + 1);
  const withoutQuery = rawPath.split("?")[0] ?? "";
  let path = withoutQuery;
  try {
    path = decodeURIComponent(withoutQuery);
  } catch {
    // A malformed escape stays as written; the missing-file message shows it.
  }
  return { path, fragment };
}
