// security-check's findings: iac-check's diagnostics split into the problem and the fix, sorted by
// severity, rendered as a markdown table (for an agent's answer) or JSON, and the exit code.
import { resolve } from "node:path";
import type { Diagnostic } from "@aws-patterns/iac-check/dist/language.js";
import { EXIT, markdownTable } from "../shared/index.js";

export type Severity = "error" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** `path`: what the user named, when it holds nothing to check. */
export type TargetKind = "cdk-app" | "cdk-assembly" | "cloudformation" | "terraform" | "path";

export interface Finding {
  severity: Severity;
  /** The id to fix or acknowledge: `AwsSolutions-EC23`, `cfn-validate/W2508`, `tf-sec/no-public-admin-ingress`. */
  rule: string;
  file: string;
  line?: number;
  column?: number;
  /** Construct path, logical id or Terraform address. */
  resource?: string;
  problem: string;
  fix: string;
}

/** Something that kept a target from being checked (exit 2): it is never a pass. */
export interface Problem {
  file: string;
  line?: number;
  rule: string;
  message: string;
}

export interface TargetReport {
  target: string;
  kind: TargetKind;
  /** What ran: the packs, the engine, the aws-cdk-lib used. */
  checkedWith: string[];
  findings: Finding[];
  problems: Problem[];
  acknowledged: { rule: string; location: string; reason: string }[];
}

/** Rules that mean "could not check", not "found something". */
const CANNOT_CHECK = /^(?:cloudformation\/(?:syntax|size|unreadable|engine|timeout|not-expanded)|cdk-nag\/not-run|tf\/(?:syntax|no-files)|iac-check\/|cdk\/|synth\/|security-check\/)/;

const KIND_NAMES: Record<TargetKind, string> = {
  "cdk-app": "CDK app",
  "cdk-assembly": "synthesized CDK app (cdk.out)",
  cloudformation: "CloudFormation template",
  terraform: "Terraform module",
  path: "Path",
};

/** Sorts an iac-check diagnostic into a finding or a problem, splitting its message into problem and fix. */
export function classify(diagnostic: Diagnostic, severity: Severity = diagnostic.severity): { finding?: Finding; problem?: Problem } {
  const where = { file: displayPath(diagnostic.file), ...(diagnostic.line ? { line: diagnostic.line } : {}), ...(diagnostic.column ? { column: diagnostic.column } : {}) };
  if (CANNOT_CHECK.test(diagnostic.rule)) return { problem: { ...where, rule: diagnostic.rule, message: diagnostic.message } };
  const { rule, problem, fix } = splitMessage(diagnostic.rule, diagnostic.message);
  return { finding: { severity, rule, ...where, ...(diagnostic.location ? { resource: diagnostic.location } : {}), problem, fix } };
}

/** iac-check prints paths relative to the current folder; outside it, an absolute path reads better. */
export function displayPath(file: string): string {
  return file.startsWith("../") ? resolve(file) : file;
}

function splitMessage(rule: string, message: string): { rule: string; problem: string; fix: string } {
  if (rule.startsWith("cdk-nag/")) {
    // iac-check: "<summary> <explanation> (cdk-nag <Pack> pack, <id>): <how to acknowledge>"
    const id = rule.slice("cdk-nag/".length);
    const body = message.replace(/ \(cdk-nag \S+ pack, [^)]+\): [\s\S]*$/, "");
    const sentence = /^([\s\S]+?[.!?])\s+([\s\S]+)$/.exec(body);
    return { rule: id, problem: sentence?.[1] ?? body, fix: sentence?.[2] ?? `See the cdk-nag rule ${id}.` };
  }
  if (rule.startsWith("cfn-validate/")) {
    const id = rule.slice("cfn-validate/".length);
    return {
      rule,
      problem: message.replace(/^CloudFormation validation: /, ""),
      fix: `Change the template so the check passes (cfn-lint rule ${id}, https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md).`,
    };
  }
  // tf-sec messages and iac-check's own: "<what is wrong>: <what to do>"
  const split = message.indexOf(": ");
  if (split > 0) {
    const fix = message.slice(split + 2);
    return { rule, problem: message.slice(0, split), fix: fix.charAt(0).toUpperCase() + fix.slice(1) };
  }
  return { rule, problem: message, fix: "" };
}

