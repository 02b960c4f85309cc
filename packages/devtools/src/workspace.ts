import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { globSync } from "tinyglobby";
import { parse } from "yaml";

/** Finds the monorepo root: the nearest folder above `from` with a pnpm-workspace.yaml. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml in ${from} or any folder above it`);
    dir = parent;
  }
}

export interface WorkspacePackage {
  name: string;
  dir: string;
  scripts: Record<string, string>;
}

/** Every workspace package: the folders pnpm-workspace.yaml's `packages` globs match that hold a package.json. */
export function listWorkspacePackages(root: string): WorkspacePackage[] {
  const config = parse(readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")) as { packages?: string[] };
  const manifests = globSync(
    (config.packages ?? []).map((glob) => `${glob}/package.json`),
    { cwd: root, ignore: ["**/node_modules/**"], absolute: true },
  );
  return manifests
    .map((manifestPath) => {
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
        name?: string;
        scripts?: Record<string, string>;
      };
      const dir = dirname(manifestPath);
      return { name: manifest.name ?? dir, dir, scripts: manifest.scripts ?? {} };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
