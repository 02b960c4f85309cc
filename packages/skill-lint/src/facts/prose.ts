/**
 * The prose of a markdown file as rule `fact-numbers` reads it: one string per paragraph,
 * heading and table row, with the source offset of every character. Inline code, HTML, images
 * and autolinked or bare URLs become a separator, so no number is read from them or across them;
 * link text is kept, link URLs are not.
 */
import { visit, SKIP } from "unist-util-visit";
import type { Nodes, Parent, Root, Table } from "mdast";

/** Stands for text that is not prose; never part of a number or a unit. */
export const SEPARATOR = "\u0000";

export interface ProseBlock {
  node: Nodes;
  text: string;
  /** Source offset of each character of `text`. */
  offsets: number[];
}

const NOT_A_FACT = /<!--\s*not-a-fact\s*-->/;

/** Lines that carry `<!-- not-a-fact -->` (a table row is one line). */
export function notAFactLines(tree: Root): Set<number> {
  const lines = new Set<number>();
  visit(tree, "html", (node) => {
    if (!NOT_A_FACT.test(node.value) || !node.position) return;
    for (let line = node.position.start.line; line <= node.position.end.line; line++) lines.add(line);
  });
  return lines;
}

export function proseBlocks(tree: Root, source: string, skipTables: ReadonlySet<Table>): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  visit(tree, (node) => {
    if (node.type === "table" && skipTables.has(node)) return SKIP;
    if (node.type !== "paragraph" && node.type !== "heading" && node.type !== "tableRow") return undefined;
    const block: ProseBlock = { node, text: "", offsets: [] };
    collect(node, source, block);
    block.text = block.text.replace(/\b(?:https?:\/\/|www\.)\S+/g, (url) => SEPARATOR.repeat(url.length));
    blocks.push(block);
    return SKIP;
  });
  return blocks;
}

function push(block: ProseBlock, text: string, offset: number, contiguous: boolean): void {
  for (let index = 0; index < text.length; index++) block.offsets.push(contiguous ? offset + index : offset);
  block.text += text;
}

function collect(node: Nodes, source: string, block: ProseBlock): void {
  const start = node.position?.start.offset ?? 0;
  switch (node.type) {
    case "text": {
      const end = node.position?.end.offset;
      push(block, end === undefined ? node.value : source.slice(start, end), start, end !== undefined);
      return;
    }
    case "break":
      push(block, "\n", start, false);
      return;
    case "link": {
      const label = node.children.map((child) => ("value" in child ? child.value : "")).join("");
      const autolink = label === node.url || label.replace(/^mailto:/, "") === node.url.replace(/^mailto:/, "") || /^(https?:\/\/|www\.)/.test(label);
      if (autolink) {
        push(block, SEPARATOR, start, false);
        return;
      }
      break;
    }
    case "tableCell":
      push(block, SEPARATOR, start, false);
      break;
    default:
      if (!("children" in node)) {
        // inline code, HTML, images, footnote references: not prose.
        push(block, SEPARATOR, start, false);
        return;
      }
  }
  for (const child of (node as Parent).children) collect(child as Nodes, source, block);
}
