// skill-bundle install: unpacks a checked archive into a temporary folder beside the target and
// renames it into place, so a failed install leaves the previous one as it was.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { INSTALLED_MANIFEST, ManifestError, manifestBeside, readManifest, type BundleManifest } from "./manifest.js";
import { ArchiveError, readSkillArchive, type ArchiveLimits } from "./read-archive.js";
import { compareWithManifest, differs, formatDifferences, sha256, snapshotFolder } from "./verify.js";

/** The skills folders agents scan, by `--target` name. */
export const TARGETS: Readonly<Record<string, (cwd: string, home: string) => string>> = {
  "claude-user": (_cwd, home) => join(home, ".claude", "skills"),
  "claude-project": (cwd) => join(cwd, ".claude", "skills"),
  agents: (cwd) => join(cwd, ".agents", "skills"),
};

/** `--target`: a known name, or any folder (the skills folder; the skill goes into `<dir>/<name>/`). */
export function resolveSkillsFolder(target: string, cwd = process.cwd(), home = homedir()): string {
  return TARGETS[target]?.(cwd, home) ?? resolve(cwd, target);
}

/** The install was refused; the previous install (if any) is untouched. `exitCode` 1: a refusal, 2: bad input. */
export class InstallError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

export interface InstallOptions {
  /** The .zip or .skill archive. */
  archive: string;
  /** Its manifest; default `<archive stem>.manifest.json` beside it. */
  manifestFile?: string;
  /** The skills folder (the skill goes into `<skillsFolder>/<name>/`). */
  skillsFolder: string;
  /** Replace an install whose files were changed by hand, or a folder not installed by skill-bundle. */
  force?: boolean;
  limits?: ArchiveLimits;
}

export interface InstallResult {
  installedAt: string;
  manifest: BundleManifest;
  replaced: boolean;
}

function writeProblem(folder: string, error: unknown): InstallError {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  const why = ["EACCES", "EPERM", "EROFS"].includes(code) ? "it is read-only for you" : (error as Error).message;
  return new InstallError(`${folder}: cannot write there (${code}: ${why}); choose another --target or change its permissions. Nothing was changed.`);
}

export async function installSkill(options: InstallOptions): Promise<InstallResult> {
  const manifestFile = options.manifestFile ?? manifestBeside(options.archive);
  let data: Buffer;
  try {
    data = readFileSync(options.archive);
  } catch (error) {
    throw new InstallError(`${options.archive}: cannot read the archive (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pass the downloaded .zip or .skill with --from`);
  }
  let manifest: BundleManifest;
  try {
    manifest = readManifest(manifestFile);
  } catch (error) {
    if (error instanceof ManifestError) throw new InstallError(error.message);
    throw error;
  }
  if (sha256(data) !== manifest.zip.sha256) {
    throw new InstallError(
      `${options.archive}: its SHA-256 is not the one ${manifestFile} records; the archive or the manifest was damaged or altered: download both again`,
    );
  }
  let archive;
  try {
    archive = await readSkillArchive(options.archive, data, options.limits);
  } catch (error) {
    if (error instanceof ArchiveError) throw new InstallError(`${error.archive}: ${error.problems.join("\n  ")}\nNothing was installed.`);
    throw error;
  }
  if (archive.topFolder !== manifest.name) {
    throw new InstallError(`${options.archive}: its folder is ${archive.topFolder} but the manifest is for ${manifest.name}; download both again`);
  }
  // The manifest must describe exactly these files: a tampered manifest is caught before anything is written.
  const mismatch = compareWithManifest(manifest.files, new Map(archive.files.map((file) => [file.path, sha256(file.data)])));
  if (differs(mismatch)) {
    throw new InstallError(`${manifestFile}: does not match the archive's files:\n  ${formatDifferences(mismatch).join("\n  ")}\nDownload both again.`);
  }

  const destination = join(options.skillsFolder, manifest.name);
  const replaced = existsSync(destination);
  if (replaced) refuseHandEdits(destination, options.force === true);

  try {
    mkdirSync(options.skillsFolder, { recursive: true });
  } catch (error) {
    throw writeProblem(options.skillsFolder, error);
  }
  let staging: string;
  try {
    staging = mkdtempSync(join(options.skillsFolder, `.${manifest.name}.installing-`));
  } catch (error) {
    throw writeProblem(options.skillsFolder, error);
  }
  try {
    for (const file of archive.files) {
      const target = join(staging, ...file.path.split("/"));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.data);
      chmodSync(target, file.executable ? 0o755 : 0o644);
    }
    writeFileSync(join(staging, INSTALLED_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    swapInto(staging, destination);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof InstallError) throw error;
    throw writeProblem(options.skillsFolder, error);
  }
  return { installedAt: destination, manifest, replaced };
}

/** An existing install is replaced only when it is exactly what its manifest says, or with --force. */
function refuseHandEdits(destination: string, force: boolean): void {
  if (!statSync(destination).isDirectory()) {
    if (force) return;
    throw new InstallError(`${destination}: exists and is not a folder; move it away or pass --force to replace it`, 1);
  }
  const manifestFile = join(destination, INSTALLED_MANIFEST);
  if (!existsSync(manifestFile)) {
    if (force) return;
    throw new InstallError(`${destination}: exists but was not installed by skill-bundle (no ${INSTALLED_MANIFEST}); move it away or pass --force to replace it`, 1);
  }
  let previous: BundleManifest;
  try {
    previous = readManifest(manifestFile);
  } catch (error) {
    if (force) return;
    throw new InstallError(`${(error as Error).message}\nThe install at ${destination} cannot be checked; pass --force to replace it`, 1);
  }
  const { hashes, notFiles } = snapshotFolder(destination);
  const found = compareWithManifest(previous.files, hashes, notFiles);
  if (!differs(found) || force) return;
  throw new InstallError(
    `${destination}: files were changed by hand since ${previous.name} ${previous.version} was installed:\n  ${formatDifferences(found).join("\n  ")}\n` +
      "Keep your changes elsewhere, then pass --force to replace them. Nothing was changed.",
    1,
  );
}

/** Renames `staging` to `destination`; a previous install is moved aside first and restored on failure. */
function swapInto(staging: string, destination: string): void {
  if (!existsSync(destination)) {
    renameSync(staging, destination);
    return;
  }
  const aside = `${staging}.previous`;
  renameSync(destination, aside);
  try {
    renameSync(staging, destination);
  } catch (error) {
    renameSync(aside, destination);
    throw error;
  }
  rmSync(aside, { recursive: true, force: true });
}
