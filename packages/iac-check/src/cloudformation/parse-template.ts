// Parses a CloudFormation template (YAML with the short-form intrinsic tags, or JSON) into the
// plain long-form object CloudFormation itself sees, and keeps the YAML node tree so any finding
// can be pointed at the template's own line and column.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Tags } from "yaml";

/** Short-form tag -> long-form key. `!Ref` and `!Condition` keep their names; the rest are `Fn::`. */
const SHORT_FORMS = ["Ref", "Condition", "GetAtt", "Sub", "If", "Join", "Select", "Split", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Equals", "And", "Or", "Not", "Transform", "Length", "ToJsonString"];

/** The schema: each short form may tag a scalar, a sequence or a mapping; conversion happens in toLongForm. */
const CLOUDFORMATION_TAGS: Tags = SHORT_FORMS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: "seq" as const, resolve: (value: unknown) => value },
  { tag: `!${name}`, collection: "map" as const, resolve: (value: unknown) => value },
]);

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

export function parseTemplate(text: string): ParsedTemplate {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
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
  return {
    template: toLongForm(root) as Record<string, unknown>,
    locate: (path) => locate(document, path, position),
  };
}

function toLongForm(node: unknown): unknown {
  let value: unknown;
  if (isMap(node)) {
    const object: Record<string, unknown> = {};
    for (const pair of node.items) object[String(isScalar(pair.key) ? pair.key.value : pair.key)] = toLongForm(pair.value);
    value = object;
  } else if (isSeq(node)) {
    value = node.items.map(toLongForm);
  } else if (isScalar(node)) {
    value = node.value;
  } else {
    value = node ?? null;
  }
  const tag = (node as Node | undefined)?.tag;
  if (!tag || !tag.startsWith("!")) return value;
  const name = tag.slice(1);
  if (name === "Ref" || name === "Condition") return { [name]: value };
  // `!GetAtt Resource.Attribute` is the scalar form of ["Resource", "Attribute"] (the attribute may contain dots).
  if (name === "GetAtt" && typeof value === "string") {
    const dot = value.indexOf(".");
    return { "Fn::GetAtt": dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

function locate(document: Document, path: (string | number)[], position: (node: Node | null | undefined) => Position): Position {
  let node: unknown = document.contents;
  let best = position(document.contents as Node);
  for (const segment of path) {
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
