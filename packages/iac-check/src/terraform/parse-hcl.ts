// Reads and parses one `.tf` file: hcl2json (the Go HCL parser in WebAssembly) decides whether
// the syntax is valid and computes literal values; our tokenizer adds the positions hcl2json's
// JSON does not carry (see hcl-tokens.ts for why).

import { parse as hclToJson } from "@cdktn/hcl2json";
import type { Diagnostic } from "../language.js";
import { parseStructure, type RawBlock } from "./hcl-structure.js";
import { tokenizeHcl } from "./hcl-tokens.js";
import type { TfBlock, TfFile } from "./model.js";

export interface ParsedFile {
  file: TfFile;
  diagnostics: Diagnostic[];
  /** False when the file could not be parsed: later checks skip the module. */
  ok: boolean;
}

/** Decodes a Terraform file as Terraform does: UTF-8 only (a UTF-8 BOM is tolerated). */
export function decodeTerraformSource(bytes: Uint8Array, path: string): { text: string } | { diagnostic: Diagnostic } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { diagnostic: syntaxDiagnostic(path, 1, 1, "This file is UTF-16 encoded; Terraform reads UTF-8 only. Save it as UTF-8.") };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    const { line, column } = firstInvalidUtf8(bytes);
    return {
      diagnostic: syntaxDiagnostic(path, line, column, "This file is not valid UTF-8 (it may be Latin-1 or Windows-1252); Terraform reads UTF-8 only. Re-save it as UTF-8."),
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the longest valid prefix (a cut inside a sequence also fails, so back off 3 bytes).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  const prefix = new TextDecoder("utf-8").decode(bytes.subarray(0, Math.max(0, lo - 3)));
  const lines = prefix.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function syntaxDiagnostic(file: string, line: number, column: number, message: string): Diagnostic {
  return { file, line, column, severity: "error", message, rule: "tf/syntax" };
}

// hcl2json rejects with `parse config: [main.tf:2,7-3,1: Summary; Detail., and 1 other diagnostic(s)]`.
const HCL_ERROR = /:(\d+),(\d+)-(?:\d+,)?\d+: ([^;\]]+)(?:; ([^\]]*?))?(?:, and (\d+) other diagnostic\(s\))?\]?$/;

/** Starts the parser's WebAssembly module (the first call pays for it). */
export function warmUpParser(): Promise<void> {
  return hclToJson("warm-up.tf", "x = 1\n").then(
    () => undefined,
    () => undefined,
  );
}

export async function parseHclFile(path: string, text: string): Promise<ParsedFile> {
  const file: TfFile = { path, text, isJson: false, blocks: [] };
  if (text.trim() === "") return { file, diagnostics: [], ok: true };
  let json: Record<string, unknown>;
  try {
    json = await hclToJson(path, text);
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    if (/^\s*[{[]/.test(text)) {
      return {
        file,
        ok: false,
        diagnostics: [syntaxDiagnostic(path, 1, 1, "This .tf file holds JSON. Terraform reads JSON configuration only from files named *.tf.json: rename it.")],
      };
    }
    const m = HCL_ERROR.exec(raw);
    const more = m?.[5] ? ` (and ${m[5]} more error(s) after fixing this one)` : "";
    const message = m ? `${m[3]!.trim()}: ${(m[4] ?? "").trim()}${more}` : `Cannot parse this file: ${raw.replace(/^parse config: /, "")}`;
    return { file, ok: false, diagnostics: [syntaxDiagnostic(path, m ? Number(m[1]) : 1, m ? Number(m[2]) : 1, message)] };
  }
  const raw = parseStructure(tokenizeHcl(text), text);
  file.blocks = raw.map((b) => toBlock(b, file));
  attachValues(file.blocks, json);
  return { file, diagnostics: [], ok: true };
}

function toBlock(raw: RawBlock, file: TfFile): TfBlock {
  return {
    type: raw.type,
    labels: raw.labels,
    position: raw.position,
    endLine: raw.endLine,
    attributes: raw.attributes.map((a) => ({ ...a, value: undefined })),
    blocks: raw.blocks.map((b) => toBlock(b, file)),
    file,
  };
}

/**
 * hcl2json nests a block under its type and labels, as a list of bodies in source order:
 * `resource.aws_s3_bucket.b[0]`, `lifecycle[0]`, `dynamic.rule[0]`. Arguments are plain keys.
 */
function attachValues(blocks: TfBlock[], body: unknown, attributes: TfBlock["attributes"] = []): void {
  if (!body || typeof body !== "object" || Array.isArray(body)) return;
  const record = body as Record<string, unknown>;
  for (const a of attributes) a.value = record[a.name];
  const seen = new Map<string, number>();
  for (const b of blocks) {
    const key = [b.type, ...b.labels].join("\u0000");
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    let node: unknown = record[b.type];
    for (const label of b.labels) node = node && typeof node === "object" && !Array.isArray(node) ? (node as Record<string, unknown>)[label] : undefined;
    const bodies = Array.isArray(node) ? node : node === undefined ? [] : [node];
    attachValues(b.blocks, bodies[index], b.attributes);
  }
}
