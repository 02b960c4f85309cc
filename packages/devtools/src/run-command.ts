import { spawn } from "node:child_process";

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Hard limit; the whole process group is killed when it passes. */
  timeoutMs: number;
  /** Echo output as it arrives (long runs should show progress). */
  echo?: boolean;
}

/** Runs a shell command line, bounded by a timeout, and captures its output. */
export function runCommand(commandLine: string, options: RunOptions): Promise<CommandResult> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", commandLine], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.echo) process.stderr.write(chunk);
    });
    const timer = setTimeout(() => {
      // Negative pid: the command's whole process group, so no grandchild outlives the limit.
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
      reject(new Error(`"${commandLine}" did not finish within ${options.timeoutMs / 1000} s in ${options.cwd}`));
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ code: code ?? 1, stdout, stderr, seconds });
    });
  });
}

/** Like runCommand, but a non-zero exit is an error that carries the command's output tail. */
export async function runOrFail(commandLine: string, options: RunOptions): Promise<CommandResult> {
  const result = await runCommand(commandLine, options);
  if (result.code !== 0) {
    const tail = (result.stdout + result.stderr).split("\n").slice(-40).join("\n");
    throw new Error(`"${commandLine}" exited ${result.code} in ${options.cwd}:\n${tail}`);
  }
  return result;
}
