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
  let cdkJson: { app?: unknown; context?: Record<string, unknown> };
  try {
    cdkJson = JSON.parse(readFileSync(cdkJsonFile, "utf8"));
  } catch (error) {
    return problem(`cdk.json is not valid JSON (${error instanceof Error ? error.message : String(error)}): fix the syntax`, "cdk-json");
  }
  if (typeof cdkJson.app !== "string" || cdkJson.app.trim() === "") {
    return problem(`cdk.json has no "app" command: add one that runs the app's entry file, e.g. "app": "npx tsx bin/app.ts"`, "cdk-json");
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
    try {
      lookups = JSON.parse(readFileSync(contextFile, "utf8"));
    } catch (error) {
      return { diagnostics: [{ file: relative(process.cwd(), contextFile), line: 1, column: 1, severity: "error", rule: "cdk/cdk-context-json", message: `cdk.context.json is not valid JSON (${error instanceof Error ? error.message : String(error)})` }] };
    }
  }
  return { config: { appDir, entryFile, context: { ...(cdkJson.context ?? {}), ...lookups } }, diagnostics: [] };
}
