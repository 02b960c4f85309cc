// The manifest written beside every bundle (and into every install): what the archive holds, file by
// file, so an install or a download can be checked against it.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
  /** o200k_base tokens of a text file; null for a binary file. */
  tokens: number | null;
}

export interface ArchiveRecord {
  file: string;
  bytes: number;
  sha256: string;
}

export interface BundleManifest {
  name: string;
  version: string;
  files: ManifestFile[];
  totalBytes: number;
  /** Tokens of every text file, and of those an agent reads (scripts/bin/ is run, not read). */
  totalTokens: number;
  readTokens: number;
  tokenizer: string;
  zip: ArchiveRecord;
  /** The same bytes as the zip, under the name Claude's skill packaging uses. */
  skill: ArchiveRecord;
}

/** The archive budget (issue 13: start at 5 MiB); an agent downloads and unpacks the whole archive. */
export const DEFAULT_MAX_ARCHIVE_BYTES = 5 * 1024 * 1024;

/** Where an install keeps the manifest it was made from (agents ignore dot files). */
export const INSTALLED_MANIFEST = ".skill-manifest.json";

/** A manifest cannot be used: missing, not JSON, or not the shape skill-bundle writes. */
export class ManifestError extends Error {}

/** `aws-patterns-1.2.3.zip` or `.skill` → `aws-patterns-1.2.3.manifest.json` beside it. */
export function manifestBeside(archive: string): string {
  return join(dirname(archive), `${basename(archive).replace(/\.(zip|skill)$/i, "")}.manifest.json`);
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Reads and checks a manifest; every problem names the file and the field. */
export function readManifest(file: string): BundleManifest {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ManifestError(
      code === "ENOENT"
        ? `${file}: no manifest; download it with the archive (each release has both) or pass --manifest <file>`
        : `${file}: cannot read the manifest (${code ?? (error as Error).message})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${file}: the manifest is not valid JSON (${(error as Error).message}); download it again`);
  }
  const problems = manifestProblems(data);
  if (problems.length > 0) throw new ManifestError(`${file}: not a skill-bundle manifest: ${problems.join("; ")}`);
  return data as BundleManifest;
}

function manifestProblems(data: unknown): string[] {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return ["it is not a JSON object"];
  const manifest = data as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof manifest.name !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(manifest.name)) problems.push("`name` is not a skill name");
  if (typeof manifest.version !== "string") problems.push("`version` is missing");
  if (!Array.isArray(manifest.files)) return [...problems, "`files` is not a list"];
  const seen = new Set<string>();
  manifest.files.forEach((entry: unknown, index) => {
    const file = entry as Partial<ManifestFile> | null;
    if (typeof file?.path !== "string" || file.path === "") problems.push(`files[${index}].path is missing`);
    else if (seen.has(file.path)) problems.push(`files[${index}].path ${file.path} appears twice`);
    else seen.add(file.path);
    if (typeof file?.sha256 !== "string" || !SHA256.test(file.sha256)) problems.push(`files[${index}].sha256 is not a SHA-256`);
    if (typeof file?.bytes !== "number") problems.push(`files[${index}].bytes is not a number`);
  });
  const zip = manifest.zip as Partial<ArchiveRecord> | undefined;
  if (typeof zip?.sha256 !== "string" || !SHA256.test(zip.sha256)) problems.push("`zip.sha256` is not a SHA-256");
  return problems;
}
