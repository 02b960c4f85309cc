/** `--fix`: rewrites drifted embedded blocks, each file atomically (temp file, then rename). */
import writeFileAtomic from "write-file-atomic";
import type { VFile } from "vfile";
import { fileData, type EmbedFix } from "./context.js";

/** Applies the rewrites one rule run recorded; returns the files written. */
export async function applyFixes(files: readonly VFile[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    const fixes = fileData(file).fixes;
    if (!fixes || fixes.length === 0 || !file.path) continue;
    const text = String(file.value);
    await writeAtomically(file.path, rewriteBlocks(text, fixes));
    written.push(file.path);
  }
  return written;
}

/** Replaces each block, fences included, last block first so line numbers stay valid. */
export function rewriteBlocks(text: string, fixes: readonly EmbedFix[]): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  for (const fix of [...fixes].sort((a, b) => b.openLine - a.openLine)) {
    const content = fix.content === "" ? [] : fix.content.split("\n").map((line) => (line === "" ? "" : fix.indent + line));
    lines.splice(fix.openLine - 1, fix.closeLine - fix.openLine + 1, fix.indent + fix.openFence, ...content, fix.indent + fix.closeFence);
  }
  return lines.join(eol);
}

/**
 * Temp file, then rename: a reader never sees half a file. write-file-atomic keeps the file's
 * mode and owner and removes its temp file when the write fails.
 */
export async function writeAtomically(file: string, content: string): Promise<void> {
  await writeFileAtomic(file, content, { encoding: "utf8" });
}
