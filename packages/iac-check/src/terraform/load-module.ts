// Reads every .tf and .tf.json file of one module folder (Terraform reads one folder, not
// subfolders), parses it, and merges override files into the others (./merge-overrides.ts).

import { readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Diagnostic } from "../language.js";
import { mergeOverrides } from "./merge-overrides.js";
import type { TfFile, TfModule } from "./model.js";
import { decodeTerraformSource, parseHclFile } from "./parse-hcl.js";
import { parseTfJsonFile } from "./parse-tf-json.js";
import { terraformFilesIn } from "./terraform-files.js";

export { isTerraformFile, terraformFilesIn } from "./terraform-files.js";

export interface LoadedModule {
  module: TfModule;
  files: { file: TfFile; absolutePath: string; parsed: boolean }[];
  diagnostics: Diagnostic[];
  /** Every file parsed: the semantic checks can trust the tree. */
  ok: boolean;
}

export async function loadModule(dir: string): Promise<LoadedModule> {
  const module: TfModule = { dir, files: [] };
  const loaded: LoadedModule = { module, files: [], diagnostics: [], ok: true };
  for (const name of terraformFilesIn(dir)) {
    const absolutePath = join(dir, name);
    const path = relative(process.cwd(), absolutePath) || name;
    let bytes: Buffer;
    try {
      if (statSync(absolutePath).size > 20 * 1024 * 1024) throw new Error("larger than 20 MB");
      bytes = readFileSync(absolutePath);
    } catch (error) {
      loaded.ok = false;
      loaded.diagnostics.push({ file: path, severity: "error", rule: "tf/syntax", message: `Cannot read this file: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    const decoded = decodeTerraformSource(bytes, path);
    if ("diagnostic" in decoded) {
      loaded.ok = false;
      loaded.diagnostics.push(decoded.diagnostic);
      continue;
    }
    const parsed = name.endsWith(".tf.json") ? parseTfJsonFile(path, decoded.text) : await parseHclFile(path, decoded.text);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) parsed.file.bom = true;
    loaded.diagnostics.push(...parsed.diagnostics);
    if (!parsed.ok) loaded.ok = false;
    module.files.push(parsed.file);
    loaded.files.push({ file: parsed.file, absolutePath, parsed: parsed.ok });
  }
  // Override files merge into the other files' blocks before any check sees them.
  if (loaded.ok) loaded.diagnostics.push(...mergeOverrides(module));
  return loaded;
}
