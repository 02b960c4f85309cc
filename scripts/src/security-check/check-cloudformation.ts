// Templates, hand-written or synthesized (the stacks of a cdk.out), go through iac-check's own
// template check: the CloudFormation validation engine on the template as written, then the cdk-nag
// packs through cloudformation-include, with acknowledgements from the template's Metadata. It runs
// in an engine host process (bin/security-check-companion.mjs) on an aws-cdk-lib found at run time.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { checkTemplates } from "@aws-patterns/iac-check/dist/cloudformation/check-templates.js";
import { closeEngine, setEngineHostFile } from "@aws-patterns/iac-check/dist/engine/host-client.js";
import type { EngineFinding, TemplateAcknowledgement } from "@aws-patterns/iac-check/dist/engine/protocol.js";
import type { CheckReport } from "@aws-patterns/iac-check/dist/language.js";
import { binFile } from "./bin-files.js";
import { findCdkLib, installHint, type CdkLib, type CdkLookup } from "./cdk-lib.js";
import { ENV } from "./app-result.js";
import { classify, type Finding, type Problem, type TargetKind, type TargetReport } from "./report.js";

export interface TemplateTarget {
  /** What the user named: the template, or the cdk.out folder. */
  target: string;
  kind: Extract<TargetKind, "cloudformation" | "cdk-assembly">;
  templates: string[];
  problems: Problem[];
  /** `Validations.of(x).acknowledge(...)` of the app, per template (cdk.out only: a template carries none). */
  acknowledgements: Map<string, TemplateAcknowledgement[]>;
}

/** The stack templates of a cloud assembly, nested assemblies (stages) included. */
export function assemblyTarget(dir: string): TemplateTarget {
  const target: TemplateTarget = { target: dir, kind: "cdk-assembly", templates: [], problems: [], acknowledgements: new Map() };
  const visit = (folder: string): void => {
    const manifestFile = join(folder, "manifest.json");
    let manifest: { artifacts?: Record<string, { type?: string; properties?: { templateFile?: string; directoryName?: string }; metadata?: StackMetadata; additionalMetadataFile?: string }> };
    try {
      manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    } catch (error) {
      target.problems.push({ file: relative(process.cwd(), manifestFile), rule: "security-check/assembly", message: `cannot read the cloud assembly manifest (${error instanceof Error ? error.message : String(error)}): run \`cdk synth\` again` });
      return;
    }
    for (const [name, artifact] of Object.entries(manifest.artifacts ?? {})) {
      if (artifact.type === "cdk:cloud-assembly" && artifact.properties?.directoryName) visit(join(folder, artifact.properties.directoryName));
      if (artifact.type !== "aws:cloudformation:stack") continue;
      const template = relative(process.cwd(), join(folder, artifact.properties?.templateFile ?? `${name}.template.json`));
      target.templates.push(template);
      try {
        // Newer assemblies keep a stack's metadata in a file of its own.
        const metadata = artifact.additionalMetadataFile ? (JSON.parse(readFileSync(join(folder, artifact.additionalMetadataFile), "utf8")) as StackMetadata) : (artifact.metadata ?? {});
        target.acknowledgements.set(template, acknowledgementsIn(metadata));
      } catch (error) {
        target.problems.push({ file: relative(process.cwd(), join(folder, artifact.additionalMetadataFile ?? "manifest.json")), rule: "security-check/assembly", message: `cannot read the stack's metadata, so its acknowledgements are unknown (${error instanceof Error ? error.message : String(error)}): run \`cdk synth\` again` });
      }
    }
  };
  visit(dir);
  if (target.templates.length === 0 && target.problems.length === 0) {
    target.problems.push({ file: dir, rule: "security-check/assembly", message: "the cloud assembly has no stacks: run `cdk synth` in the app folder first" });
  }
  return target;
}

type StackMetadata = Record<string, { type: string; data?: unknown }[]>;

/**
 * The app's acknowledgements, as template acknowledgements: one recorded on a construct covers
 * every resource under it (as cdk-nag treats it), so each becomes one per logical id below its path.
 */
export function acknowledgementsIn(metadata: StackMetadata): TemplateAcknowledgement[] {
  const logicalIds = Object.entries(metadata).flatMap(([path, entries]) =>
    entries.filter((e) => e.type === "aws:cdk:logicalId" && typeof e.data === "string").map((e) => ({ path, logicalId: e.data as string })),
  );
  const out: TemplateAcknowledgement[] = [];
  for (const [path, entries] of Object.entries(metadata)) {
    for (const entry of entries) {
      if (entry.type !== "aws:cdk:acknowledged-rules" || typeof entry.data !== "object" || entry.data === null) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        for (const resource of logicalIds.filter((r) => r.path === path || r.path.startsWith(`${path}/`))) {
          // Stored as "Annotation::AwsSolutions-IAM5[...]"; the id is what follows the prefix.
          out.push({ logicalId: resource.logicalId, id: id.replace(/^[A-Za-z-]+::/, ""), reason: String(reason ?? "") });
        }
      }
    }
  }
  return out;
}

