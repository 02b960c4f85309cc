/**
 * The one table that says which repository folders become which paths in the published bundle.
 * skill-lint resolves links through it and the bundler (packages/skill-bundle) lists the bundle's
 * files with it, so a link the linter accepts is a file the bundle ships. A package of its own,
 * with Node built-ins only, so the bundler does not load the linter's runtime to read a table.
 */
import { lstat, readdir, realpath } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";

export { readWorkspaceBins, rewritePackageJsonForBundle } from "./package-json.js";

/** One row: a bundle path (file, or folder ending in `/`) and the repo path it comes from. */
export interface BundleMapping {
  readonly bundlePath: string;
  readonly repoPath: string;
  /**
   * For a folder row: only these entries of the folder ship (a file name, or a folder ending in
   * `/`); everything else in it is the package's source, tests and build config.
   */
  readonly only?: readonly string[];
}

/** Bundle path → repository path (relative to the monorepo root). Order matters: first match wins. */
export const BUNDLE_LAYOUT: readonly BundleMapping[] = [
  { bundlePath: "SKILL.md", repoPath: "skill/SKILL.md" },
  { bundlePath: "references/", repoPath: "skill/references/" },
  { bundlePath: "examples/", repoPath: "examples/" },
  // The scripts package ships what runs from an installed skill: its README, the self-contained files
  // its build writes to bin/ (with what they load beside them: licences, WebAssembly) and the IAM
  // policies the README tells users to attach. Never its src/, test/, fixtures/, package.json or build
  // config: an installed skill runs `node scripts/bin/<name>.mjs` and nothing else.
  { bundlePath: "scripts/", repoPath: "scripts/", only: ["README.md", "bin/", "iam/"] },
];

/**
 * Bundle folders whose files an agent runs and never reads: the built scripts (several MiB of bundled
 * JavaScript and WebAssembly). Size limits and token counts meant for an agent's context skip them;
 * the archive's own size budget still counts them.
 */
export const RUN_ONLY_FOLDERS: readonly string[] = ["scripts/bin/"];

export function isRunOnly(bundlePath: string): boolean {
  return RUN_ONLY_FOLDERS.some((folder) => bundlePath.startsWith(folder));
}

/** Whether a path inside a row's folder (`rest`, "" for the folder itself) ships under the row's `only` list. */
export function rowShips(row: BundleMapping, rest: string): boolean {
  if (!row.only || rest === "") return true;
  const [first, ...more] = rest.split("/");
  return row.only.some((allowed) => (allowed.endsWith("/") ? allowed === `${first}/` : more.length === 0 && allowed === first));
}

/**
 * Names never shipped, wherever they occur: build output, caches, installed dependencies and
 * local state. `package.json` files of examples ARE shipped (an example must be installable on its
 * own); the bundler rewrites their `workspace:` ranges. Lockfiles of the
 * workspace are not per-example, so none exists to ship.
 */
export const EXCLUDED_NAMES: readonly string[] = [
  "node_modules",
  "cdk.out",
  "dist",
  ".turbo",
  ".vitest-results",
  "coverage",
  ".terraform",
  "iac-check-report.json",
  // The monorepo's task graph: an example's turbo.json extends the root one, absent from the bundle.
  "turbo.json",
  ".DS_Store",
];

/** File-name endings never shipped (state, build info, local secrets). */
export const EXCLUDED_SUFFIXES: readonly string[] = [".tsbuildinfo", ".tfstate", ".tfstate.backup", ".log", ".env"];

