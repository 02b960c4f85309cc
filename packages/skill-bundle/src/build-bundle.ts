import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { detectLayout, listBundleFiles, readWorkspaceBins, rewritePackageJsonForBundle } from "@aws-patterns/bundle-layout";
import writeFileAtomic from "write-file-atomic";
import { BundleError } from "./bundle-error.js";
import { inlineTsconfigBase } from "./inline-tsconfig-base.js";
import { scanForSecrets } from "./scan-secrets.js";
import { makeReproducibleZip, type ZipFile } from "./write-zip.js";
import { DEFAULT_MAX_ARCHIVE_BYTES, type BundleManifest, type ManifestFile } from "./manifest.js";
import { removeOwnOlderOutputs } from "./own-outputs.js";
import { readNameAndVersion, withMetadataVersion } from "./skill-version.js";
import { countTokens, isRunNotRead, TOKENIZER } from "./tokens.js";
import { sha256 } from "./verify.js";

export type { BundleManifest, ManifestFile } from "./manifest.js";

export { DEFAULT_MAX_ARCHIVE_BYTES } from "./manifest.js";

export interface BuildBundleOptions {
  /** The skill folder inside the monorepo (holds SKILL.md and package.json). */
  skillDir: string;
  /** Where the zip, the .skill and the manifest go. */
  outDir: string;
  /** Largest archive allowed; default DEFAULT_MAX_ARCHIVE_BYTES. */
  maxArchiveBytes?: number;
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

/** Scripts named in scripts/entries.json must be built: a bundle without them would promise commands that fail. */
function missingScriptBuilds(repoRoot: string): BundleError[] {
  const entriesFile = join(repoRoot, "scripts", "entries.json");
  if (!existsSync(entriesFile)) return [];
  let entries: Record<string, unknown>;
  try {
    entries = JSON.parse(readFileSync(entriesFile, "utf8")) as Record<string, unknown>;
  } catch (error) {
    return [new BundleError(entriesFile, `cannot be read as JSON (${(error as Error).message})`)];
  }
  return Object.keys(entries)
    .filter((name) => !existsSync(join(repoRoot, "scripts", "bin", `${name}.mjs`)))
    .map(
      (name) =>
        new BundleError(
          relative(process.cwd(), entriesFile),
          `names the script \`${name}\` but scripts/bin/${name}.mjs is not built: run \`pnpm --filter @aws-patterns/scripts build\` (turbo runs it before \`bundle\`)`,
        ),
    );
}

function readEntry(file: string, shown: string): Uint8Array | BundleError {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return new BundleError(shown, `cannot be read (${code}); check its permissions or remove it`);
  }
}

/** Collects, rewrites and scans the bundle's files, then writes `<name>-<version>.zip`, `.skill` and manifest. */
export async function buildBundle(options: BuildBundleOptions): Promise<BundleManifest> {
  if (!existsSync(options.skillDir) || !statSync(options.skillDir).isDirectory()) {
    throw new BundleError(options.skillDir, "no such folder; pass the monorepo's skill/ folder (the one with SKILL.md and package.json)");
  }
  const layout = detectLayout(options.skillDir);
  if (layout.mode !== "repo") {
    throw new BundleError(options.skillDir, "not the monorepo's skill folder (needs skill/package.json beside pnpm-workspace.yaml)");
  }
  const { name, version, metadataVersion } = readNameAndVersion(layout.skillDir);
  const workspaceBins = readWorkspaceBins(layout.root);
  const entries = await listBundleFiles(layout);
  const problems: BundleError[] = missingScriptBuilds(layout.root);
  const files: ZipFile[] = [];
  const listed: ManifestFile[] = [];

  for (const entry of entries) {
    const shown = relative(process.cwd(), entry.file);
    if (entry.symlinkTarget !== undefined) {
      problems.push(new BundleError(shown, "is a symbolic link: a bundle holds plain files only; replace it with the file"));
      continue;
    }
    const read = readEntry(entry.file, shown);
    if (read instanceof BundleError) {
      problems.push(read);
      continue;
    }
    let data = read;
    try {
      data = rewriteForStandaloneUse(entry.bundlePath, entry.file, data, layout.root, workspaceBins);
      // The bundled SKILL.md always carries the release version, written or not in the repository's copy.
      if (entry.bundlePath === "SKILL.md" && metadataVersion === undefined) {
        data = Buffer.from(withMetadataVersion(Buffer.from(data).toString("utf8"), version));
      }
    } catch (error) {
      problems.push(new BundleError(shown, `cannot be made standalone: ${(error as Error).message}`));
      continue;
    }
    const isText = !data.includes(0);
    if (isText) {
      for (const finding of await scanForSecrets(shown, Buffer.from(data).toString("utf8"))) {
        problems.push(new BundleError(shown, `${finding.message} (${finding.rule}); remove it, a published bundle must hold no secret`, finding.line));
      }
    }
    const executable = (statSync(entry.file).mode & 0o111) !== 0;
    files.push({ path: `${name}/${entry.bundlePath}`, data, executable });
    const tokens = isText ? await countTokens(Buffer.from(data).toString("utf8")) : null;
    listed.push({ path: entry.bundlePath, bytes: data.length, sha256: sha256(data), tokens });
  }
  if (!entries.some((entry) => entry.bundlePath === "SKILL.md")) problems.push(new BundleError(layout.skillDir, "SKILL.md is not in the bundle"));
  if (problems.length > 0) throw new AggregateError(problems, `${problems.length} problem(s) kept the bundle from being written`);

  const zip = makeReproducibleZip(files);
  const maxArchiveBytes = options.maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES;
  if (zip.length > maxArchiveBytes) {
    const largest = [...listed].sort((a, b) => b.bytes - a.bytes).slice(0, 3).map((file) => `${file.path} (${file.bytes} bytes)`);
    throw new AggregateError(
      [new BundleError(`${name}-${version}.zip`, `is ${zip.length} bytes, over the archive budget of ${maxArchiveBytes}; the largest files: ${largest.join(", ")}`)],
      "archive over budget",
    );
  }
  const base = `${name}-${version}`;
  const record = (file: string) => ({ file, bytes: zip.length, sha256: sha256(zip) });
  const manifest: BundleManifest = {
    name,
    version,
    files: listed,
    totalBytes: listed.reduce((sum, file) => sum + file.bytes, 0),
    totalTokens: listed.reduce((sum, file) => sum + (file.tokens ?? 0), 0),
    readTokens: listed.filter((file) => !isRunNotRead(file.path)).reduce((sum, file) => sum + (file.tokens ?? 0), 0),
    tokenizer: TOKENIZER,
    zip: record(`${base}.zip`),
    skill: record(`${base}.skill`),
  };
  try {
    mkdirSync(options.outDir, { recursive: true });
    removeOwnOlderOutputs(options.outDir, name, base);
    // Temp file then rename (a reader never sees half a zip), the file mode kept, the temp file removed on failure.
    const bytes = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
    writeFileAtomic.sync(join(options.outDir, `${base}.zip`), bytes);
    writeFileAtomic.sync(join(options.outDir, `${base}.skill`), bytes);
    writeFileAtomic.sync(join(options.outDir, `${base}.manifest.json`), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new BundleError(options.outDir, `cannot write the bundle there (${code}); choose another --out or change its permissions`);
  }
  return manifest;
}
