import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand, runOrFail, type CommandResult } from "./run-command.js";

const MINUTE = 60_000;

export interface CleanClone {
  dir: string;
  installSeconds: number;
  remove(): void;
}

/**
 * Clones the committed HEAD of `repoRoot` into a new temporary folder and installs it, as a newcomer
 * would: what is not committed is not measured.
 */
export async function makeCleanClone(repoRoot: string, label: string, env: NodeJS.ProcessEnv = process.env): Promise<CleanClone> {
  const parent = mkdtempSync(join(tmpdir(), `aws-patterns-${label}-`));
  const dir = join(parent, "repo");
  const remove = () => rmSync(parent, { recursive: true, force: true });
  try {
    await runOrFail(`git clone --quiet --no-hardlinks "${repoRoot}" "${dir}"`, { cwd: parent, timeoutMs: 5 * MINUTE });
    const install: CommandResult = await runOrFail("pnpm install --frozen-lockfile --prefer-offline", { cwd: dir, env, timeoutMs: 15 * MINUTE });
    return { dir, installSeconds: install.seconds, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * `pnpm verify` with a run summary, bounded. A failing verify throws unless `allowFailure`, in which
 * case the caller reads which tasks failed from the run summary.
 */
export async function runVerify(dir: string, env: NodeJS.ProcessEnv = process.env, allowFailure = false): Promise<CommandResult> {
  const options = { cwd: dir, env, timeoutMs: 60 * MINUTE };
  return allowFailure ? runCommand("pnpm verify --summarize", options) : runOrFail("pnpm verify --summarize", options);
}