/** True when a path segment or file name is never part of the bundle. */
export function isExcludedName(name: string): boolean {
  return EXCLUDED_NAMES.includes(name) || EXCLUDED_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/**
 * `repo`: the skill folder is `skill/` inside the monorepo and bundle paths go through the table.
 * `bundle`: an unpacked bundle, where bundle paths are file paths relative to the skill folder.
 */
export type LayoutMode = "repo" | "bundle";

export interface SkillLayout {
  readonly mode: LayoutMode;
  /** Absolute path of the folder holding SKILL.md. */
  readonly skillDir: string;
  /** Absolute path bundle-relative repo paths are resolved from (monorepo root, or skillDir). */
  readonly root: string;
}

/**
 * A skill folder is in the monorepo when it has its own package.json and its parent holds the
 * workspace file; an unpacked bundle has neither (the bundler does not ship skill/package.json).
 */
export function detectLayout(skillDir: string): SkillLayout {
  const absolute = path.resolve(skillDir);
  const parent = path.dirname(absolute);
  const inRepo =
    existsSync(path.join(absolute, "package.json")) && existsSync(path.join(parent, "pnpm-workspace.yaml"));
  return inRepo ? { mode: "repo", skillDir: absolute, root: parent } : { mode: "bundle", skillDir: absolute, root: absolute };
}

/** Normalises a bundle path: forward slashes, no leading `./`, no trailing slash. */
function normaliseBundlePath(bundlePath: string): string {
  return path.posix.normalize(bundlePath).replace(/^\.\//, "").replace(/\/$/, "");
}

/**
 * Maps a bundle path (for instance `references/x.md`) to the file on disk, or `undefined` when
 * no table row covers it (the path would not be in the bundle) or a segment is excluded.
 */
export function bundlePathToFile(layout: SkillLayout, bundlePath: string): string | undefined {
  const normalised = normaliseBundlePath(bundlePath);
  if (normalised === "" || normalised === "." ) return layout.skillDir;
  if (normalised.startsWith("..") || path.posix.isAbsolute(normalised)) return undefined;
  if (normalised.split("/").some((segment) => isExcludedName(segment))) return undefined;
  for (const row of BUNDLE_LAYOUT) {
    const isFolder = row.bundlePath.endsWith("/");
    const rowPath = row.bundlePath.replace(/\/$/, "");
    if (isFolder ? normalised === rowPath || normalised.startsWith(`${rowPath}/`) : normalised === rowPath) {
      const rest = normalised.slice(rowPath.length).replace(/^\//, "");
      if (!rowShips(row, rest)) return undefined;
      if (layout.mode === "bundle") return path.join(layout.skillDir, ...normalised.split("/"));
      const repoBase = row.repoPath.replace(/\/$/, "");
      return path.join(layout.root, ...repoBase.split("/"), ...(rest ? rest.split("/") : []));
    }
  }
  return undefined;
}

/** Maps a file on disk back to its bundle path, or `undefined` when it is not shipped. */
export function fileToBundlePath(layout: SkillLayout, file: string): string | undefined {
  const absolute = path.resolve(file);
  if (layout.mode === "bundle") {
    const relative = path.relative(layout.skillDir, absolute).split(path.sep).join("/");
    if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
    return bundlePathToFile(layout, relative) ? relative || "." : undefined;
  }
  const fromRoot = path.relative(layout.root, absolute).split(path.sep).join("/");
  for (const row of BUNDLE_LAYOUT) {
    const repoBase = row.repoPath.replace(/\/$/, "");
    const isFolder = row.repoPath.endsWith("/");
    if (isFolder ? fromRoot === repoBase || fromRoot.startsWith(`${repoBase}/`) : fromRoot === repoBase) {
      const bundle = row.bundlePath.replace(/\/$/, "") + fromRoot.slice(repoBase.length);
      return bundlePathToFile(layout, bundle) ? bundle : undefined;
    }
  }
  return undefined;
}

export interface BundleEntry {
  readonly bundlePath: string;
  readonly file: string;
  /** Set for symbolic links: the absolute path the link resolves to, or null when it dangles. */
  readonly symlinkTarget?: string | null;
  /** Why a link does not resolve: `ELOOP` (it leads back to itself) or `ENOENT` (missing target). */
  readonly symlinkError?: string;
}

/**
 * Every file the bundle would contain, walking each table row and skipping excluded names.
 * Symbolic links are reported as entries (with their target) and never followed, so a link
 * cannot pull files from outside the skill into the bundle.
 */
export async function listBundleFiles(layout: SkillLayout): Promise<BundleEntry[]> {
  const entries: BundleEntry[] = [];
  const roots =
    layout.mode === "bundle"
      ? [{ bundlePath: "", file: layout.skillDir }]
      : BUNDLE_LAYOUT.map((row) => ({
          bundlePath: row.bundlePath.replace(/\/$/, ""),
          file: path.join(layout.root, ...row.repoPath.replace(/\/$/, "").split("/")),
        }));
  for (const start of roots) await walk(start.bundlePath, start.file, entries, layout.mode === "bundle");
  // A row's `only` list decides what of its folder ships (checked on the bundle path, in either layout).
  const shipped = entries.filter((entry) => bundlePathToFile(layout, entry.bundlePath) !== undefined);
  return shipped.sort((a, b) => a.bundlePath.localeCompare(b.bundlePath));
}

async function walk(bundlePath: string, file: string, into: BundleEntry[], filterTopLevel: boolean): Promise<void> {
  let stats;
  try {
    stats = await lstat(file);
  } catch {
    return;
  }
  if (stats.isSymbolicLink()) {
    try {
      into.push({ bundlePath, file, symlinkTarget: await realpath(file) });
    } catch (error) {
      into.push({ bundlePath, file, symlinkTarget: null, symlinkError: (error as NodeJS.ErrnoException).code ?? "ENOENT" });
    }
    return;
  }
  if (!stats.isDirectory()) {
    into.push({ bundlePath, file });
    return;
  }
  let names: string[];
  try {
    names = await readdir(file);
  } catch {
    into.push({ bundlePath, file });
    return;
  }
  for (const name of names.sort()) {
    if (isExcludedName(name)) continue;
    const childBundle = bundlePath ? `${bundlePath}/${name}` : name;
    // In an unpacked bundle only the table's top-level names belong to the skill.
    if (filterTopLevel && bundlePath === "" && !BUNDLE_LAYOUT.some((row) => row.bundlePath.replace(/\/$/, "") === name)) continue;
    await walk(childBundle, path.join(file, name), into, filterTopLevel);
  }
}
