// `terraform fmt`, offline: @cdktn/hcl-tools `format()` is the Go hclwrite formatter that
// terraform fmt uses. A file that would change is an error; with --fix it is rewritten
// atomically (temp file + rename) and reported as info.

import { renameSync, writeFileSync } from "node:fs";
import { format } from "@cdktn/hcl-tools";
import type { Diagnostic } from "../language.js";
import type { TfFile } from "./model.js";

/** Starts the formatter's WebAssembly module early, so it loads while the parser's does. */
export function warmUpFormatter(): Promise<void> {
  return format("").then(
    () => undefined,
    () => undefined,
  );
}

export async function checkFormat(files: { file: TfFile; absolutePath: string }[], fix: boolean): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const { file, absolutePath } of files) {
    if (file.isJson) continue; // terraform fmt leaves .tf.json alone
    let formatted: string;
    try {
      formatted = await format(file.text);
    } catch {
      continue; // only reached for files the parser rejected, which already carry a syntax error
    }
    if (formatted === file.text) continue;
    if (fix) {
      const temp = `${absolutePath}.iac-check-${process.pid}.tmp`;
      writeFileSync(temp, formatted);
      renameSync(temp, absolutePath);
      out.push({ file: file.path, line: 1, column: 1, severity: "info", rule: "tf/format", message: "Reformatted as terraform fmt would." });
      continue;
    }
    const line = firstDifferentLine(file.text, formatted);
    out.push({ file: file.path, line, column: 1, severity: "error", rule: "tf/format", message: `Not formatted as terraform fmt would (first difference on this line): run iac-check --fix or terraform fmt.` });
  }
  return out;
}

function firstDifferentLine(a: string, b: string): number {
  const x = a.split("\n");
  const y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1;
  return 1;
}
