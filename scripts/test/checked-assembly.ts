// The cloud assembly an example's turbo `check` task (`iac-check .`) already synthesized into
// cdk.out/iac-check-assembly, read instead of synthesizing the app again (iac-check's
// checkedAssembly says whether it is current): cost-estimate needs its construct paths back.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

type Artifact = { type?: string; properties?: { templateFile?: string; directoryName?: string }; metadata?: StackMetadata; additionalMetadataFile?: string };
type StackMetadata = Record<string, { type: string; data?: unknown }[]>;

/**
 * A copy of the assembly whose resources carry their construct paths (Metadata "aws:cdk:path"), as
 * `cdk synth` writes them and cost-estimate's usage profiles name them. iac-check synthesizes
 * without path metadata; the stack's own metadata maps every construct path to its logical id.
 */
export function withConstructPaths(assemblyDir: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), "cost-assembly-"));
  cpSync(assemblyDir, copy, { recursive: true });
  addPaths(copy);
  return copy;
}

function addPaths(folder: string): void {
  const manifest = JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8")) as { artifacts?: Record<string, Artifact> };
  for (const [name, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === "cdk:cloud-assembly" && artifact.properties?.directoryName) addPaths(path.join(folder, artifact.properties.directoryName));
    if (artifact.type !== "aws:cloudformation:stack") continue;
    const metadata = artifact.additionalMetadataFile ? (JSON.parse(readFileSync(path.join(folder, artifact.additionalMetadataFile), "utf8")) as StackMetadata) : (artifact.metadata ?? {});
    const templateFile = path.join(folder, artifact.properties?.templateFile ?? `${name}.template.json`);
    const template = JSON.parse(readFileSync(templateFile, "utf8")) as { Resources?: Record<string, { Metadata?: Record<string, unknown> }> };
    for (const [constructPath, entries] of Object.entries(metadata)) {
      for (const entry of entries) {
        const resource = entry.type === "aws:cdk:logicalId" && typeof entry.data === "string" ? template.Resources?.[entry.data] : undefined;
        if (resource) resource.Metadata = { ...resource.Metadata, "aws:cdk:path": constructPath.replace(/^\//, "") };
      }
    }
    writeFileSync(templateFile, JSON.stringify(template, null, 1));
  }
}
