// `terraform fmt`, offline and byte for byte. @cdktn/hcl-tools `format()` is HCL's hclwrite
// formatter (spacing, indentation, alignment), but terraform fmt does more, and the hclwrite in
// that WebAssembly build predates provider-defined functions. So, in the order Terraform applies
// them (command/fmt.go, Terraform 1.11):
//
// 1. the token rewrites terraform fmt makes before formatting: an attribute whose whole value is
//    one interpolation (`"${var.x}"`) is unwrapped (wrapped in parentheses when it spans lines),
//    the legacy variable types `list` / `map` / `set` / `"list"` / `"map"` become `list(any)`...
//    `map(string)`, and block labels are written as quoted strings (comments between them go);
// 2. `::` (provider::aws::arn_parse) is swapped for a two-character identifier, so the older
//    lexer sees one name instead of two colons it would space out, and swapped back afterwards;
// 3. hclwrite's formatting.
//
// test/terraform/fmt-differential.test.ts holds this against the real `terraform fmt`.

import { format } from "@cdktn/hcl-tools";
import { tokenizeHcl, type Token } from "./hcl-tokens.js";

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A block label terraform fmt deletes: it drops quoted labels holding `$` or `%` (hclwrite splits them into several tokens). */
export interface DroppedLabel {
  line: number;
  column: number;
  label: string;
}

export interface FormatResult {
  text: string;
  droppedLabels: DroppedLabel[];
}

/** Formats HCL source as `terraform fmt` would. Rejects when the formatter cannot parse it. */
export async function formatLikeTerraform(text: string): Promise<FormatResult> {
  const { edits, droppedLabels } = terraformFmtRewrites(text);
  const rewritten = applyEdits(text, edits);
  const marker = pickMarker(rewritten);
  const guarded = applyEdits(rewritten, doubleColonEdits(rewritten, marker));
  const formatted = await format(guarded);
  return { text: formatted.split(marker).join("::"), droppedLabels };
}

/** Starts the formatter's WebAssembly module early, so it loads while the parser's does. */
export function warmUpFormatter(): Promise<void> {
  return format("").then(
    () => undefined,
    () => undefined,
  );
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

// Letters that are valid in HCL identifiers and unlikely in a configuration; two of them are as
// wide as `::`, so alignment of trailing comments does not move.
const MARKERS = ["ǂǂ", "ǁǁ", "ꙮꙮ", "ᐁᐁ", "ꓸꓸ"];

function pickMarker(text: string): string {
  return MARKERS.find((m) => !text.includes(m[0]!)) ?? "ǂǂ";
}

/** `a :: b` -> `a<marker>b`: one identifier for the old lexer, and no spaces, as terraform fmt writes it. */
function doubleColonEdits(text: string, marker: string): Edit[] {
  const tokens = tokenizeHcl(text);
  const edits: Edit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "punct" || t.text !== "::") continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const start = prev && /^[ \t]*$/.test(text.slice(prev.end, t.start)) ? prev.end : t.start;
    const end = next && /^[ \t]*$/.test(text.slice(t.end, next.start)) ? next.start : t.end;
    edits.push({ start, end, text: marker });
  }
  return edits;
}

const isInlineComment = (t: Token | undefined): boolean => t?.kind === "comment" && t.text.startsWith("/*");

const OPENS = new Set(["interpOpen", "quoteOpen", "heredocOpen"]);
const CLOSES = new Set(["interpClose", "quoteClose", "heredocClose"]);

/** The edits terraform fmt's own pass (before hclwrite formats) makes to the source. */
export function terraformFmtRewrites(text: string): { edits: Edit[]; droppedLabels: DroppedLabel[] } {
  const tokens = tokenizeHcl(text);
  const edits: Edit[] = [];
  const droppedLabels: DroppedLabel[] = [];
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isPunct = (t: Token | undefined, p: string): boolean => t?.kind === "punct" && t.text === p;

  const expressionTokens = (): Token[] => {
    const out: Token[] = [];
    let depth = 0;
    while (isInlineComment(peek())) i++; // `= /* c */ value`
    for (let t = peek(); t; t = peek()) {
      if (depth === 0 && (t.kind === "newline" || t.kind === "comment" || isPunct(t, "}"))) break;
      if ((t.kind === "punct" && "{[(".includes(t.text)) || OPENS.has(t.kind)) depth++;
      if ((t.kind === "punct" && "}])".includes(t.text)) || CLOSES.has(t.kind)) depth = Math.max(0, depth - 1);
      out.push(t);
      i++;
    }
    return out;
  };

  const skipLine = (): void => {
    expressionTokens();
    while (peek() && peek()!.kind !== "newline") i++;
  };

  const body = (path: string[], nested: boolean): void => {
    for (let t = peek(); t; t = peek()) {
      if (t.kind === "newline" || t.kind === "comment") {
        i++;
        continue;
      }
      if (isPunct(t, "}")) {
        i++;
        if (nested) return;
        continue;
      }
      if (t.kind !== "ident") {
        skipLine();
        continue;
      }
      i++;
      const afterName = i;
      while (isInlineComment(peek())) i++; // `name /* c */ = value`
      if (!isPunct(peek(), "=")) i = afterName;
      if (isPunct(peek(), "=")) {
        i++;
        const expr = expressionTokens();
        const edit = path.length === 1 && path[0] === "variable" && t.text === "type" ? typeRewrite(expr) : unwrapInterpolation(expr, text);
        if (edit) edits.push(edit);
        continue;
      }
      const labels: string[] = [];
      let start = -1;
      let end = -1;
      for (let l = peek(); l && (l.kind === "ident" || l.kind === "quoteOpen" || l.kind === "comment"); l = peek()) {
        if (l.kind === "comment") {
          i++;
          continue;
        }
        if (start < 0) start = l.start;
        if (l.kind === "ident") {
          labels.push(l.text);
          end = l.end;
          i++;
          continue;
        }
        i++;
        const open = l;
        let raw = "";
        while (peek() && peek()!.kind === "templateText") raw += peek()!.text, i++;
        if (peek()?.kind !== "quoteClose") return; // a template in a label: a syntax error, left alone
        end = peek()!.end;
        i++;
        if (/[$%]/.test(raw)) droppedLabels.push({ line: open.line, column: open.column, label: unquote(raw) });
        else labels.push(unquote(raw));
      }
      if (!isPunct(peek(), "{")) {
        skipLine();
        continue;
      }
      // hclwrite's label list starts right after the block type: comments before or between labels go with it.
      if (start >= 0) edits.push({ start: t.end, end, text: labels.map((l) => ` ${quote(l)}`).join("") });
      i++;
      body([...path, t.text], true);
    }
  };

  body([], false);
  return { edits, droppedLabels };
}

