// Parses a CloudFormation template (YAML with the short-form intrinsic tags, or JSON) into the
// plain long-form object CloudFormation itself sees, and keeps the YAML node tree so any finding
// can be pointed at the template's own line and column.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { AliasExpansionError, cloudFormationTags, toLongForm } from "@aws-patterns/cfn-yaml-tags";

export interface Position {
  line: number;
  column: number;
}

export interface ParsedTemplate {
  template: Record<string, unknown>;
  /** The deepest node of `path` that exists, as a position (path segments are keys or indexes). */
  locate(path: (string | number)[]): Position;
}

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
  }
}

/** Templates are UTF-8 (CloudFormation reads nothing else); a UTF-8 BOM is tolerated. */
export function decodeTemplate(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new TemplateSyntaxError("the template is UTF-16 encoded; CloudFormation reads UTF-8 only: re-save it as UTF-8", { line: 1, column: 1 });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Point at the first line that is not UTF-8 (a newline byte never occurs inside a UTF-8 sequence).
    const lines = Buffer.from(bytes).toString("latin1").split("\n");
    let offset = 0;
    for (const [index, line] of lines.entries()) {
      const lineBytes = bytes.subarray(offset, offset + line.length);
      offset += line.length + 1;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(lineBytes);
      } catch {
        const column = new TextDecoder("utf-8").decode(lineBytes).indexOf("\uFFFD") + 1;
        throw new TemplateSyntaxError(NOT_UTF8, { line: index + 1, column: Math.max(column, 1) });
      }
    }
    throw new TemplateSyntaxError(NOT_UTF8, { line: 1, column: 1 });
  }
}

const NOT_UTF8 = "the template is not valid UTF-8 (it may be Latin-1 or Windows-1252); CloudFormation reads UTF-8 only: re-save it as UTF-8";

export function parseTemplate(text: string): ParsedTemplate {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { customTags: cloudFormationTags, lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const firstError = document.errors[0];
  if (firstError) {
    const [line, column] = firstError.linePos ? [firstError.linePos[0].line, firstError.linePos[0].col] : [1, 1];
    throw new TemplateSyntaxError(`not valid YAML or JSON: ${firstError.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`, { line, column });
  }
  const root = document.contents;
  if (!isMap(root)) {
    throw new TemplateSyntaxError("not a CloudFormation template: the top level must be a mapping with a Resources section", { line: 1, column: 1 });
  }
  const position = (node: Node | null | undefined): Position => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
  let template: Record<string, unknown>;
  try {
    template = toLongForm(document) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof AliasExpansionError)) throw error;
    throw new TemplateSyntaxError(error.message, position(error.node));
  }
  return { template, locate: (path) => locate(document, path, position) };
}

function locate(document: Document, path: (string | number)[], position: (node: Node | null | undefined) => Position): Position {
  let node: unknown = document.contents;
  let best = position(document.contents as Node);
  for (const segment of path) {
    // A finding inside an aliased value points into the anchored original.
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(segment));
      if (!pair) break;
      best = position(pair.key as Node);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (!item) break;
      best = position(item as Node);
      node = item;
    } else {
      break;
    }
  }
  return best;
}

/** `Properties.Tags[0].Key`, `Parameters/Env/Type` -> ["Properties", "Tags", 0, "Key"]. */
export function splitPropertyPath(propertyPath: string): (string | number)[] {
  return propertyPath
    .split(/[./]|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== "")
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
