// The stack templates of a CDK example as its turbo `check` task (`iac-check .`) synthesized them
// into cdk.out/iac-check-assembly: the parity test reads them instead of synthesizing the app a
// second time. The test task depends on the examples' `check` tasks and `check` lists the assembly
// among its outputs (turbo.json), so it is there after a cache hit too. A missing assembly, or one
// older than a source file of the app, is an error that says what to run: never a stale pass.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const CHECKED_ASSEMBLY = join("cdk.out", "iac-check-assembly");
/** What synthesis never reads: outputs, dependencies, prose, and (in the app folder) its tests, task config and usage profiles. */
const NOT_SOURCES = new Set(["node_modules", "cdk.out", "dist"]);
const NOT_SOURCES_AT_TOP = new Set(["iac-check-report.json", "test", "vitest.config.ts", "turbo.json"]);
const notSource = (name: string, top: boolean): boolean =>
  NOT_SOURCES.has(name) || name.startsWith(".") || name.endsWith(".md") || (top && (NOT_SOURCES_AT_TOP.has(name) || /^usage(?:-.*)?\.yaml$/.test(name)));

export class StaleAssemblyError extends Error {}

/** Stack name -> template, from the app's iac-check assembly once it is known to be current. */
export function checkedAssemblyTemplates(appDir: string, repoRoot: string): Record<string, Record<string, unknown>> {
  const dir = join(appDir, CHECKED_ASSEMBLY);
  const manifestFile = join(dir, "manifest.json");
  const name = (JSON.parse(readFileSync(join(appDir, "package.json"), "utf8")) as { name: string }).name;
  const rerun = `run \`pnpm turbo run check --filter=${name}\` (iac-check writes the assembly), then the test again`;
  const shown = relative(repoRoot, dir);
  if (!existsSync(manifestFile)) throw new StaleAssemblyError(`${shown}: no cloud assembly: ${rerun}`);
  const newer = newestSource(appDir);
  if (newer && newer.mtimeMs > statSync(manifestFile).mtimeMs) {
    throw new StaleAssemblyError(`${shown} is older than ${relative(repoRoot, newer.file)}, so it may not be what the app synthesizes now: ${rerun}`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { artifacts?: Record<string, { type?: string; displayName?: string; properties?: { templateFile?: string } }> };
  const templates: Record<string, Record<string, unknown>> = {};
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== "aws:cloudformation:stack") continue;
    templates[artifact.displayName ?? id] = JSON.parse(readFileSync(join(dir, artifact.properties?.templateFile ?? `${id}.template.json`), "utf8")) as Record<string, unknown>;
  }
  return templates;
}

function newestSource(dir: string, top = true): { file: string; mtimeMs: number } | undefined {
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (notSource(entry.name, top)) continue;
    const file = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestSource(file, false) : entry.isFile() ? { file, mtimeMs: statSync(file).mtimeMs } : undefined;
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}
