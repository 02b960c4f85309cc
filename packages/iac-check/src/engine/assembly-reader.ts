// Reads what one synthesis produced: the validation report aws-cdk-lib writes into the cloud
// assembly (cdk-nag packs and CloudFormation Validate), the acknowledgements recorded on the
// construct tree, the annotations in the manifest, and the stacks' resources by type.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { IConstruct } from "constructs";
import type { EngineAcknowledgement, EngineFinding, EngineResult } from "./protocol.js";

const ACKNOWLEDGED_RULES = "aws:cdk:acknowledged-rules";

interface ReportViolation {
  ruleName: string;
  description: string;
  severity: string;
  violatingConstructs?: {
    constructPath?: string;
    cloudFormationResource?: { templatePath?: string; logicalId?: string; propertyPaths?: string[] };
  }[];
}

export function readValidationReport(outdir: string, root: IConstruct, sourceRoot: string): EngineFinding[] {
  const file = join(outdir, "validation-report.json");
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, "utf8")) as { pluginReports?: { pluginName: string; violations?: ReportViolation[] }[] };
  const findings: EngineFinding[] = [];
  for (const plugin of report.pluginReports ?? []) {
    const source = plugin.pluginName === "CloudFormation Validate" ? "cfn-validate" : "cdk-nag";
    for (const violation of plugin.violations ?? []) {
      for (const where of violation.violatingConstructs ?? [{}]) {
        const construct = where.constructPath ? findConstruct(root, where.constructPath) : undefined;
        findings.push({
          source,
          plugin: plugin.pluginName,
          ruleId: violation.ruleName,
          severity: violation.severity === "error" || violation.severity === "fatal" ? "error" : violation.severity === "warning" ? "warning" : "info",
          message: violation.description,
          constructPath: where.constructPath,
          logicalId: where.cloudFormationResource?.logicalId,
          templateFile: where.cloudFormationResource?.templatePath,
          propertyPath: where.cloudFormationResource?.propertyPaths?.[0],
          sourceLocation: construct ? creationLocation(construct, sourceRoot) : undefined,
        });
      }
    }
  }
  return findings;
}

/** Every `Validations.of(x).acknowledge(...)` in the tree, with its reason and where it was written. */
export function readAcknowledgements(root: IConstruct, sourceRoot: string): EngineAcknowledgement[] {
  const acknowledgements: EngineAcknowledgement[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== ACKNOWLEDGED_RULES) continue;
      for (const [ruleId, reason] of Object.entries(entry.data as Record<string, string>)) {
        acknowledgements.push({
          ruleId: ruleId.replace(/^[A-Za-z-]+::/, ""),
          constructPath: construct.node.path,
          reason: String(reason ?? ""),
          sourceLocation: userFrame(entry.trace ?? [], sourceRoot),
        });
      }
    }
  }
  return acknowledgements;
}

type MetadataEntry = { type: string; data?: unknown; trace?: string[] };

interface Manifest {
  artifacts?: Record<
    string,
    { type: string; properties?: { templateFile?: string; directoryName?: string }; metadata?: Record<string, MetadataEntry[]>; additionalMetadataFile?: string; displayName?: string }
  >;
}

export interface StackArtifact {
  /** The artifact id in the manifest. */
  id: string;
  displayName: string;
  /** Absolute path of the stack's template file. */
  templateFile: string;
  /** The folder of the manifest that lists the stack (nested assemblies have their own). */
  dir: string;
  artifact: NonNullable<Manifest["artifacts"]>[string];
}

/** Every stack of a cloud assembly and of its nested assemblies (CDK stages), in manifest order. */
export function stackArtifacts(outdir: string): StackArtifact[] {
  const stacks: StackArtifact[] = [];
  // A manifest naming its own folder (or an ancestor) as a nested assembly is read once, not forever.
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    const manifestFile = join(dir, "manifest.json");
    if (seen.has(resolve(dir)) || !existsSync(manifestFile)) return;
    seen.add(resolve(dir));
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
    for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
      if (artifact.type === "cdk:cloud-assembly" && artifact.properties?.directoryName) visit(join(dir, artifact.properties.directoryName));
      if (artifact.type !== "aws:cloudformation:stack") continue;
      stacks.push({ id, displayName: artifact.displayName ?? id, templateFile: join(dir, artifact.properties?.templateFile ?? `${id}.template.json`), dir, artifact });
    }
  };
  visit(outdir);
  return stacks;
}

