// Reads a skill archive into memory without trusting it: every entry name, type and size is checked
// before anything is written, so an install extracts only plain files inside the skill's folder.
// yauzl parses the zip (it validates the central directory and checks each entry's real size against
// the declared one); the policy (names, links, bounds) is ours, so every bad entry is named at once.
import yauzl, { type Entry, type ZipFile } from "yauzl";

export interface ArchiveLimits {
  /** Most bytes all entries may expand to. */
  maxExpandedBytes: number;
  /** Most entries (files and folders). */
  maxEntries: number;
}

/** A bundle of a few MiB expands to some tens; these bounds stop a zip bomb long before memory runs out. */
export const DEFAULT_LIMITS: ArchiveLimits = { maxExpandedBytes: 64 * 1024 * 1024, maxEntries: 5000 };

export interface ArchiveFile {
  /** Path inside the skill folder (the archive's top-level folder removed). */
  path: string;
  data: Buffer;
  executable: boolean;
}

export interface SkillArchive {
  /** The one top-level folder, which is the skill's name. */
  topFolder: string;
  files: ArchiveFile[];
}

/** The archive cannot be used; `problems` names each bad entry. */
export class ArchiveError extends Error {
  constructor(
    readonly archive: string,
    readonly problems: string[],
  ) {
    super(`${archive}: ${problems.join("; ")}`);
  }
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const MADE_BY_UNIX = 3;

/** Why an entry name may not be extracted, or undefined when it is a plain relative path. */
export function unsafeNameReason(name: string): string | undefined {
  if (name.includes("\0")) return "has a NUL byte in its name";
  if (name.includes("\\")) return "uses a backslash (a Windows path) in its name";
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return "is an absolute path";
  if (name.split("/").some((segment) => segment === "..")) return "climbs out of the folder with `..`";
  if (name.split("/").some((segment) => segment === ".")) return "has a `.` segment in its name";
  return undefined;
}

function decodeName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return (entry.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString("utf8") : raw.toString("latin1");
}

/** The unix file type an entry carries, when the zip was made on a unix system. */
function unixType(entry: Entry): number | undefined {
  if (entry.versionMadeBy >> 8 !== MADE_BY_UNIX) return undefined;
  const mode = (entry.externalFileAttributes >>> 16) & 0xffff;
  return mode === 0 ? undefined : mode & S_IFMT;
}

const open = (data: Buffer) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, zip) => (error ? reject(error) : resolve(zip!))),
  );

function readEntry(zip: ZipFile, entry: Entry, budget: { left: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream!.on("data", (chunk: Buffer) => {
        budget.left -= chunk.length;
        // Counted as it inflates: a size the entry lied about cannot outrun the bound.
        if (budget.left < 0) stream!.destroy(new Error("EXPANDS_TOO_FAR"));
        else chunks.push(chunk);
      });
      stream!.on("error", reject);
      stream!.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}

/**
 * Reads and checks a skill archive: one top-level folder, plain files and folders only, no
 * absolute or `..` paths, no duplicates, at most `limits.maxEntries` entries expanding to at most
 * `limits.maxExpandedBytes`. Throws ArchiveError naming every problem found.
 */
export async function readSkillArchive(archive: string, data: Buffer, limits: ArchiveLimits = DEFAULT_LIMITS): Promise<SkillArchive> {
  let zip: ZipFile;
  try {
    zip = await open(data);
  } catch (error) {
    throw new ArchiveError(archive, [`is not a readable zip archive (${(error as Error).message}); it may be truncated or corrupt: download it again`]);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ArchiveError(archive, [`has ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted (a zip bomb, or not a skill archive)`]);
  }
  const problems: string[] = [];
  const entries: Entry[] = [];
  let declared = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: Entry) => {
        entries.push(entry);
        zip.readEntry();
      });
      zip.on("end", resolve);
      zip.on("error", reject);
      zip.readEntry();
    });
  } catch (error) {
    throw new ArchiveError(archive, [`is not a readable zip archive (${(error as Error).message}); it may be truncated or corrupt: download it again`]);
  }

  const names = new Set<string>();
  const tops = new Set<string>();
  const files: { entry: Entry; name: string }[] = [];
  for (const entry of entries) {
    const name = decodeName(entry);
    const shown = JSON.stringify(name);
    const unsafe = unsafeNameReason(name);
    if (unsafe) {
      problems.push(`entry ${shown} ${unsafe}`);
      continue;
    }
    const type = unixType(entry);
    const isFolder = name.endsWith("/");
    if (type === S_IFLNK) problems.push(`entry ${shown} is a symbolic link; a skill archive holds plain files only`);
    else if (type !== undefined && type !== (isFolder ? S_IFDIR : S_IFREG)) problems.push(`entry ${shown} is not a plain file or folder`);
    if (names.has(name)) problems.push(`entry ${shown} appears twice`);
    names.add(name);
    tops.add(name.split("/")[0]!);
    if (isFolder) continue;
    if (!name.includes("/")) problems.push(`entry ${shown} is outside the skill's folder; the archive must hold one top-level folder`);
    declared += entry.uncompressedSize;
    files.push({ entry, name });
  }
  if (declared > limits.maxExpandedBytes) {
    problems.push(`expands to ${declared} bytes; at most ${limits.maxExpandedBytes} are accepted (a zip bomb, or not a skill archive)`);
  }
  if (tops.size > 1) problems.push(`has ${tops.size} top-level entries (${[...tops].sort().join(", ")}); a skill archive has one folder, the skill's`);
  if (entries.length === 0) problems.push("is empty");
  if (problems.length > 0) {
    zip.close();
    throw new ArchiveError(archive, problems);
  }

  const budget = { left: limits.maxExpandedBytes };
  const out: ArchiveFile[] = [];
  try {
    for (const { entry, name } of files) {
      const mode = (entry.externalFileAttributes >>> 16) & 0o777;
      out.push({ path: name.slice(name.indexOf("/") + 1), data: await readEntry(zip, entry, budget), executable: (mode & 0o111) !== 0 });
    }
  } catch (error) {
    const message = (error as Error).message;
    // yauzl stops an entry that inflates past its declared size; our count stops the total.
    const lied = message === "EXPANDS_TOO_FAR" || message.startsWith("too many bytes in the stream");
    throw new ArchiveError(archive, [
      lied
        ? "an entry expands to more bytes than it declares (a zip bomb, or a damaged archive); nothing was extracted"
        : `cannot be read (${message}); it may be truncated or corrupt: download it again`,
    ]);
  } finally {
    zip.close();
  }
  return { topFolder: [...tops][0]!, files: out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