export function bySeverity(a: Finding, b: Finding): number {
  return RANK[a.severity] - RANK[b.severity] || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule);
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] <= RANK[threshold];
}

/** 2 when any target could not be checked (its findings would be incomplete), else 1 when a finding reaches the threshold, else 0. */
export function exitCode(reports: TargetReport[], threshold: Severity): number {
  if (reports.some((r) => r.problems.length > 0)) return EXIT.usage;
  if (reports.some((r) => r.findings.some((f) => atOrAbove(f.severity, threshold)))) return EXIT.findings;
  return EXIT.clean;
}

function counts(findings: Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

const HOW_TO_ACCEPT: Record<TargetKind, string> = {
  "cdk-app": 'in the app, `Validations.of(construct).acknowledge({ id: "<rule>", reason: "<why, 20+ characters>" })`',
  "cdk-assembly": 'in the app, `Validations.of(construct).acknowledge({ id: "<rule>", reason: "<why, 20+ characters>" })`, then `cdk synth` again',
  cloudformation: "in the resource's `Metadata`: `iac-check: { acknowledge: [{ id: <rule>, reason: <why, 20+ characters> }] }`",
  terraform: "a comment right above the block: `# iac-check:ignore <rule> <why, 20+ characters>`",
  path: "",
};

/** The markdown an agent pastes into its answer: one section per target, findings by severity. */
export function renderMarkdown(reports: TargetReport[], threshold: Severity): string {
  const shown = (f: Finding) => atOrAbove(f.severity, threshold === "info" ? "info" : "warning");
  const out: string[] = [];
  for (const report of reports) {
    out.push(`## ${KIND_NAMES[report.kind]}: ${displayPath(report.target)}\n`);
    if (report.checkedWith.length > 0) out.push(`Checked with ${report.checkedWith.join("; ")}.\n`);
    if (report.problems.length > 0) {
      out.push("**Could not be checked** (nothing below is a pass for these):\n");
      for (const p of report.problems) out.push(`- ${displayPath(p.file)}${p.line ? `:${p.line}` : ""}: ${p.message} (${p.rule})`);
      out.push("");
    }
    const findings = report.findings.filter(shown).sort(bySeverity);
    const c = counts(report.findings);
    if (findings.length > 0) {
      out.push(
        markdownTable(
          [
            { header: "Severity", cell: (f: Finding) => f.severity },
            { header: "Rule", cell: (f) => f.rule },
            { header: "Where", cell: (f) => `${f.file}${f.line ? `:${f.line}` : ""}` },
            { header: "Resource", cell: (f) => f.resource ?? "" },
            { header: "Problem", cell: (f) => f.problem },
            { header: "Fix", cell: (f) => f.fix },
          ],
          findings,
        ),
      );
    } else if (report.problems.length === 0) {
      out.push("No findings.\n");
    }
    const hidden = report.findings.length - findings.length;
    if (report.kind !== "path") out.push(`Findings: ${c.error} error, ${c.warning} warning, ${c.info} info${hidden > 0 ? ` (${hidden} info not listed; --severity info lists them)` : ""}. Acknowledged: ${report.acknowledged.length}.`);
    if (findings.length > 0 && HOW_TO_ACCEPT[report.kind]) out.push(`To accept a finding on purpose, record why: ${HOW_TO_ACCEPT[report.kind]}.`);
    out.push("");
  }
  const code = exitCode(reports, threshold);
  out.push(
    code === EXIT.usage
      ? "Result: some targets could not be checked (exit 2)."
      : code === EXIT.findings
        ? `Result: findings at or above ${threshold} (exit 1).`
        : `Result: nothing at or above ${threshold} (exit 0).`,
  );
  return `${out.join("\n")}\n`;
}

export function toJson(reports: TargetReport[], threshold: Severity): unknown {
  const all = reports.flatMap((r) => r.findings);
  return {
    threshold,
    exitCode: exitCode(reports, threshold),
    summary: counts(all),
    targets: reports.map((r) => ({ ...r, findings: [...r.findings].sort(bySeverity) })),
  };
}