/**
 * The aws-cdk-lib to validate with: --with, else the one the template's own project installed
 * (walking up from its folder), else none, which is a problem that says what to install.
 */
export function cdkLibForTemplates(target: string, withDir: string | undefined): CdkLookup {
  if (withDir) {
    const lookup = findCdkLib(resolve(withDir));
    return lookup.ok ? lookup : { ok: false, reason: `--with ${withDir}: ${lookup.reason}` };
  }
  return findCdkLib(resolve(dirname(target)));
}

export async function checkTemplateTargets(targets: TemplateTarget[], lib: CdkLib, timeoutMs: number): Promise<TargetReport[]> {
  const templates = targets.flatMap((t) => t.templates);
  if (templates.length === 0) return targets.map((t) => emptyReport(t, []));
  // The engine host inherits this environment: it resolves aws-cdk-lib from here.
  process.env[ENV.cdkFrom] = lib.from;
  process.env[ENV.role] = "engine";
  // cfn-lint is an optional cross-check in iac-check that fails nothing; not a security gate.
  process.env.IAC_CHECK_CFN_LINT = "0";
  setEngineHostFile(binFile("security-check-companion.mjs"));
  let checked: CheckReport[];
  try {
    const extraAcknowledgements = new Map(targets.flatMap((t) => [...t.acknowledgements]));
    checked = await checkTemplates(templates, { fix: false, timeoutMs, extraAcknowledgements });
  } finally {
    await closeEngine();
    delete process.env[ENV.role];
  }
  const byTemplate = new Map(templates.map((t, i) => [t, checked[i]!]));
  const with_ = [`aws-cdk-lib ${lib.version} from ${lib.packageDir}: the CloudFormation validation engine`];
  return targets.map((t) => {
    const report = emptyReport(t, with_);
    for (const template of t.templates) {
      const result = byTemplate.get(template)!;
      const packs = (result.details.nagPacks as string[] | undefined) ?? [];
      if (packs.length > 0 && report.checkedWith.length === 1) report.checkedWith.push(`cdk-nag packs ${packs.join(", ")}`);
      const severities = originalSeverities(result);
      result.diagnostics.forEach((diagnostic, i) => {
        const { finding, problem } = classify(diagnostic, severities[i]);
        if (finding) report.findings.push(finding);
        if (problem) report.problems.push(problem);
      });
      report.acknowledged.push(...result.acknowledgements);
    }
    return report;
  });
}

function emptyReport(t: TemplateTarget, checkedWith: string[]): TargetReport {
  return { target: t.target, kind: t.kind, checkedWith: [...checkedWith], findings: [] as Finding[], problems: [...t.problems], acknowledged: [] };
}

/**
 * iac-check turns every finding at warning or above into an error (its gates are hard); the report
 * keeps the engine's findings in the same order as the last diagnostics, so the severity the pack
 * or the engine gave each one is recovered from there. When the two lists do not line up (a
 * future change in iac-check), every finding stays an error: stricter, never a silent pass.
 */
function originalSeverities(result: CheckReport): (Finding["severity"] | undefined)[] {
  const findings = (result.details.findings as EngineFinding[] | undefined) ?? [];
  const out: (Finding["severity"] | undefined)[] = result.diagnostics.map(() => undefined);
  const offset = result.diagnostics.length - findings.length;
  if (offset < 0) return out;
  const lineUp = findings.every((f, i) => result.diagnostics[offset + i]!.rule === `${f.source}/${f.ruleId}`);
  if (!lineUp) return out;
  findings.forEach((f, i) => (out[offset + i] = f.severity));
  return out;
}

/** Problem reports for targets that have no aws-cdk-lib to check with. */
export function missingCdkLib(targets: TemplateTarget[], reason: string): TargetReport[] {
  return targets.map((t) => ({
    ...emptyReport(t, []),
    problems: [
      ...t.problems,
      {
        file: t.target,
        rule: "security-check/no-aws-cdk-lib",
        message: `CloudFormation templates are checked with the validation engine inside aws-cdk-lib, which security-check does not bundle, and ${reason}. ${installHint()}`,
      },
    ],
  }));
}

export const templateTarget = (file: string): TemplateTarget => ({ target: file, kind: "cloudformation", templates: [file], problems: [], acknowledgements: new Map() });
