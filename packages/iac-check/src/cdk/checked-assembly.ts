// Where iac-check writes a CDK app's cloud assembly on every check (`cdk.out/iac-check-assembly`),
// and whether the one there is still what the app synthesizes. Tests and tools that only need the
// templates (the cost READMEs, the parity test, iac-diagram) read it instead of synthesizing the app
// again; in this repository the example's `check` task keeps it as a cached output. A missing
// assembly, or one older than a source file of the app, is an error that says what to run.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const CHECKED_ASSEMBLY_DIR = join("cdk.out", "iac-check-assembly");

/** What synthesis never reads: outputs, dependencies, prose, and (in the app folder) its tests, task config and usage profiles. */
const NOT_SOURCES = new Set(["node_modules", "cdk.out", "dist"]);
const NOT_SOURCES_AT_TOP = new Set(["iac-check-report.json", "test", "vitest.config.ts", "turbo.json"]);
const notSource = (name: string, top: boolean): boolean =>
  NOT_SOURCES.has(name) || name.startsWith(".") || name.endsWith(".md") || (top && (NOT_SOURCES_AT_TOP.has(name) || /^usage(?:-.*)?\.yaml$/.test(name)));

export class StaleAssemblyError extends Error {}

/**
 * The app's iac-check assembly folder, once it is known to exist and to be newer than every source
 * file of the app. Paths in messages are relative to `shownFrom`.
 */
export function checkedAssembly(appDir: string, shownFrom: string): string {
  const dir = join(appDir, CHECKED_ASSEMBLY_DIR);
  const manifest = join(dir, "manifest.json");
  const name = (JSON.parse(readFileSync(join(appDir, "package.json"), "utf8")) as { name: string }).name;
  const rerun = `run \`pnpm turbo run check --filter=${name}\` (iac-check writes the assembly), then the test again`;
  const shown = relative(shownFrom, dir);
  if (!existsSync(manifest)) throw new StaleAssemblyError(`${shown}: no cloud assembly: ${rerun}`);
  const newer = newestSource(appDir);
  if (newer && newer.mtimeMs > statSync(manifest).mtimeMs) {
    throw new StaleAssemblyError(`${shown} is older than ${relative(shownFrom, newer.file)}, so it may not be what the app synthesizes now: ${rerun}`);
  }
  return dir;
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
