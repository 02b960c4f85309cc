// Checks hand-written CloudFormation templates: parse (YAML short forms or JSON, keeping line
// numbers) -> the CloudFormation validation engine on the template as written -> the cdk-nag
// packs through cloudformation-include, with acknowledgements from the template's Metadata ->
// optionally cfn-lint as a cross-check. The engine and cdk-nag run in the shared engine host.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import type { CheckOptions, CheckReport, Diagnostic } from "../language.js";
import { EngineTimeoutError } from "../engine/host-client.js";
import { checkInEngine, warmCheckEngine } from "../shared/client.js";
import type { EngineFinding, EngineResult, TemplateAcknowledgement } from "../engine/protocol.js";
import { readTemplateAcknowledgements, isObject, METADATA_KEY } from "./acknowledgements.js";
import { findCfnLint, runCfnLint } from "./cfn-lint.js";
import { acknowledgementsForGenerated, expandTransforms } from "./expand-transforms.js";
import { loadTemplateFile } from "./load-template.js";
import { splitPropertyPath, type ParsedTemplate } from "./parse-template.js";

export { unreadableMessage } from "./load-template.js";

export interface CheckTemplatesOptions extends CheckOptions {
  /**
   * Acknowledgements for a target besides those in its Metadata, by target: the skill's
   * security-check reads them from a cloud assembly's metadata (`Validations.of(x).acknowledge` in
   * the app), which the synthesized templates do not carry.
   */
  extraAcknowledgements?: Map<string, TemplateAcknowledgement[]>;
}

