// Inline suppression: `# iac-check:ignore <rule-id> <reason>` on the comment lines directly above
// a resource. The reason is required (at least 20 characters) and lands in the report as an
// acknowledgement, so a suppression is a reviewed decision, not a silent one.

import type { Acknowledgement, Diagnostic } from "../language.js";
import type { TfBlock, TfFile } from "./model.js";
import { blockAddress } from "./model.js";

export const MIN_REASON_LENGTH = 20;
const DIRECTIVE = /^\s*(?:#|\/\/)\s*iac-check:ignore\b\s*(\S*)\s*(.*)$/;

export interface Suppression {
  rule: string;
  reason: string;
  line: number;
  file: TfFile;
  used: boolean;
}

const linesOf = new WeakMap<TfFile, string[]>();

/** Suppressions written in the run of comment lines directly above `block`. */
export function suppressionsFor(block: TfBlock): Suppression[] {
  if (block.file.isJson) return [];
  let lines = linesOf.get(block.file);
  if (!lines) {
    lines = block.file.text.split("\n");
    linesOf.set(block.file, lines);
  }
  const out: Suppression[] = [];
  for (let i = block.position.line - 2; i >= 0; i--) {
    const line = lines[i]!;
    if (!/^\s*(#|\/\/)/.test(line)) break;
    const m = DIRECTIVE.exec(line);
    if (m) out.push({ rule: m[1] ?? "", reason: (m[2] ?? "").trim(), line: i + 1, file: block.file, used: false });
  }
  return out;
}

export interface SuppressionResult {
  diagnostics: Diagnostic[];
  acknowledgements: Acknowledgement[];
}

/**
 * Splits findings into reported diagnostics and acknowledged ones; reports suppressions that
 * lack a reason, name an unknown rule or suppress nothing.
 */
export function applySuppressions(findings: { diagnostic: Diagnostic; block: TfBlock }[], blocks: TfBlock[], knownRules: Set<string>): SuppressionResult {
  const result: SuppressionResult = { diagnostics: [], acknowledgements: [] };
  const byBlock = new Map<TfBlock, Suppression[]>();
  for (const b of blocks) {
    const s = suppressionsFor(b);
    if (s.length) byBlock.set(b, s);
  }
  for (const { diagnostic, block } of findings) {
    const s = byBlock.get(block)?.find((x) => x.rule === diagnostic.rule);
    if (s && s.reason.length >= MIN_REASON_LENGTH) {
      s.used = true;
      result.acknowledgements.push({ rule: diagnostic.rule, location: `${blockAddress(block)} (${block.file.path}:${block.position.line})`, reason: s.reason });
    } else {
      result.diagnostics.push(diagnostic);
    }
  }
  for (const list of byBlock.values()) {
    for (const s of list) {
      const at = { file: s.file.path, line: s.line, column: 1 };
      if (!knownRules.has(s.rule)) {
        result.diagnostics.push({ ...at, severity: "error", rule: "tf/suppression", message: `iac-check:ignore names ${s.rule ? `an unknown rule "${s.rule}"` : "no rule"}: write # iac-check:ignore <rule-id> <reason>, e.g. tf-sec/sns-encryption.` });
      } else if (s.reason.length < MIN_REASON_LENGTH) {
        result.diagnostics.push({ ...at, severity: "error", rule: "tf/suppression", message: `Suppressing ${s.rule} needs a reason of at least ${MIN_REASON_LENGTH} characters after the rule id (it is listed in the report): say why this resource is safe.` });
      } else if (!s.used) {
        result.diagnostics.push({ ...at, severity: "warning", rule: "tf/suppression", message: `iac-check:ignore ${s.rule} suppresses nothing here: remove it.` });
      }
    }
  }
  return result;
}
