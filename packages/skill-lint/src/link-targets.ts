/** Collects the URLs of links, images and definitions with their nodes, for the link rules. */
import { visit } from "unist-util-visit";
import type { Definition, Image, Link, Root } from "mdast";

export type UrlNode = Link | Image | Definition;

export function urlNodes(tree: Root): UrlNode[] {
  const nodes: UrlNode[] = [];
  visit(tree, (node) => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") nodes.push(node as UrlNode);
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
