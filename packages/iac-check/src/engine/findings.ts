// Turns engine findings and acknowledgements into diagnostics a newcomer can act on.
import { relative } from "node:path";
import type { Acknowledgement, Diagnostic } from "../language.js";
import type { EngineAcknowledgement, EngineFinding } from "./protocol.js";
import { unknownRuleMessage } from "./known-rules.js";

export const MIN_REASON_LENGTH = 20;

/** `/abs/file.ts:12:5` -> file, line, column relative to the current directory. */
export function parseLocation(location: string | undefined): Pick<Diagnostic, "file" | "line" | "column"> | undefined {
  const match = location ? /^(.*):(\d+):(\d+)$/.exec(location) : null;
  if (!match) return undefined;
  return { file: relative(process.cwd(), match[1]!), line: Number(match[2]), column: Number(match[3]) };
}

const ACKNOWLEDGE_HINT_CDK = (ruleId: string): string =>
  `fix it, or if it is acceptable here add Validations.of(<construct>).acknowledge({ id: "${ruleId}", reason: "<why, at least ${MIN_REASON_LENGTH} characters>" })`;

/** Findings at warning or above are failures (every gate is hard); informational ones stay info. */
export function findingToDiagnostic(finding: EngineFinding, fallbackFile: string, acknowledgeHint = ACKNOWLEDGE_HINT_CDK): Diagnostic | undefined {
  const where = parseLocation(finding.sourceLocation) ?? { file: relative(process.cwd(), fallbackFile) };
  const severity = finding.severity === "info" ? "info" : "error";
  const location = finding.constructPath ?? finding.logicalId;
  switch (finding.source) {
    case "cdk-nag":
      if (finding.plugin === undefined) return { ...where, severity, rule: `cdk-nag/${finding.ruleId}`, message: finding.message, location };
      return { ...where, severity, rule: `cdk-nag/${finding.ruleId}`, location, message: `${finding.message} (cdk-nag ${finding.plugin} pack, ${finding.ruleId}): ${acknowledgeHint(finding.ruleId)}` };
    case "cfn-validate":
      return { ...where, severity, rule: `cfn-validate/${finding.ruleId}`, location: finding.logicalId && finding.constructPath ? `${finding.constructPath} (${finding.logicalId})` : location, message: `CloudFormation validation: ${finding.message}` };
    case "annotation":
      return { ...where, severity, rule: `annotation/${finding.ruleId}`, location, message: `${finding.message} (\`cdk synth --strict\` fails on these; fix the cause or acknowledge the warning with its id)` };
    case "deprecated-api":
      return { ...where, severity, rule: `deprecated-api/${finding.ruleId}`, location, message: finding.message };
    case "synth":
      return { ...where, severity, rule: `synth/${finding.ruleId}`, location, message: finding.message };
  }
}

/** Every acknowledgement is listed in the report; one without a real reason is itself an error. */
export function reviewAcknowledgements(acks: EngineAcknowledgement[], fallbackFile: string): { diagnostics: Diagnostic[]; acknowledgements: Acknowledgement[] } {
  const diagnostics: Diagnostic[] = [];
  const acknowledgements: Acknowledgement[] = [];
  for (const ack of acks) {
    acknowledgements.push({ rule: ack.ruleId, location: ack.constructPath, reason: ack.reason });
    const unknown = unknownRuleMessage(ack.ruleId, true);
    if (unknown) {
      const at = parseLocation(ack.sourceLocation) ?? { file: relative(process.cwd(), fallbackFile) };
      diagnostics.push({ ...at, severity: "warning", rule: "acknowledgement/unknown-rule", location: ack.constructPath, message: unknown });
    }
    const reason = ack.reason.trim();
    if (reason.length >= MIN_REASON_LENGTH) continue;
    const where = parseLocation(ack.sourceLocation) ?? { file: relative(process.cwd(), fallbackFile) };
    diagnostics.push({
      ...where,
      severity: "error",
      rule: "acknowledgement/reason",
      location: ack.constructPath,
      message:
        reason.length === 0
          ? `the acknowledgement of ${ack.ruleId} has no reason: say why the finding is acceptable here, in at least ${MIN_REASON_LENGTH} characters`
          : `the acknowledgement of ${ack.ruleId} gives the reason "${reason}" (${reason.length} characters): explain why the finding is acceptable here in at least ${MIN_REASON_LENGTH} characters`,
    });
  }
  return { diagnostics, acknowledgements };
}
