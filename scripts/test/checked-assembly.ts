// The cloud assembly an example's turbo `check` task (`iac-check .`) already synthesized into
// cdk.out/iac-check-assembly: reading it instead of synthesizing the app again saves a full synth
// per example. This package's `test` task depends on the examples' `check` tasks (turbo.json), and
// `check` lists the assembly among its outputs, so a cache hit restores it. A missing assembly, or
// one older than a source of the app, fails with what to run: never a pass on a stale template.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const ASSEMBLY = path.join("cdk.out", "iac-check-assembly");
/** What synthesis never reads: outputs, dependencies, prose, and (in the app folder) its tests, task config and usage profiles. */
const NOT_SOURCES = new Set(["node_modules", "cdk.out", "dist"]);
const NOT_SOURCES_AT_TOP = new Set(["iac-check-report.json", "test", "vitest.config.ts", "turbo.json"]);
const notSource = (name: string, top: boolean): boolean =>
  NOT_SOURCES.has(name) || name.startsWith(".") || name.endsWith(".md") || (top && (NOT_SOURCES_AT_TOP.has(name) || /^usage(?:-.*)?\.yaml$/.test(name)));

export class StaleAssemblyError extends Error {}

/** The example's iac-check assembly folder, after checking that it exists and is newer than every source. */
export function checkedAssembly(appDir: string, repo: string): string {
  const dir = path.join(appDir, ASSEMBLY);
  const manifest = path.join(dir, "manifest.json");
  const name = (JSON.parse(readFileSync(path.join(appDir, "package.json"), "utf8")) as { name: string }).name;
  const rerun = `run \`pnpm turbo run check --filter=${name}\` (iac-check writes the assembly), then this test again`;
  const shown = path.relative(repo, dir);
  if (!existsSync(manifest)) throw new StaleAssemblyError(`${shown}: no cloud assembly: ${rerun}`);
  const written = statSync(manifest).mtimeMs;
  const newer = newestSource(appDir);
  if (newer && newer.mtimeMs > written) {
    throw new StaleAssemblyError(`${shown} is older than ${path.relative(repo, newer.file)}, so it may not be what the app synthesizes now: ${rerun}`);
  }
  return dir;
}

function newestSource(dir: string, top = true): { file: string; mtimeMs: number } | undefined {
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (notSource(entry.name, top)) continue;
    const file = path.join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestSource(file, false) : entry.isFile() ? { file, mtimeMs: statSync(file).mtimeMs } : undefined;
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

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