/** The stacks' templates as CloudFormation will receive them. */
export function readStackTemplates(outdir: string): { stack: string; templateFile: string; template: Record<string, unknown> }[] {
  return stackArtifacts(outdir).map((s) => ({ stack: s.displayName, templateFile: s.templateFile, template: JSON.parse(readFileSync(s.templateFile, "utf8")) as Record<string, unknown> }));
}

/** Error and warning annotations (what `cdk synth --strict` fails on) and the stacks' resources. */
export function readAssembly(outdir: string, root: IConstruct, sourceRoot: string): Pick<EngineResult, "stacks"> & { findings: EngineFinding[] } {
  const findings: EngineFinding[] = [];
  const stacks: EngineResult["stacks"] = [];
  for (const { displayName, templateFile, dir, artifact } of stackArtifacts(outdir)) {
    const template = JSON.parse(readFileSync(templateFile, "utf8")) as { Resources?: Record<string, { Type?: string }> };
    const resourcesByType: Record<string, number> = {};
    for (const resource of Object.values(template.Resources ?? {})) {
      const type = resource.Type ?? "(no Type)";
      resourcesByType[type] = (resourcesByType[type] ?? 0) + 1;
    }
    stacks.push({ name: displayName, resourcesByType });
    // Newer assemblies move a stack's metadata out of the manifest into a file of its own.
    const metadata = artifact.additionalMetadataFile
      ? (JSON.parse(readFileSync(join(dir, artifact.additionalMetadataFile), "utf8")) as Record<string, MetadataEntry[]>)
      : (artifact.metadata ?? {});
    for (const [path, entries] of Object.entries(metadata)) {
      for (const entry of entries) {
        if (entry.type !== "aws:cdk:error" && entry.type !== "aws:cdk:warning") continue;
        const constructPath = path.replace(/^\//, "");
        const construct = findConstruct(root, constructPath);
        findings.push({
          source: "annotation",
          ruleId: entry.type === "aws:cdk:error" ? "error" : "warning",
          severity: "error",
          message: `${entry.type === "aws:cdk:error" ? "error" : "warning"} annotation: ${String(entry.data)}`,
          constructPath,
          sourceLocation: userFrame(entry.trace ?? [], sourceRoot) ?? (construct ? creationLocation(construct, sourceRoot) : undefined),
        });
      }
    }
  }
  return { stacks, findings };
}

export function findConstruct(root: IConstruct, path: string): IConstruct | undefined {
  const parts = path.split("/").filter(Boolean);
  let node: IConstruct | undefined = root;
  // Construct paths in reports omit the (empty) id of the App itself.
  for (const part of parts) node = node?.node.tryFindChild(part);
  return node;
}

/** The innermost creation stack frame in the user's own sources, for the construct or its parents. */
export function creationLocation(construct: IConstruct, sourceRoot: string): string | undefined {
  for (let node: IConstruct | undefined = construct; node; node = node.node.scope) {
    const stack = node.node.metadata.find((entry) => entry.type === "aws:cdk:creationStack");
    const found = stack ? userFrame(stack.data as string[], sourceRoot) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** Picks the first stack frame under sourceRoot (not in node_modules): where the user's code did it. */
export function userFrame(frames: string[], sourceRoot: string): string | undefined {
  for (const frame of frames) {
    const match = /\(?((?:file:\/\/)?\/[^\s()]+?):(\d+):(\d+)\)?\s*$/.exec(frame) ?? /((?:file:\/\/)?\/[^\s()]+?):(\d+):/.exec(frame);
    if (!match) continue;
    const file = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!.replace(/\?.*$/, "")) : match[1]!;
    if (!file.startsWith(sourceRoot) || file.includes("/node_modules/")) continue;
    // Frames are already TypeScript positions: tsx and --enable-source-maps map them.
    return `${file}:${match[2]}:${match[3] ?? 1}`;
  }
  return undefined;
}
