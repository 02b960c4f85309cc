// Reads one template file into a ParsedTemplate, or the one diagnostic that says why it cannot be
// read (too large, unreadable, not UTF-8, not YAML/JSON). Kept apart from the checks (no engine
// imports) so other tools, such as iac-diagram, load templates with the same errors.
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import type { Diagnostic } from "../language.js";
import { decodeTemplate, parseTemplate, TemplateSyntaxError, type ParsedTemplate } from "./parse-template.js";

/** The file extensions a template may have. */
export const TEMPLATE_EXTENSIONS = new Set([".yaml", ".yml", ".json", ".template"]);

/** CloudFormation's template body limit (the figure cfn-lint's rule E1002 checks): larger templates are not parsed at all. */
export const MAX_TEMPLATE_BYTES = 1_000_000;

/** `file` is the path as the user would open it, for the diagnostic. */
export function loadTemplateFile(target: string, file: string): { parsed: ParsedTemplate } | { diagnostic: Diagnostic } {
  let bytes: Buffer;
  try {
    const size = statSync(target).size;
    if (size > MAX_TEMPLATE_BYTES) {
      return { diagnostic: { file, line: 1, column: 1, severity: "error", rule: "cloudformation/size", message: `the template is ${(size / 1_000_000).toFixed(1)} MB; CloudFormation accepts templates of at most 1 MB (${MAX_TEMPLATE_BYTES.toLocaleString("en-US")} bytes, uploaded through S3): split it into nested stacks` } };
    }
    bytes = readFileSync(target);
  } catch (error) {
    return { diagnostic: { file, severity: "error", rule: "cloudformation/unreadable", message: unreadableMessage(error) } };
  }
  try {
    return { parsed: parseTemplate(decodeTemplate(bytes)) };
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    return { diagnostic: { file, ...error.position, severity: "error", rule: "cloudformation/syntax", message: `${error.message} (iac-check reads CloudFormation templates in YAML, with the !Ref/!GetAtt/!Sub... short forms, or JSON)` } };
  }
}

/** Why a template could not be read, in words (the error code is what tells the cases apart). */
export function unreadableMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "cannot read the template: permission denied; make it readable (chmod a+r) or leave it out";
    case "EISDIR":
      return "cannot read the template: it is a folder, not a file";
    case "ENOENT":
      return "cannot read the template: it does not exist (a symbolic link to a missing file?)";
    default:
      return `cannot read the template: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Reads the first 64 KiB only: enough to see the top-level keys of any real template. */
export function looksLikeTemplate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    // Claimed, so the check says it cannot be read instead of skipping it in silence.
    return true;
  }
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, length).toString("utf8");
    return /^(?:\s*\{\s*)?["']?(?:AWSTemplateFormatVersion|Resources)["']?\s*:/m.test(head);
  } finally {
    closeSync(fd);
  }
}
