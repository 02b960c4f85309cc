// Reads a `.tf.json` file (Terraform's JSON configuration syntax) into the same tree as HCL.
// jsonc-parser gives every key its offset, which plain JSON.parse does not.

import jsonc from "jsonc-parser";
import type { Node as JsonNode, ParseError } from "jsonc-parser";
import type { Diagnostic } from "../language.js";
import { findTraversals } from "./hcl-structure.js";
import { tokenizeHcl } from "./hcl-tokens.js";
import type { ParsedFile } from "./parse-hcl.js";
import type { Position, TfAttribute, TfBlock, TfFile, Traversal } from "./model.js";

/** How many labels each top-level block type takes in JSON: `resource.TYPE.NAME` is 2. */
const TOP_LEVEL_LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  variable: 1,
  output: 1,
  module: 1,
  provider: 1,
  check: 1,
  ephemeral: 2,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  removed: 0,
};

/** Nested blocks whose names are fixed by Terraform itself (not by a provider schema). */
const META_BLOCKS: Record<string, number> = {
  lifecycle: 0,
  connection: 0,
  provisioner: 1,
  dynamic: 1,
  content: 0,
  required_providers: 0,
  backend: 1,
  cloud: 0,
  validation: 0,
  precondition: 0,
  postcondition: 0,
  assert: 0,
};

export function parseTfJsonFile(path: string, text: string): ParsedFile {
  const file: TfFile = { path, text, isJson: true, blocks: [] };
  const errors: ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const at = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  if (errors.length > 0 || !root) {
    const e = errors[0];
    const pos = at(e?.offset ?? 0);
    const what = e ? jsonc.printParseErrorCode(e.error) : "EmptyFile";
    return { file, ok: false, diagnostics: [jsonDiagnostic(path, pos, `Invalid JSON (${what}). A .tf.json file must be one JSON object.`)] };
  }
  if (root.type !== "object") {
    return { file, ok: false, diagnostics: [jsonDiagnostic(path, at(root.offset), "A .tf.json file must hold one JSON object whose keys are block types (resource, variable, ...).")] };
  }
  const diagnostics: Diagnostic[] = [];

  const traversalsIn = (node: JsonNode): Traversal[] => {
    if (node.type === "string" && typeof node.value === "string" && node.value.includes("${")) {
      const position = at(node.offset);
      // Positions inside a JSON string shift with escapes: every reference gets the string's position.
      return findTraversals(tokenizeHcl(node.value, { startInTemplate: true })).map((t) => ({ ...t, position }));
    }
    return (node.children ?? []).flatMap(traversalsIn);
  };

  const bodies = (node: JsonNode): JsonNode[] =>
    node.type === "array" ? (node.children ?? []).filter((c) => c.type === "object") : node.type === "object" ? [node] : [];

  const toBody = (type: string, labels: string[], position: Position, node: JsonNode): TfBlock => {
    const block: TfBlock = { type, labels, position, endLine: at(node.offset + node.length).line, attributes: [], blocks: [], file };
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode) continue;
      const name = String(keyNode.value);
      if (name === "//") continue; // JSON syntax's comment key
      const pos = at(keyNode.offset);
      const labelCount = META_BLOCKS[name];
      if (labelCount !== undefined && type !== "locals" && (valueNode.type === "object" || valueNode.type === "array")) {
        block.blocks.push(...expandLabels(name, labelCount, pos, valueNode));
        continue;
      }
      const attr: TfAttribute = {
        name,
        position: pos,
        value: jsonc.getNodeValue(valueNode),
        expression: text.slice(valueNode.offset, valueNode.offset + valueNode.length),
        traversals: traversalsIn(valueNode),
      };
      if (bodies(valueNode).length > 0) attr.asBlocks = bodies(valueNode).map((b) => toBody(name, [], at(b.offset), b));
      block.attributes.push(attr);
    }
    return block;
  };

  const expandLabels = (type: string, labelCount: number, position: Position, node: JsonNode, labels: string[] = []): TfBlock[] => {
    if (labels.length === labelCount) return bodies(node).map((b) => toBody(type, labels, position, b));
    if (node.type !== "object") {
      diagnostics.push(jsonDiagnostic(path, at(node.offset), `"${type}" expects ${labelCount} level(s) of names before its body (e.g. {"${type}": {"name": {...}}}).`));
      return [];
    }
    return (node.children ?? []).flatMap((prop) => {
      const [k, v] = prop.children ?? [];
      return k && v ? expandLabels(type, labelCount, at(k.offset), v, [...labels, String(k.value)]) : [];
    });
  };

  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const type = String(keyNode.value);
    if (type === "//") continue;
    const labelCount = TOP_LEVEL_LABELS[type];
    if (labelCount === undefined) {
      diagnostics.push(jsonDiagnostic(path, at(keyNode.offset), `Unknown top-level key "${type}": expected a block type such as resource, data, variable, output, locals, module, provider or terraform.`));
      continue;
    }
    file.blocks.push(...expandLabels(type, labelCount, at(keyNode.offset), valueNode));
  }
  return { file, diagnostics, ok: diagnostics.length === 0 };
}

function jsonDiagnostic(file: string, pos: Position, message: string): Diagnostic {
  return { file, line: pos.line, column: pos.column, severity: "error", message, rule: "tf/syntax" };
}
