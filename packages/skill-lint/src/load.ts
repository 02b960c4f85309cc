/**
 * Reads the bundle's files defensively: symbolic links leaving the skill, non-regular files,
 * oversized, unreadable and binary files become diagnostics on a VFile instead of exceptions.
 */
import { lstat, open } from "node:fs/promises";
import path from "node:path";
import { VFile } from "vfile";
import { fileToBundlePath, isRunOnly, type BundleEntry, type SkillLayout } from "@aws-patterns/bundle-layout";

export type LoadOutcome = { ok: true; text: string; file: VFile } | { ok: false; file: VFile };

const SOURCE = "skill-lint";

export function newFile(fsPath: string, bundlePath: string, value?: string): VFile {
  return new VFile({ path: fsPath, value, data: { bundlePath } });
}

/** A diagnostic from before any rule ran (the file could not be linted). */
export function loadMessage(file: VFile, ruleId: string, reason: string): void {
  const message = file.message(reason, { place: { line: 1, column: 1 }, ruleId, source: SOURCE });
  message.fatal = true;
}

/**
 * Symbolic links are fine only when they stay inside what the bundle ships; the bundler copies
 * files, so a link to elsewhere would ship (or leak) a file nobody reviewed.
 */
export function checkSymlink(layout: SkillLayout, entry: BundleEntry): VFile | undefined {
  if (entry.symlinkTarget === undefined) return undefined;
  const file = newFile(entry.file, entry.bundlePath);
  if (entry.symlinkTarget === null) {
    loadMessage(file, "bundle-symlink", danglingLinkReason(entry.symlinkError));
    return file;
  }
  if (fileToBundlePath(layout, entry.symlinkTarget) === undefined) {
    loadMessage(
      file,
      "bundle-symlink",
      `Symbolic link points outside the skill (to \`${entry.symlinkTarget}\`); copy the file into the skill instead`,
    );
    return file;
  }
  return undefined;
}

/** A loop (a link reaching itself through other links) is not a missing file: say which it is. */
function danglingLinkReason(code: string | undefined): string {
  return code === "ELOOP"
    ? "Symbolic link is a loop (following it leads back to itself); point it at a real file"
    : "Symbolic link points to a missing file; remove it or fix its target";
}

/**
 * Size check for any shipped file (examples included): the bundle is loaded by agents. Built scripts
 * (scripts/bin/) are run, never read, so they are held to the bundler's archive budget instead.
 */
export async function checkSize(entry: BundleEntry, maxBytes: number): Promise<VFile | undefined> {
  if (entry.symlinkTarget !== undefined || isRunOnly(entry.bundlePath)) return undefined;
  try {
    const stats = await lstat(entry.file);
    if (stats.isFile() && stats.size > maxBytes) {
      const file = newFile(entry.file, entry.bundlePath);
      loadMessage(file, "file-readable", `File is ${stats.size} bytes; the limit is ${maxBytes} (maxFileBytes): shrink or split it`);
      return file;
    }
  } catch {
    // Reported when the file is read (only markdown is read here).
  }
  return undefined;
}

/** Reads one markdown file as UTF-8 text, or explains why it cannot be linted. */
export async function readMarkdown(fsPath: string, bundlePath: string, maxBytes: number): Promise<LoadOutcome> {
  const file = newFile(fsPath, bundlePath);
  const fail = (reason: string): LoadOutcome => {
    loadMessage(file, "file-readable", reason);
    return { ok: false, file };
  };
  let stats;
  try {
    stats = await lstat(fsPath);
  } catch (error) {
    return fail(`Cannot read file (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (stats.isSymbolicLink()) {
    return readMarkdownBehindLink(fsPath, bundlePath, maxBytes);
  }
  if (!stats.isFile()) return fail("Not a regular file; a skill's markdown must be a plain file");
  if (stats.size > maxBytes) return fail(`File is ${stats.size} bytes; the limit is ${maxBytes} (maxFileBytes): split it`);
  let bytes: Buffer;
  try {
    // Open then read the handle: a file swapped for a FIFO after lstat cannot block the run.
    const handle = await open(fsPath, "r");
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail(`Cannot read file (${(error as NodeJS.ErrnoException).code ?? "error"}); check its permissions`);
  }
  // The whole file: a NUL byte anywhere (not only in the first block) makes it binary.
  if (bytes.includes(0)) return fail("File is binary (it contains NUL bytes), not markdown");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail("File is not valid UTF-8; save it as UTF-8");
  }
  file.value = text;
  return { ok: true, text, file };
}

async function readMarkdownBehindLink(fsPath: string, bundlePath: string, maxBytes: number): Promise<LoadOutcome> {
  const { realpath } = await import("node:fs/promises");
  let target: string;
  try {
    target = await realpath(fsPath);
  } catch (error) {
    const file = newFile(fsPath, bundlePath);
    loadMessage(file, "bundle-symlink", danglingLinkReason((error as NodeJS.ErrnoException).code));
    return { ok: false, file };
  }
  const outcome = await readMarkdown(target, bundlePath, maxBytes);
  outcome.file.path = path.resolve(fsPath);
  return outcome;
}
