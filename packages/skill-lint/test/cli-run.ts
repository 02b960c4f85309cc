/**
 * Two ways to run the CLI in tests. `cli` calls its main() in this process (in `cwd`, output
 * captured, as a pipe would see it): most cases test what the linter says, not the process
 * around it, and a spawn costs a Node start and a load of the rules per case. `spawnCli` runs the
 * built bin for what only a real process shows: exit codes, stdout/stderr wiring, another user.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { main } from "../src/cli-main.js";
import { PACKAGE_DIR } from "./harness.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const run = promisify(execFile);
const BIN = path.join(PACKAGE_DIR, "bin", "skill-lint.js");

/** In-process; tests in a file run one at a time, so changing the working folder is safe. */
export async function cli(args: string[], cwd: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(args, {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stderr += text) },
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(previous);
  }
}

/** Runs the built bin; `prefix` runs it through another command (for instance as another user). */
export async function spawnCli(args: string[], cwd: string, prefix: string[] = []): Promise<CliResult> {
  const [command, ...commandArgs] = [...prefix, process.execPath, BIN, ...args];
  try {
    const { stdout, stderr } = await run(command!, commandArgs, { cwd, timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}
