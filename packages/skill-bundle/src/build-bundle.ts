import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { detectLayout, listBundleFiles } from "@aws-patterns/bundle-layout";
import writeFileAtomic from "write-file-atomic";
import { parse as parseYaml } from "yaml";
import { BundleError } from "./bundle-error.js";
import { inlineTsconfigBase } from "./inline-tsconfig-base.js";
import { rewritePackageJsonForBundle } from "./rewrite-package-json.js";
import { scanForSecrets } from "./scan-secrets.js";
import { makeReproducibleZip, type ZipFile } from "./write-zip.js";

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface BundleManifest {
  name: string;
  version: string;
  files: ManifestFile[];
  totalBytes: number;
  zip: { file: string; bytes: number; sha256: string };
}

export interface BuildBundleOptions {
  /** The skill folder inside the monorepo (holds SKILL.md and package.json). */
  skillDir: string;
  /** Where the zip and manifest go. */
  outDir: string;
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** The skill's name from SKILL.md's frontmatter; its version from the skill package (changesets own it). */
function readNameAndVersion(skillDir: string): { name: string; version: string } {
  const skillMd = join(skillDir, "SKILL.md");
  if (!existsSync(skillMd)) throw new BundleError(skillMd, "no SKILL.md: run skill-bundle in the skill folder");
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(skillMd, "utf8"));
  const data = (frontmatter ? (parseYaml(frontmatter[1]!) as Record<string, unknown> | null) : null) ?? {};
  if (typeof data.name !== "string") throw new BundleError(skillMd, "frontmatter has no `name`: run skill-lint for details");
  const manifestPath = join(skillDir, "package.json");
  const { version } = JSON.parse(readFileSync(manifestPath, "utf8")) as { version?: string };
  if (!version) throw new BundleError(manifestPath, "no `version`: the bundle is named after it");
  const metadata = data.metadata as Record<string, unknown> | undefined;
  if (metadata?.version !== undefined && String(metadata.version) !== version) {
    throw new BundleError(skillMd, `metadata.version is ${String(metadata.version)} but skill/package.json says ${version}: make them equal (changesets bumps package.json)`);
  }
  return { name: data.name, version };
}

/** Binary name → workspace package, read from the monorepo's tool packages. */
function readWorkspaceBins(repoRoot: string): Map<string, string> {
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

/** Manifests and compiler configs that only work inside the monorepo are rewritten to work alone. */
function rewriteForStandaloneUse(bundlePath: string, file: string, data: Uint8Array, repoRoot: string, workspaceBins: Map<string, string>): Uint8Array {
  const name = bundlePath.split("/").pop();
  const text = () => Buffer.from(data).toString("utf8");
  if (name === "package.json") return Buffer.from(rewritePackageJsonForBundle(text(), workspaceBins));
  const exampleDir = /^examples\/[^/]+\/[^/]+\//.exec(bundlePath)?.[0];
  if (name?.startsWith("tsconfig") && name.endsWith(".json") && exampleDir) {
    return Buffer.from(inlineTsconfigBase(file, text(), join(repoRoot, exampleDir)));
  }
  return data;
}

/** Collects, rewrites and scans the bundle's files, then writes `<name>-<version>.zip` and its manifest. */
export async function buildBundle(options: BuildBundleOptions): Promise<BundleManifest> {
  const layout = detectLayout(options.skillDir);
  if (layout.mode !== "repo") {
    throw new BundleError(options.skillDir, "not the monorepo's skill folder (needs skill/package.json beside pnpm-workspace.yaml)");
  }
  const { name, version } = readNameAndVersion(layout.skillDir);
  const workspaceBins = readWorkspaceBins(layout.root);
  const entries = await listBundleFiles(layout);
  const problems: BundleError[] = [];
  const files: ZipFile[] = [];
  const listed: ManifestFile[] = [];

  for (const entry of entries) {
    const shown = relative(process.cwd(), entry.file);
    if (entry.symlinkTarget !== undefined) {
      problems.push(new BundleError(shown, "is a symbolic link: a bundle holds plain files only; replace it with the file"));
      continue;
    }
    let data: Uint8Array = readFileSync(entry.file);
    try {
      data = rewriteForStandaloneUse(entry.bundlePath, entry.file, data, layout.root, workspaceBins);
    } catch (error) {
      problems.push(new BundleError(shown, `cannot be made standalone: ${(error as Error).message}`));
      continue;
    }
    if (!data.includes(0)) {
      for (const finding of await scanForSecrets(shown, Buffer.from(data).toString("utf8"))) {
        problems.push(new BundleError(shown, `${finding.message} (${finding.rule}); remove it, a published bundle must hold no secret`, finding.line));
      }
    }
    const executable = (statSync(entry.file).mode & 0o111) !== 0;
    files.push({ path: `${name}/${entry.bundlePath}`, data, executable });
    listed.push({ path: entry.bundlePath, bytes: data.length, sha256: sha256(data) });
  }
  if (!entries.some((entry) => entry.bundlePath === "SKILL.md")) problems.push(new BundleError(layout.skillDir, "SKILL.md is not in the bundle"));
  if (problems.length > 0) throw new AggregateError(problems, `${problems.length} problem(s) kept the bundle from being written`);

  const zip = makeReproducibleZip(files);
  mkdirSync(options.outDir, { recursive: true });
  const base = `${name}-${version}`;
  // Older versions' zips would otherwise ride along in the cached dist/ output.
  for (const stale of readdirSync(options.outDir).filter((file) => file.startsWith(`${name}-`) && !file.startsWith(`${base}.`))) {
    rmSync(join(options.outDir, stale), { force: true });
  }
  const manifest: BundleManifest = {
    name,
    version,
    files: listed,
    totalBytes: listed.reduce((sum, file) => sum + file.bytes, 0),
    zip: { file: `${base}.zip`, bytes: zip.length, sha256: sha256(zip) },
  };
  // Temp file then rename (a reader never sees half a zip), the file mode kept, the temp file removed on failure.
  writeFileAtomic.sync(join(options.outDir, `${base}.zip`), Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  writeFileAtomic.sync(join(options.outDir, `${base}.manifest.json`), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
