/**
 * Attributes of the HTML tags inside markdown's raw HTML (blocks and inline): the links
 * (`<a href>`, `<img src>`) the link rules check and the explicit anchors (`<a id>`,
 * `<a name>`) fragments may point at. A tokenizer of start tags is enough here: markdown's HTML
 * is short, and comments are skipped so a commented-out link is not checked.
 */
import type { Html } from "mdast";
import type { Position } from "unist";

export interface HtmlAttribute {
  /** Lower-cased tag and attribute names. */
  tag: string;
  name: string;
  /** The value with character references decoded (`&amp;` → `&`). */
  value: string;
  /** Where the value stands in the markdown file (start and end). */
  position: Position | undefined;
}

const START_TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Every attribute of every start tag in an HTML node, comments excepted. */
export function htmlAttributes(node: Html): HtmlAttribute[] {
  // Blank out comments, keeping offsets, so their content is not read as tags.
  const html = node.value.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => comment.replace(/[^\n]/g, " "));
  const found: HtmlAttribute[] = [];
  for (const tag of html.matchAll(START_TAG)) {
    const tagName = tag[1]!.toLowerCase();
    const attributesStart = tag.index + 1 + tag[1]!.length;
    for (const attribute of (tag[2] ?? "").matchAll(ATTRIBUTE)) {
      const raw = attribute[2] ?? attribute[3] ?? attribute[4] ?? "";
      const quoted = attribute[2] !== undefined || attribute[3] !== undefined;
      const valueOffset = attributesStart + attribute.index + attribute[0].length - raw.length - (quoted ? 1 : 0);
      found.push({
        tag: tagName,
        name: attribute[1]!.toLowerCase(),
        value: decodeCharacterReferences(raw),
        position: positionIn(node, valueOffset, valueOffset + raw.length),
      });
    }
  }
  return found;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeCharacterReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (reference, body: string) => {
    if (body[0] !== "#") return NAMED[body.toLowerCase()] ?? reference;
    const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : reference;
  });
}

/** Offsets inside the node's value → file positions (exact on the node's first line). */
function positionIn(node: Html, start: number, end: number): Position | undefined {
  const origin = node.position?.start;
  if (!origin) return undefined;
  const at = (offset: number) => {
    const before = node.value.slice(0, offset).split("\n");
    const line = origin.line + before.length - 1;
    const column = before.length === 1 ? origin.column + offset : before.at(-1)!.length + 1;
    return { line, column, offset: origin.offset === undefined ? undefined : origin.offset + offset };
  };
  const from = at(start);
  const to = at(end);
  return {
    start: { line: from.line, column: from.column, ...(from.offset === undefined ? {} : { offset: from.offset }) },
    end: { line: to.line, column: to.column, ...(to.offset === undefined ? {} : { offset: to.offset }) },
  };
}
