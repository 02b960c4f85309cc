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
  /** A table cell: its row's text (the sentence an unverified figure must be qualified in). */
  row?: string;
  /** A table cell: its column's header text. */
  header?: string;
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

/** One block per paragraph and heading, one per table cell (with its row and column header). */
export function proseBlocks(tree: Root, source: string, skipTables: ReadonlySet<Table>): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  const read = (node: Nodes): ProseBlock => {
    const block: ProseBlock = { node, text: "", offsets: [] };
    collect(node, source, block);
    block.text = block.text.replace(/\b(?:https?:\/\/|www\.)\S+/g, (url) => SEPARATOR.repeat(url.length));
    return block;
  };
  visit(tree, (node) => {
    if (node.type === "table") {
      if (skipTables.has(node)) return SKIP;
      const headers = (node.children[0]?.children ?? []).map((cell) => read(cell).text);
      node.children.forEach((row, rowIndex) => {
        const cells = row.children.map(read);
        const rowText = cells.map((cell) => cell.text).join(SEPARATOR);
        cells.forEach((cell, column) => blocks.push({ ...cell, row: rowText, ...(rowIndex > 0 ? { header: headers[column] ?? "" } : {}) }));
      });
      return SKIP;
    }
    if (node.type !== "paragraph" && node.type !== "heading") return undefined;
    blocks.push(read(node));
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
    default:
      if (!("children" in node)) {
        // inline code, HTML, images, footnote references: not prose.
        push(block, SEPARATOR, start, false);
        return;
      }
  }
  for (const child of (node as Parent).children) collect(child as Nodes, source, block);
}