export async function checkTemplates(targets: string[], options: CheckTemplatesOptions): Promise<CheckReport[]> {
  warmCheckEngine();
  const workDir = mkdtempSync(join(tmpdir(), "iac-check-cfn-"));
  // IAC_CHECK_CFN_LINT=0 skips the optional cross-check (the test suite does, for speed).
  const cfnLint = process.env.IAC_CHECK_CFN_LINT === "0" ? undefined : findCfnLint();
  try {
    const reports: Promise<CheckReport>[] = targets.map((target, index) => checkOne(target, index, workDir, cfnLint, options));
    return await Promise.all(reports);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function checkOne(target: string, index: number, workDir: string, cfnLint: string | undefined, options: CheckTemplatesOptions): Promise<CheckReport> {
  const started = performance.now();
  const file = relative(process.cwd(), resolve(target)) || target;
  const report = (diagnostics: Diagnostic[], extra: Partial<CheckReport> = {}): CheckReport => ({
    language: "cloudformation",
    target,
    diagnostics,
    acknowledgements: [],
    details: {},
    ...extra,
    timingsMs: { ...extra.timingsMs, total: Math.round(performance.now() - started) },
  });
  const loaded = loadTemplateFile(target, file);
  if ("diagnostic" in loaded) return report([loaded.diagnostic]);
  const { parsed } = loaded;
  const parseMs = performance.now() - started;
  const fromMetadata = readTemplateAcknowledgements(parsed, file);
  const acks = { ...fromMetadata, acknowledgements: [...fromMetadata.acknowledgements, ...(options.extraAcknowledgements?.get(target) ?? [])] };
  const jsonFile = join(workDir, `template-${index}.json`);
  writeFileSync(jsonFile, JSON.stringify(parsed.template));
  const forRules = expandTransforms(parsed, file);
  let includeFile: string | undefined;
  if (forRules.template) {
    includeFile = join(workDir, `template-${index}-expanded.json`);
    writeFileSync(includeFile, JSON.stringify(forRules.template));
  }

  const diagnostics: Diagnostic[] = [...acks.diagnostics, ...forRules.diagnostics];
  let result: EngineResult | undefined;
  try {
    const acknowledgements = forRules.template ? acknowledgementsForGenerated(acks.acknowledgements, forRules.origins) : acks.acknowledgements;
    result = await checkInEngine({ kind: "check-template", jsonFile, includeFile, outdir: join(workDir, `assembly-${index}`), acknowledgements }, options.timeoutMs);
    diagnostics.push(...result.findings.map((finding) => templateDiagnostic(finding, parsed, file, forRules.origins)));
  } catch (error) {
    diagnostics.push({
      file,
      line: 1,
      column: 1,
      severity: "error",
      rule: error instanceof EngineTimeoutError ? "cloudformation/timeout" : "cloudformation/engine",
      message: error instanceof EngineTimeoutError ? `validating the template ${error.message} (--timeout ${options.timeoutMs / 1000} s)` : `validating the template failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    });
  }
  let cfnLintNote: string | undefined = cfnLint ? undefined : "cfn-lint is not on PATH; cross-check skipped";
  if (cfnLint) {
    const crossCheck = await runCfnLint(cfnLint, file, options.timeoutMs);
    diagnostics.push(...crossCheck.diagnostics);
    cfnLintNote = crossCheck.note;
  }
  return report(diagnostics, {
    acknowledgements: acks.acknowledgements.map((a) => ({ rule: a.id, location: a.logicalId ?? "(whole template)", reason: a.reason })),
    details: { ...templateFacts(parsed.template), nagPacks: result?.packs ?? [], findings: result?.findings ?? [], cfnLint: cfnLintNote ?? "ran" },
    timingsMs: { parse: Math.round(parseMs), ...Object.fromEntries(Object.entries(result?.timingsMs ?? {}).map(([k, v]) => [`engine.${k}`, Math.round(v)])) },
  });
}

function templateDiagnostic(finding: EngineFinding, parsed: ParsedTemplate, file: string, origins: Map<string, (string | number)[]>): Diagnostic {
  const severity = finding.severity === "info" ? "info" : "error";
  // A resource the SAM or language-extensions expansion generated is reported where it comes from.
  const origin = finding.logicalId ? origins.get(finding.logicalId) : undefined;
  const path: (string | number)[] = origin
    ? origin
    : finding.logicalId
      ? ["Resources", finding.logicalId, ...splitPropertyPath(finding.propertyPath ?? "")]
      : finding.propertyPath?.includes("/")
        ? splitPropertyPath(finding.propertyPath)
        : [];
  const where = { file, ...parsed.locate(path) };
  if (origin && finding.logicalId) finding = { ...finding, logicalId: `${String(origin[1] ?? origin.at(-1))} (generated ${finding.logicalId})` };
  if (finding.source === "cfn-validate") {
    return { ...where, severity, rule: `cfn-validate/${finding.ruleId}`, location: finding.logicalId, message: `CloudFormation validation: ${finding.message}` };
  }
  if (finding.plugin === undefined) return { ...where, severity, rule: `cdk-nag/${finding.ruleId}`, location: finding.logicalId, message: finding.message };
  return {
    ...where,
    severity,
    rule: `cdk-nag/${finding.ruleId}`,
    location: finding.logicalId,
    message: `${finding.message} (cdk-nag ${finding.plugin} pack, ${finding.ruleId}): fix it, or if it is acceptable here add to the resource's Metadata: ${METADATA_KEY}: { acknowledge: [{ id: ${finding.ruleId}, reason: <why, at least 20 characters> }] }`,
  };
}

function templateFacts(template: Record<string, unknown>): Record<string, unknown> {
  const resourcesByType: Record<string, number> = {};
  const resources = isObject(template.Resources) ? template.Resources : {};
  for (const resource of Object.values(resources)) {
    const type = isObject(resource) && typeof resource.Type === "string" ? resource.Type : "(no Type)";
    resourcesByType[type] = (resourcesByType[type] ?? 0) + 1;
  }
  return {
    resources: Object.keys(resources).length,
    resourcesByType,
    parameters: isObject(template.Parameters) ? Object.keys(template.Parameters) : [],
    outputs: isObject(template.Outputs) ? Object.keys(template.Outputs) : [],
  };
}
