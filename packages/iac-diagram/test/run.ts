// Runs the built CLI as a user would (a child process in the package folder), so paths in
// messages are relative to it and exit codes are real.
import { execFile } from "node:child_process";
import { join } from "node:path";

export const PACKAGE_DIR = join(__dirname, "..");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(args: string[], cwd = PACKAGE_DIR): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(PACKAGE_DIR, "bin", "iac-diagram.js"), ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
