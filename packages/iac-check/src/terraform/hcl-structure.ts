// Turns tokens into the block/argument tree of one HCL file, with positions, and finds the
// references each expression makes. Values are attached later from hcl2json's JSON.

import type { Token } from "./hcl-tokens.js";
import type { Position, Traversal } from "./model.js";

export interface RawAttribute {
  name: string;
  position: Position;
  expression: string;
  traversals: Traversal[];
}

export interface RawBlock {
  type: string;
  labels: string[];
  position: Position;
  endLine: number;
  attributes: RawAttribute[];
  blocks: RawBlock[];
}

const KEYWORDS = new Set(["true", "false", "null", "for", "in", "if", "else", "endif", "endfor"]);
const OPENERS: Record<string, number> = { "{": 1, "[": 1, "(": 1 };
const CLOSERS: Record<string, number> = { "}": 1, "]": 1, ")": 1 };

export function parseStructure(tokens: Token[], text: string): RawBlock[] {
  const significant = tokens.filter((t) => t.kind !== "comment");
  let i = 0;
  const peek = (k = 0): Token | undefined => significant[i + k];
  const position = (t: Token): Position => ({ line: t.line, column: t.column });

  const skipNewlines = (): void => {
    while (peek()?.kind === "newline") i++;
  };

  // Consumes tokens up to the end of the current line at bracket depth 0 (or an unmatched `}`).
  const consumeExpression = (): Token[] => {
    const out: Token[] = [];
    let depth = 0;
    for (let t = peek(); t; t = peek()) {
      if (depth === 0 && (t.kind === "newline" || (t.kind === "punct" && t.text === "}"))) break;
      if ((t.kind === "punct" && t.text in OPENERS) || t.kind === "interpOpen" || t.kind === "quoteOpen" || t.kind === "heredocOpen") depth++;
      if ((t.kind === "punct" && t.text in CLOSERS) || t.kind === "interpClose" || t.kind === "quoteClose" || t.kind === "heredocClose") {
        depth = Math.max(0, depth - 1);
      }
      out.push(t);
      i++;
    }
    return out;
  };

  const skipLine = (): void => {
    consumeExpression();
  };

  const parseBody = (nested: boolean): RawBlock => {
    const body: RawBlock = { type: "", labels: [], position: { line: 1, column: 1 }, endLine: 1, attributes: [], blocks: [] };
    for (;;) {
      skipNewlines();
      const t = peek();
      if (!t) return body;
      if (t.kind === "punct" && t.text === "}") {
        if (nested) {
          i++;
          body.endLine = t.line;
          return body;
        }
        i++; // a stray `}` at top level: hcl2json reports it
        continue;
      }
      if (t.kind !== "ident") {
        skipLine();
        if (peek()?.kind === "punct" && peek()?.text === "}" && !nested) i++;
        continue;
      }
      i++;
      const next = peek();
      if (next?.kind === "punct" && next.text === "=") {
        i++;
        const expr = consumeExpression();
        body.attributes.push({
          name: t.text,
          position: position(t),
          expression: expr.length ? text.slice(expr[0]!.start, expr[expr.length - 1]!.end) : "",
          traversals: findTraversals(expr),
        });
        continue;
      }
      const labels: string[] = [];
      while (peek()?.kind === "ident" || peek()?.kind === "quoteOpen") {
        const l = peek()!;
        if (l.kind === "ident") {
          labels.push(l.text);
          i++;
        } else {
          i++;
          let label = "";
          while (peek() && peek()!.kind !== "quoteClose" && peek()!.kind !== "newline") label += peek()!.text, i++;
          if (peek()?.kind === "quoteClose") i++;
          labels.push(label);
        }
      }
      if (peek()?.kind === "punct" && peek()?.text === "{") {
        i++;
        const inner = parseBody(true);
        body.blocks.push({ ...inner, type: t.text, labels, position: position(t) });
        continue;
      }
      skipLine();
    }
  };

  return parseBody(false).blocks;
}

/**
 * Finds references (`var.x`, `aws_s3_bucket.b[0].arn`, ...) in an expression's tokens. Names
 * bound by `for` expressions are left out; function calls, object keys and provider functions
 * (`provider::aws::arn_parse`) are not references.
 */
export function findTraversals(tokens: Token[]): Traversal[] {
  const out: Traversal[] = [];
  const bound = new Set<string>();
  const sig = tokens.filter((t) => t.kind !== "newline" && t.kind !== "comment");
  for (let i = 0; i < sig.length; i++) {
    const t = sig[i]!;
    if (t.kind !== "ident") continue;
    const prev = sig[i - 1];
    const next = sig[i + 1];
    if (prev?.kind === "punct" && (prev.text === "." || prev.text === "::")) continue;
    if (t.text === "for") {
      for (let j = i + 1; j < sig.length && sig[j]!.text !== "in"; j++) if (sig[j]!.kind === "ident") bound.add(sig[j]!.text);
      continue;
    }
    if (KEYWORDS.has(t.text)) continue;
    if (next?.kind === "punct" && (next.text === "(" || next.text === "::" || next.text === "=")) continue;
    const startsItem = !prev || (prev.kind === "punct" && (prev.text === "{" || prev.text === ",")) || prev.kind === "newline";
    if (next?.kind === "punct" && next.text === ":" && startsItem) continue; // `{ key : value }`
    const parts = [t.text];
    let j = i + 1;
    for (;;) {
      const a = sig[j];
      const b = sig[j + 1];
      if (a?.kind === "punct" && a.text === "." && b && (b.kind === "ident" || b.kind === "number" || b.text === "*")) {
        parts.push(b.kind === "number" ? "[]" : b.text);
        j += 2;
        continue;
      }
      if (a?.kind === "punct" && a.text === "[") {
        let depth = 0;
        let k = j;
        for (; k < sig.length; k++) {
          const x = sig[k]!;
          if (x.kind === "punct" && x.text === "[") depth++;
          if (x.kind === "punct" && x.text === "]" && --depth === 0) break;
        }
        parts.push("[]");
        j = k + 1;
        continue;
      }
      break;
    }
    if (bound.has(t.text)) {
      i = j - 1;
      continue;
    }
    out.push({ parts, position: { line: t.line, column: t.column }, text: parts.join(".").replace(/\.\[\]/g, "[]") });
    // References inside index brackets (`local.m[var.k]`) are found on the next iterations.
  }
  return out;
}
