// Reads a CDK app folder the way the CDK CLI does: cdk.json's "app" command names the entry,
// its "context" plus cdk.context.json (committed lookups) become the app's context.
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import type { Diagnostic } from "../language.js";

export interface CdkAppConfig {
  appDir: string;
  /** Absolute path of the entry file the "app" command runs (.ts or .js). */
  entryFile: string;
  context: Record<string, unknown>;
}

const ENTRY = /\.(?:[cm]?ts|tsx|[cm]?js)$/;

export function readCdkApp(appDir: string): { config?: CdkAppConfig; diagnostics: Diagnostic[] } {
  const cdkJsonFile = join(appDir, "cdk.json");
  const file = relative(process.cwd(), cdkJsonFile);
  const problem = (message: string, rule: string): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ file, line: 1, column: 1, severity: "error", message, rule: `cdk/${rule}` }],
  });
  let text: string;
  try {
    text = readFileSync(cdkJsonFile, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return problem(`cannot read cdk.json (${code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EISDIR" ? "it is a folder" : (error as Error).message}): it must be a readable JSON file`, "cdk-json");
  }
  let cdkJson: unknown;
  try {
    cdkJson = JSON.parse(text);
  } catch (error) {
    return problem(`cdk.json is not valid JSON (${error instanceof Error ? error.message : String(error)}): fix the syntax`, "cdk-json");
  }
  if (!isObject(cdkJson)) {
    return problem(`cdk.json must be a JSON object such as {"app": "npx tsx bin/app.ts"}, not ${describe(cdkJson)}`, "cdk-json");
  }
  if (cdkJson.app === undefined) {
    return problem(`cdk.json has no "app" command: add one that runs the app's entry file, e.g. "app": "npx tsx bin/app.ts"`, "cdk-json");
  }
  if (typeof cdkJson.app !== "string" || cdkJson.app.trim() === "") {
    return problem(`cdk.json's "app" must be a command string such as "npx tsx bin/app.ts", not ${describe(cdkJson.app)}`, "cdk-json");
  }
  if (cdkJson.context !== undefined && !isObject(cdkJson.context)) {
    return problem(`cdk.json's "context" must be an object of context keys and values, not ${describe(cdkJson.context)}`, "cdk-json");
  }
  const entryToken = cdkJson.app.split(/\s+/).find((token) => ENTRY.test(token));
  if (!entryToken) {
    return problem(`cdk.json's "app" command (${cdkJson.app}) names no .ts or .js entry file; iac-check synthesizes TypeScript and JavaScript apps, e.g. "npx tsx bin/app.ts"`, "cdk-json");
  }
  const entryFile = isAbsolute(entryToken) ? entryToken : join(appDir, entryToken);
  if (!existsSync(entryFile)) {
    return problem(`cdk.json's "app" command runs ${entryToken}, which does not exist in ${relative(process.cwd(), appDir) || "."}`, "cdk-json");
  }
  let lookups: Record<string, unknown> = {};
  const contextFile = join(appDir, "cdk.context.json");
  if (existsSync(contextFile)) {
    const contextProblem = (message: string): { diagnostics: Diagnostic[] } => ({
      diagnostics: [{ file: relative(process.cwd(), contextFile), line: 1, column: 1, severity: "error", rule: "cdk/cdk-context-json", message }],
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(contextFile, "utf8"));
    } catch (error) {
      return contextProblem(`cdk.context.json is not valid JSON or cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!isObject(parsed)) return contextProblem(`cdk.context.json must be a JSON object of context keys and values, not ${describe(parsed)}`);
    lookups = parsed;
  }
  return { config: { appDir, entryFile, context: { ...((cdkJson.context as Record<string, unknown> | undefined) ?? {}), ...lookups } }, diagnostics: [] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `null`, `an array`, `the number 3`: what the user wrote instead. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `${typeof value === "object" ? "an" : "the"} ${typeof value}${typeof value === "object" ? "" : ` ${String(value)}`}`;
}
