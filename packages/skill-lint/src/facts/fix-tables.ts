/**
 * `--fix` for fact and cost tables: re-reads each file a rule marked stale (embedded code may
 * have been rewritten first, so line numbers from the lint run are not trusted), writes the
 * tables from skill/data and replaces the file atomically.
 */
import { readFile } from "node:fs/promises";
import type { VFile } from "vfile";
import { fileData } from "../context.js";
import { writeAtomically } from "../fix.js";
import { markdownParser } from "../markdown.js";
import type { FactData } from "./load.js";
import { rewriteFactTables } from "./tables.js";

/** Returns the files written. */
export async function fixFactTables(files: readonly VFile[], data: FactData | undefined): Promise<string[]> {
  const written: string[] = [];
  if (!data) return written;
  for (const file of files) {
    if (fileData(file).staleFactTables !== true || !file.path) continue;
    const text = await readFile(file.path, "utf8");
    const rewritten = rewriteFactTables(text, markdownParser().parse(text), data);
    if (rewritten === text) continue;
    await writeAtomically(file.path, rewritten);
    written.push(file.path);
  }
  return written;
}
