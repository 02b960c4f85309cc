// Runs the built CLI (dist/) the way a user does, bounded by a timeout.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CheckReport, Diagnostic } from "../src/language.js";

export const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const BIN = fileURLToPath(new URL("../bin/iac-check.js", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `wrapper` runs the CLI under another command (e.g. setpriv, to run as another user). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 500_000, wrapper: string[] = []): Promise<CliResult> {
  const [command, ...commandArgs] = [...wrapper, process.execPath, BIN, ...args];
  return new Promise((resolve) => {
    execFile(
      command!,
      commandArgs,
      { cwd: PACKAGE_DIR, env: { ...process.env, IAC_CHECK_CFN_LINT: "0", ...env }, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : error ? -1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface JsonOutput {
  reports: CheckReport[];
  diagnostics: Diagnostic[];
}

export async function runJson(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: JsonOutput; stderr: string }> {
  const result = await runCli(["--format", "json", "--no-report", ...args], env);
  let output: JsonOutput;
  try {
    output = JSON.parse(result.stdout) as JsonOutput;
  } catch {
    throw new Error(`iac-check printed no JSON (exit ${result.code}): ${result.stderr.slice(-2000)}`);
  }
  return { code: result.code, output, stderr: result.stderr };
}

export function errorsOf(output: JsonOutput, target: string): Diagnostic[] {
  const report = output.reports.find((r) => r.target === target);
  if (!report) throw new Error(`no report for ${target}; targets: ${output.reports.map((r) => r.target).join(", ")}`);
  return report.diagnostics.filter((d) => d.severity === "error");
}
