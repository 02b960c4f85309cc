// `terraform fmt`, offline (./terraform-fmt.ts). A file that would change is an error; with --fix
// it is rewritten atomically (temp file + rename) and reported as info.

import { renameSync, writeFileSync } from "node:fs";
import type { Diagnostic } from "../language.js";
import type { TfFile } from "./model.js";
import { formatLikeTerraform, type FormatResult } from "./terraform-fmt.js";

export { warmUpFormatter } from "./terraform-fmt.js";

export async function checkFormat(files: { file: TfFile; absolutePath: string }[], fix: boolean): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const { file, absolutePath } of files) {
    if (file.isJson) continue; // terraform fmt leaves .tf.json alone
    let result: FormatResult;
    try {
      result = await formatLikeTerraform(file.text);
    } catch {
      continue; // only reached for files the parser rejected, which already carry a syntax error
    }
    // hclwrite reads a byte order mark as three spaces before the end of a file that has no token.
    const formatted = file.bom && /^[ \t]*$/.test(file.text) ? `   ${result.text}` : result.text;
    if (formatted === file.text && !file.bom) continue;
    if (result.droppedLabels.length) {
      // terraform fmt would delete these labels; never do that to a user's file, even with --fix.
      for (const d of result.droppedLabels) {
        out.push({ file: file.path, line: d.line, column: d.column, severity: "error", rule: "tf/format", message: `terraform fmt deletes the block label "${d.label}" (it mishandles "$" and "%" in labels), so this file cannot be formatted: rename the label without "$" or "%".` });
      }
      continue;
    }
    if (fix) {
      const temp = `${absolutePath}.iac-check-${process.pid}.tmp`;
      writeFileSync(temp, formatted);
      renameSync(temp, absolutePath);
      out.push({ file: file.path, line: 1, column: 1, severity: "info", rule: "tf/format", message: "Reformatted as terraform fmt would." });
      continue;
    }
    const line = firstDifferentLine(file.text, formatted);
    const what = formatted === file.text ? "Starts with a byte order mark, which terraform fmt removes" : "Not formatted as terraform fmt would (first difference on this line)";
    out.push({ file: file.path, line, column: 1, severity: "error", rule: "tf/format", message: `${what}: run iac-check --fix or terraform fmt.` });
  }
  return out;
}

function firstDifferentLine(a: string, b: string): number {
  const x = a.split("\n");
  const y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1;
  return 1;
}
