// Runs the CLI's runCli() in this process, in the folder a user would run it from (so paths in
// messages are relative to it), with its output captured: the command line, the exit code and the
// messages are the CLI's own, without a Node process and the package's module graph per call.
// spawnBin runs the built bin as a child process, for what only a process shows.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { runCli } from "../src/cli.js";

export const PACKAGE_DIR = join(__dirname, "..");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(args: string[], cwd = PACKAGE_DIR): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const before = process.cwd();
  // Test files run in forks (vitest's default pool), one test at a time: changing the folder is safe.
  process.chdir(cwd);
  try {
    const code = await runCli(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

export function spawnBin(args: string[], cwd = PACKAGE_DIR): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(PACKAGE_DIR, "bin", "iac-diagram.js"), ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