/** `"${ expr }"` as a whole attribute value -> `expr` (terraform fmt's formatValueExpr). */
function unwrapInterpolation(expr: Token[], text: string): Edit | undefined {
  if (expr.length < 5) return undefined;
  const [oQuote, oBrace] = expr;
  const cBrace = expr[expr.length - 2]!;
  const cQuote = expr[expr.length - 1]!;
  if (oQuote!.kind !== "quoteOpen" || oBrace!.kind !== "interpOpen" || oBrace!.text !== "${" || cBrace.kind !== "interpClose" || cQuote.kind !== "quoteClose") return undefined;
  let inside = expr.slice(2, -2);
  // `${~` and `~}` are one token each in HCL: the strip markers are not part of the expression.
  if (inside[0]?.text === "~" && inside[0].start === oBrace!.end) inside = inside.slice(1);
  if (inside.length && inside[inside.length - 1]!.text === "~" && inside[inside.length - 1]!.end === cBrace.start) inside = inside.slice(0, -1);
  let quotes = 0;
  let heredoc = 0;
  for (const t of inside) {
    if (t.kind === "quoteOpen") quotes++;
    else if (t.kind === "quoteClose") quotes--;
    else if (quotes > 0) continue;
    else if (t.kind === "heredocOpen") heredoc++;
    else if (t.kind === "heredocClose") heredoc--;
    else if (t.kind === "interpOpen" || t.kind === "interpClose") return undefined;
    else if (t.kind === "templateText" && heredoc === 0) return undefined;
  }
  // In HCL a `#` or `//` comment token ends with its newline, so that newline neither counts as a
  // line break nor gets trimmed (trimming it would comment out the closing parenthesis).
  const lineBreak = (k: number): boolean => inside[k]?.kind === "newline" && !(inside[k - 1]?.kind === "comment" && !inside[k - 1]!.text.startsWith("/*"));
  while (lineBreak(0)) inside = inside.slice(1);
  while (inside.length && lineBreak(inside.length - 1)) inside = inside.slice(0, -1);
  if (inside.length === 0) return undefined;
  const first = inside[0]!;
  const last = inside[inside.length - 1]!;
  let body = text.slice(first.start, last.end);
  const multiLine = inside.some((_, k) => lineBreak(k));
  if (multiLine && !(first.text === "(" && last.text === ")")) body = `(${body})`;
  return { start: oQuote!.start, end: cQuote.end, text: body };
}

const LEGACY_TYPES: Record<string, string> = { list: "list(any)", map: "map(any)", set: "set(any)" };
const LEGACY_QUOTED_TYPES: Record<string, string> = { string: "string", list: "list(string)", map: "map(string)" };

/** `type = list` -> `list(any)`, `type = "map"` -> `map(string)` (terraform fmt's formatTypeExpr). */
function typeRewrite(expr: Token[]): Edit | undefined {
  const [a, b, c] = expr;
  if (expr.length === 1 && a!.kind === "ident" && LEGACY_TYPES[a!.text]) return { start: a!.start, end: a!.end, text: LEGACY_TYPES[a!.text]! };
  if (expr.length === 3 && a!.kind === "quoteOpen" && b!.kind === "templateText" && c!.kind === "quoteClose" && LEGACY_QUOTED_TYPES[b!.text]) {
    return { start: a!.start, end: c!.end, text: LEGACY_QUOTED_TYPES[b!.text]! };
  }
  return undefined;
}

/** The value of a quoted label's text (escapes resolved, as HCL reads it). */
function unquote(raw: string): string {
  return raw.replace(/\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))|\$\$\{|%%\{/g, (m, u4: string, u8: string, c: string) => {
    if (m === "$${") return "${";
    if (m === "%%{") return "%{";
    if (u4 || u8) return String.fromCodePoint(parseInt(u4 ?? u8, 16));
    return ({ n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" } as Record<string, string>)[c] ?? c;
  });
}

/** A label as hclwrite writes a string: escapes for quotes, backslashes, control characters and template introducers. */
function quote(value: string): string {
  let out = "";
  const chars = [...value];
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k]!;
    if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if ((ch === "$" || ch === "%") && chars[k + 1] === "{") out += ch + ch;
    else if (!/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch)) {
      const cp = ch.codePointAt(0)!;
      out += cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`;
    } else out += ch;
  }
  return `"${out}"`;
}
