import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// An example ships with its package.json so it installs on its own. Inside the monorepo it also
// depends on workspace tools (`"@aws-patterns/iac-check": "workspace:*"`) that do not exist outside
// it: those dependencies, and the scripts that call their binaries, are dropped from the copy.

interface Manifest {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * @param text the package.json as in the repository
 * @param workspaceBins binary name → workspace package that provides it
 */
export function rewritePackageJsonForBundle(text: string, workspaceBins: ReadonlyMap<string, string>): string {
  const manifest = JSON.parse(text) as Manifest;
  const dropped = new Set<string>();
  for (const field of ["dependencies", "devDependencies"] as const) {
    const deps = manifest[field];
    if (!deps) continue;
    for (const [name, range] of Object.entries(deps)) {
      if (range.startsWith("workspace:")) {
        delete deps[name];
        dropped.add(name);
      }
    }
    if (Object.keys(deps).length === 0) delete manifest[field];
  }
  if (manifest.scripts) {
    for (const [script, command] of Object.entries(manifest.scripts)) {
      const bin = command.trim().split(/\s+/)[0] ?? "";
      const provider = workspaceBins.get(bin);
      if (provider && dropped.has(provider)) delete manifest.scripts[script];
    }
    if (Object.keys(manifest.scripts).length === 0) delete manifest.scripts;
  }
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Binary name → workspace package that provides it, read from the monorepo's tool packages. */
export function readWorkspaceBins(repoRoot: string): Map<string, string> {
  const bins = new Map<string, string>();
  const packagesDir = join(repoRoot, "packages");
  if (!existsSync(packagesDir)) return bins;
  for (const folder of readdirSync(packagesDir)) {
    const manifestPath = join(packagesDir, folder, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name: string; bin?: Record<string, string> | string };
    if (typeof manifest.bin === "string") bins.set(manifest.name.split("/").pop()!, manifest.name);
    else for (const bin of Object.keys(manifest.bin ?? {})) bins.set(bin, manifest.name);
  }
  return bins;
}
