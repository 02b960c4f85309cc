// Inline suppression: `# iac-check:ignore <rule-id> <reason>` on the comment lines directly above
// a block. The reason is required (at least 20 characters) and lands in the report as an
// acknowledgement, so a suppression is a reviewed decision, not a silent one.
//
// A suppression covers its block from header to closing brace, nested blocks included: a finding
// printed anywhere inside it, or belonging to it (a bucket's finding printed at its ACL), is
// suppressed. Every directive in a file is read, wherever it is, so one that names no known rule
// or sits above no block is reported rather than silently ignored.

import type { Acknowledgement, Diagnostic } from "../language.js";
import { closest } from "./diagnostics.js";
import type { TfBlock, TfFile } from "./model.js";
import { blockAddress } from "./model.js";

export const MIN_REASON_LENGTH = 20;
const DIRECTIVE = /^\s*(?:#|\/\/)\s*iac-check:ignore\b\s*(\S*)\s*(.*)$/;
const COMMENT_LINE = /^\s*(#|\/\/)/;
const MENTION = /(#|\/\/|\/\*).*iac-check:ignore/;

export interface Suppression {
  rule: string;
  reason: string;
  line: number;
  column?: number;
  file: TfFile;
  /** The block it stands above; undefined when it stands above none. */
  block?: TfBlock;
  /** Written where it is not read: a trailing or block comment, or a .tf.json file. */
  misplaced?: "comment" | "json";
  used: boolean;
}

/** Every `iac-check:ignore` directive of a file, each tied to the block it stands directly above. */
export function suppressionsIn(file: TfFile): Suppression[] {
  const lines = file.text.split("\n");
  if (file.isJson) {
    // JSON has no comments; a "//" key naming a rule would be silently ignored, so say so.
    return lines.flatMap((text, index) => (text.includes("iac-check:ignore") ? [{ rule: "", reason: "", line: index + 1, column: text.indexOf("iac-check:ignore") + 1, file, misplaced: "json" as const, used: false }] : []));
  }
  const out: Suppression[] = [];
  const byLine = new Map<number, Suppression>();
  lines.forEach((text, index) => {
    const m = DIRECTIVE.exec(text);
    if (m) {
      const s: Suppression = { rule: m[1] ?? "", reason: (m[2] ?? "").trim(), line: index + 1, file, used: false };
      out.push(s);
      byLine.set(index + 1, s);
    } else if (MENTION.test(text)) {
      // A trailing or block comment: not a directive iac-check reads, so say so.
      out.push({ rule: "", reason: "", line: index + 1, column: text.indexOf("iac-check:ignore") + 1, file, misplaced: "comment", used: false });
    }
  });
  // `as` is the block a suppression then covers: an override file's block was merged into another.
  const attach = (block: TfBlock, as: TfBlock = block): void => {
    for (let i = block.position.line - 2; i >= 0 && COMMENT_LINE.test(lines[i]!); i--) {
      const s = byLine.get(i + 1);
      if (s && !s.block) s.block = as;
    }
    block.blocks.forEach((b) => attach(b));
    for (const a of block.attributes) a.asBlocks?.forEach((b) => attach(b));
  };
  file.blocks.forEach((b) => attach(b));
  for (const m of file.merged ?? []) attach(m.block, m.into);
  return out;
}

export interface SuppressionResult {
  diagnostics: Diagnostic[];
  acknowledgements: Acknowledgement[];
}

const covers = (s: Suppression, diagnostic: Diagnostic, owner: TfBlock): boolean => {
  if (!s.block) return false;
  if (s.block === owner) return true;
  const line = diagnostic.line ?? 0;
  return diagnostic.file === s.file.path && line >= s.block.position.line && line <= s.block.endLine;
};

/**
 * Splits findings into reported diagnostics and acknowledged ones; reports suppressions that
 * lack a reason, name an unknown rule, stand above no block, or suppress nothing.
 */
export function applySuppressions(findings: { diagnostic: Diagnostic; block: TfBlock }[], files: TfFile[], knownRules: Set<string>): SuppressionResult {
  const result: SuppressionResult = { diagnostics: [], acknowledgements: [] };
  const all = files.flatMap(suppressionsIn);
  for (const { diagnostic, block } of findings) {
    const candidates = all.filter((s) => s.rule === diagnostic.rule && covers(s, diagnostic, block));
    const accepted = candidates.find((s) => s.reason.length >= MIN_REASON_LENGTH);
    for (const s of candidates) s.used = true;
    if (accepted) {
      result.acknowledgements.push({ rule: diagnostic.rule, location: `${blockAddress(block)} (${diagnostic.file}:${diagnostic.line})`, reason: accepted.reason });
    } else {
      result.diagnostics.push(diagnostic);
    }
  }
  for (const s of all) {
    const at = { file: s.file.path, line: s.line, column: s.column ?? 1 };
    if (s.misplaced === "json") {
      result.diagnostics.push({ ...at, severity: "warning", rule: "tf/suppression", message: `iac-check:ignore is not read in .tf.json files (JSON has no comments): this one is ignored. Move the resource to a .tf file to suppress a finding.` });
    } else if (s.misplaced) {
      result.diagnostics.push({ ...at, severity: "warning", rule: "tf/suppression", message: `iac-check:ignore is only read as a whole comment line (# iac-check:ignore <rule-id> <reason>) directly above a block: this one is ignored.` });
    } else if (!knownRules.has(s.rule)) {
      // A rule id that does not exist suppresses nothing: a warning, as for CDK and template
      // acknowledgements; a `tf/` id names a mistake to fix, never to suppress, so that is an error.
      const configurationRule = /^(tf|terraform|tofu)\//.test(s.rule) || !s.rule;
      result.diagnostics.push({ ...at, severity: configurationRule ? "error" : "warning", rule: "tf/suppression", message: unknownRuleMessage(s.rule, knownRules) });
    } else if (s.reason.length < MIN_REASON_LENGTH) {
      result.diagnostics.push({ ...at, severity: "error", rule: "tf/suppression", message: `Suppressing ${s.rule} needs a reason of at least ${MIN_REASON_LENGTH} characters after the rule id (it is listed in the report): say why this resource is safe.` });
    } else if (!s.block) {
      result.diagnostics.push({ ...at, severity: "warning", rule: "tf/suppression", message: `iac-check:ignore ${s.rule} stands above no block, so it suppresses nothing: put it on the comment lines directly above the resource (no blank line between).` });
    } else if (!s.used) {
      result.diagnostics.push({ ...at, severity: "warning", rule: "tf/suppression", message: `iac-check:ignore ${s.rule} suppresses nothing in ${blockAddress(s.block)}: remove it.` });
    }
  }
  return result;
}

function unknownRuleMessage(rule: string, knownRules: Set<string>): string {
  const ids = [...knownRules].sort();
  if (!rule) return `iac-check:ignore names no rule: write # iac-check:ignore <rule-id> <reason>, with one of ${ids.join(", ")}.`;
  if (/^(tf|terraform|tofu)\//.test(rule)) return `iac-check:ignore ${rule}: only the security rules (tf-sec/*) can be suppressed; ${rule} reports a mistake in the configuration, so fix it instead.`;
  const near = closest(rule, ids) ?? closest(rule.replace(/^tf-sec\//, ""), ids.map((id) => id.replace(/^tf-sec\//, "")));
  const hint = near ? `Did you mean ${near.startsWith("tf-sec/") ? near : `tf-sec/${near}`}?` : `The rules are: ${ids.join(", ")}.`;
  return `iac-check:ignore names an unknown rule "${rule}". ${hint}`;
}
