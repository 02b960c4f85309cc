/** Markdown helpers shared by the rules: the parser and embedded-block markers (anchors: anchors.ts). */
import path from "node:path";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import { visit } from "unist-util-visit";
import type { Code, Html, Root } from "mdast";

/** The parser every file goes through: CommonMark + GFM (tables) + YAML frontmatter. */
export function markdownParser() {
  return unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm);
}

export type SnippetLanguage = "typescript" | "hcl" | "yaml" | "json";

/** Maps a fence's info string to the checker that understands it (undefined: not checked). */
export function snippetLanguage(lang: string | null | undefined): SnippetLanguage | undefined {
  switch ((lang ?? "").toLowerCase()) {
    case "ts":
    case "typescript":
      return "typescript";
    case "hcl":
    case "terraform":
    case "tf":
      return "hcl";
    case "yaml":
    case "yml":
      return "yaml";
    case "json":
      return "json";
    default:
      return undefined;
  }
}

export interface EmbedMarker {
  marker: Html;
  /** The fenced block right after the marker, if there is one. */
  code: Code | undefined;
  /** Bundle path of the source file. */
  source: string;
  /** Region name after `#`, or undefined for the whole file. */
  region: string | undefined;
}

const EMBED_PATTERN = /^<!--\s*embed:\s*([^\s#]*)(?:#(\S*))?\s*-->$/;

/** The syntax an embed marker must follow, quoted by the messages about malformed ones. */
export const EMBED_SYNTAX = "`<!-- embed: <bundle path>#<region> -->` (`#<region>` optional)";

/**
 * True when an HTML node is meant as an embed marker, even a malformed one: a comment whose
 * first word is `embed` (`<!-- embed examples/a.ts -->`, `<!--Embed:`), but not `embedded`.
 */
export function looksLikeEmbed(node: Html): boolean {
  return /^<!--\s*embed(?![\w-])/i.test(node.value.trim());
}

/** `./examples/a.ts` and `examples//a.ts` name the same bundle path as `examples/a.ts`. */
function normaliseEmbedPath(source: string): string {
  if (source === "") return source;
  return path.posix.normalize(source).replace(/^(\.\/)+/, "");
}

/** Every `<!-- embed: path#region -->` marker and the block it governs. */
export function findEmbeds(tree: Root): EmbedMarker[] {
  const found: EmbedMarker[] = [];
  visit(tree, "html", (node, index, parent) => {
    const match = EMBED_PATTERN.exec(node.value.trim());
    if (!match || index === undefined || !parent) return;
    const next = parent.children[index + 1];
    found.push({
      marker: node,
      code: next?.type === "code" ? next : undefined,
      source: normaliseEmbedPath(match[1] ?? ""),
      region: match[2] === undefined || match[2] === "" ? undefined : match[2],
    });
  });
  return found;
}

/** The fenced blocks that are copies of example files (so the snippet checkers skip them). */
export function embeddedBlocks(tree: Root): Set<Code> {
  return new Set(findEmbeds(tree).flatMap((embed) => (embed.code ? [embed.code] : [])));
}

/** Splits SKILL.md into frontmatter and the body the budget counts (everything after it). */
export function bodyAfterFrontmatter(tree: Root, text: string): { body: string; firstLine: number } {
  const first = tree.children[0];
  if (first?.type === "yaml" && first.position) {
    const end = first.position.end.offset ?? 0;
    return { body: text.slice(end).replace(/^\r?\n/, ""), firstLine: first.position.end.line + 1 };
  }
  return { body: text, firstLine: 1 };
}

/** Number of lines as an editor shows them (a final newline does not start a new line). */
export function countLines(text: string): number {
  if (text === "") return 0;
  return text.replace(/\r?\n$/, "").split(/\r?\n/).length;
}
