// A small HCL tokenizer whose only job is positions. @cdktn/hcl2json parses HCL with the real Go
// parser but returns plain JSON without line numbers, and its expression helpers
// (getReferencesInExpression) miss references inside `for` expressions and mis-quote
// expressions that contain strings. This tokenizer knows just enough of the HCL native syntax
// (strings with `${}`/`%{}` templates, heredocs, comments, brackets) to find where blocks,
// arguments and references start. Syntax errors are hcl2json's to report: on malformed input
// this tokenizer never throws, it only produces tokens that later stages ignore.

export type TokenKind =
  | "ident"
  | "number"
  | "punct"
  | "newline"
  | "comment"
  | "quoteOpen"
  | "quoteClose"
  | "templateText"
  | "heredocOpen"
  | "heredocClose"
  | "interpOpen"
  | "interpClose"
  | "invalid";

export interface Token {
  kind: TokenKind;
  text: string;
  /** UTF-16 offset of the first character. */
  start: number;
  end: number;
  /** 1-based line and column of the first character. */
  line: number;
  column: number;
}

type Frame = { kind: "quoted" } | { kind: "heredoc"; marker: string } | { kind: "interp" } | { kind: "bracket"; close: string };

const MULTI_PUNCT = ["...", "==", "!=", "=>", "<=", ">=", "&&", "||", "::"];
const SINGLE_PUNCT = new Set([..."{}[]()=.,:?!<>+-*/%"]);
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
const DIGIT = /[0-9]/;

export interface TokenizeOptions {
  /** Start inside a quoted template (for `${...}` strings taken from .tf.json files). */
  startInTemplate?: boolean;
}

export function tokenizeHcl(text: string, options: TokenizeOptions = {}): Token[] {
  const tokens: Token[] = [];
  const stack: Frame[] = options.startInTemplate ? [{ kind: "quoted" }] : [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const push = (kind: TokenKind, start: number, end: number): void => {
    tokens.push({ kind, text: text.slice(start, end), start, end, line, column: start - lineStart + 1 });
  };
  // Advances over text[from, to) keeping the line counter right; tokens spanning lines are
  // pushed before calling it so they carry their first line.
  const advance = (to: number): void => {
    for (let i = pos; i < to; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    pos = to;
  };
  const top = (): Frame | undefined => stack[stack.length - 1];

  while (pos < text.length) {
    const frame = top();
    if (frame?.kind === "quoted" || frame?.kind === "heredoc") {
      lexTemplate(frame);
      continue;
    }
    const ch = text[pos]!;
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\uFEFF") {
      pos++;
      continue;
    }
    if (ch === "\n") {
      push("newline", pos, pos + 1);
      advance(pos + 1);
      continue;
    }
    if (ch === "#" || text.startsWith("//", pos)) {
      const end = indexOrEnd("\n", pos);
      push("comment", pos, end);
      advance(end);
      continue;
    }
    if (text.startsWith("/*", pos)) {
      const close = text.indexOf("*/", pos + 2);
      const end = close < 0 ? text.length : close + 2;
      push("comment", pos, end);
      advance(end);
      continue;
    }
    if (ch === '"') {
      push("quoteOpen", pos, pos + 1);
      pos++;
      stack.push({ kind: "quoted" });
      continue;
    }
    const heredoc = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(pos, pos + 200));
    if (heredoc) {
      push("heredocOpen", pos, pos + heredoc[0].length);
      advance(pos + heredoc[0].length);
      stack.push({ kind: "heredoc", marker: heredoc[2]! });
      continue;
    }
    if (IDENT_START.test(ch)) {
      let end = pos + 1;
      while (end < text.length && IDENT_PART.test(text[end]!)) end++;
      push("ident", pos, end);
      pos = end;
      continue;
    }
    if (DIGIT.test(ch)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(pos, pos + 64))!;
      push("number", pos, pos + m[0].length);
      pos += m[0].length;
      continue;
    }
    const multi = MULTI_PUNCT.find((p) => text.startsWith(p, pos));
    if (multi) {
      push("punct", pos, pos + multi.length);
      pos += multi.length;
      continue;
    }
    if (SINGLE_PUNCT.has(ch)) {
      if (ch === "}" && frame?.kind === "interp") {
        push("interpClose", pos, pos + 1);
        stack.pop();
      } else {
        push("punct", pos, pos + 1);
        if (ch === "{") stack.push({ kind: "bracket", close: "}" });
        else if (ch === "[") stack.push({ kind: "bracket", close: "]" });
        else if (ch === "(") stack.push({ kind: "bracket", close: ")" });
        else if ((ch === "}" || ch === "]" || ch === ")") && frame?.kind === "bracket") stack.pop();
      }
      pos++;
      continue;
    }
    push("invalid", pos, pos + 1);
    pos++;
  }
  return tokens;

  function indexOrEnd(needle: string, from: number): number {
    const i = text.indexOf(needle, from);
    return i < 0 ? text.length : i;
  }

  // Lexes template text up to the next interpolation, closing quote or heredoc end marker.
  function lexTemplate(frame: Frame): void {
    const start = pos;
    const startLine = line;
    const startColumn = pos - lineStart + 1;
    const flushText = (end: number): void => {
      if (end > start) tokens.push({ kind: "templateText", text: text.slice(start, end), start, end, line: startLine, column: startColumn });
    };
    let i = pos;
    let atLineStart = frame.kind === "heredoc" && (i === 0 || text[i - 1] === "\n");
    while (i < text.length) {
      if (frame.kind === "heredoc" && atLineStart) {
        const lineEnd = indexOrEnd("\n", i);
        if (text.slice(i, lineEnd).trim() === frame.marker) {
          flushText(i);
          advance(i);
          push("heredocClose", i, lineEnd);
          advance(lineEnd);
          stack.pop();
          return;
        }
      }
      atLineStart = false;
      const c = text[i]!;
      if (frame.kind === "quoted" && c === "\\") {
        i += 2;
        continue;
      }
      if (frame.kind === "quoted" && c === '"') {
        flushText(i);
        advance(i);
        push("quoteClose", i, i + 1);
        advance(i + 1);
        stack.pop();
        return;
      }
      if (frame.kind === "quoted" && c === "\n") {
        // An unterminated string: give up on it at the end of the line, as HCL does.
        flushText(i);
        advance(i);
        stack.pop();
        return;
      }
      if ((c === "$" || c === "%") && text[i + 1] === "{") {
        if (text[i - 1] === c && text[i - 2] !== c) {
          // `$${` and `%%{` are escapes for a literal `${` / `%{`.
          i += 2;
          continue;
        }
        flushText(i);
        advance(i);
        push("interpOpen", i, i + 2);
        advance(i + 2);
        stack.push({ kind: "interp" });
        return;
      }
      if (c === "\n") atLineStart = true;
      i++;
    }
    flushText(text.length);
    advance(text.length);
    stack.pop();
  }
}
