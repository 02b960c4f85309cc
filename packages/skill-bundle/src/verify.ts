// skill-bundle verify <dir|zip>: an installed or downloaded skill, file by file against its manifest.
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { INSTALLED_MANIFEST, ManifestError, manifestBeside, readManifest, type BundleManifest, type ManifestFile } from "./manifest.js";
import { readSkillArchive, type ArchiveLimits } from "./read-archive.js";

export interface Differences {
  changed: string[];
  missing: string[];
  extra: string[];
  /** Found but not a plain file (a symbolic link, a socket ...): never part of a skill. */
  notFiles: string[];
}

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

export function differs(found: Differences): boolean {
  return found.changed.length + found.missing.length + found.extra.length + found.notFiles.length > 0;
}

/** Compares what the manifest lists with what is there (path → sha256). */
export function compareWithManifest(expected: readonly ManifestFile[], actual: ReadonlyMap<string, string>, notFiles: string[] = []): Differences {
  const listed = new Map(expected.map((file) => [file.path, file.sha256]));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [path, hash] of listed) {
    if (notFiles.includes(path)) continue;
    const found = actual.get(path);
    if (found === undefined) missing.push(path);
    else if (found !== hash) changed.push(path);
  }
  const extra = [...actual.keys()].filter((path) => !listed.has(path));
  const sort = (list: string[]) => list.sort();
  return { changed: sort(changed), missing: sort(missing), extra: sort(extra), notFiles: sort(notFiles) };
}

/** Every file under `dir` (its manifest excepted) by relative path and sha256; links and other non-files apart. */
export function snapshotFolder(dir: string): { hashes: Map<string, string>; notFiles: string[] } {
  const hashes = new Map<string, string>();
  const notFiles: string[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (path === INSTALLED_MANIFEST) continue;
      const full = join(folder, name);
      const stats = lstatSync(full);
      if (stats.isDirectory()) walk(full, path);
      else if (stats.isFile()) hashes.set(path, sha256(readFileSync(full)));
      else notFiles.push(path);
    }
  };
  walk(dir, "");
  return { hashes, notFiles };
}

export interface VerifyReport {
  target: string;
  manifest: BundleManifest;
  /** The archive's own hash differs from the manifest's record of it (zip targets only). */
  archiveHashDiffers: boolean;
  found: Differences;
}

/** Checks a skill folder (with its installed manifest, or `manifestFile`) or an archive (manifest beside it). */
export async function verifySkill(target: string, options: { manifestFile?: string; limits?: ArchiveLimits } = {}): Promise<VerifyReport> {
  let stats;
  try {
    stats = lstatSync(target);
  } catch {
    throw new ManifestError(`${target}: no such file or folder; pass an installed skill folder or a downloaded .zip/.skill`);
  }
  if (stats.isDirectory()) {
    const manifest = readManifest(options.manifestFile ?? join(target, INSTALLED_MANIFEST));
    const { hashes, notFiles } = snapshotFolder(target);
    return { target, manifest, archiveHashDiffers: false, found: compareWithManifest(manifest.files, hashes, notFiles) };
  }
  const manifest = readManifest(options.manifestFile ?? manifestBeside(target));
  const data = readFileSync(target);
  const archive = await readSkillArchive(target, data, options.limits);
  const hashes = new Map(archive.files.map((file) => [file.path, sha256(file.data)]));
  const found = compareWithManifest(manifest.files, hashes);
  if (archive.topFolder !== manifest.name) found.changed.unshift(`(top-level folder is ${archive.topFolder}, the manifest's skill is ${manifest.name})`);
  return { target, manifest, archiveHashDiffers: sha256(data) !== manifest.zip.sha256, found };
}

/** One line per difference, for the terminal. */
export function formatDifferences(found: Differences): string[] {
  return [
    ...found.changed.map((path) => `changed  ${path}`),
    ...found.missing.map((path) => `missing  ${path}`),
    ...found.extra.map((path) => `extra    ${path}`),
    ...found.notFiles.map((path) => `not a file  ${path} (a symbolic link or other special file)`),
  ];
}
