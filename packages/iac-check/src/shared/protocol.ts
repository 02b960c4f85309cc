// Messages between iac-check and the shared engine: one process, started once for a whole verify
// run by `iac-check-share`, that keeps one engine host and one TypeScript compiler for every
// iac-check the run starts. One JSON object per line over a Unix socket.
import { delimiter, resolve } from "node:path";
import type { TypeScriptApp, TypeScriptResult } from "../cdk/typescript-check.js";
import type { EngineRequest, EngineResult } from "../engine/protocol.js";

/** The environment variable `iac-check-share` sets to the socket iac-check connects to. */
export const SHARED_ENGINE_ENV = "IAC_CHECK_SHARED_ENGINE";

export type SharedRequest =
  | { id: number; kind: "engine"; request: EngineRequest; timeoutMs: number; env: Record<string, string> }
  | { id: number; kind: "warm"; env: Record<string, string> }
  | { id: number; kind: "typecheck"; apps: TypeScriptApp[]; baseDir: string; timeoutMs: number };

export type SharedResponse =
  | { id: number; ok: true; engine?: EngineResult; typecheck?: TypeScriptResult[] }
  | { id: number; ok: false; failure: "timeout" | "crash" | "error"; error: string };

// What differs between two check tasks of one turbo run without changing what a check finds.
const PER_TASK = /^(npm_|TURBO_|PNPM_|pnpm_)|^(PWD|OLDPWD|INIT_CWD|SHLVL|_)$/;

/**
 * The part of an environment the engine host's checks can depend on (CDK_VALIDATION, JSII_*, the
 * apps' own variables...): a host started for one environment serves only requests with the same.
 */
export function checkEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env)
      .filter((entry): entry is [string, string] => entry[1] !== undefined && !PER_TASK.test(entry[0]))
      .map(([name, value]): [string, string] => [name, name === "NODE_PATH" ? resolvedPaths(value) : value])
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

// pnpm's bin shims set NODE_PATH relative to each package (`<pkg>/node_modules/.bin/../../../..
// /node_modules/.pnpm/node_modules`): the same folder for every package at that depth, spelled
// differently. Resolved, they compare equal; folders that differ still do.
function resolvedPaths(value: string): string {
  return value
    .split(delimiter)
    .map((entry) => (entry ? resolve(entry) : entry))
    .join(delimiter);
}
