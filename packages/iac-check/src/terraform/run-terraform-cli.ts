// Where a `terraform` or `tofu` binary is on PATH (a user's CI), also runs `init -backend=false`
// and `validate -json`: the real provider then checks what the offline schema cannot (value
// validation, conflicting arguments). It runs in a temp copy of the module so the lock file and
// .terraform/ never land in the user's folder. Init needs the provider registry; when it cannot
// reach it the step is skipped with the reason, never failed.

import { spawn } from "node:child_process";
import { accessSync, constants, cpSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join, relative } from "node:path";
import type { Diagnostic } from "../language.js";

export type CliResult =
  | { status: "passed" | "failed"; binary: string; diagnostics: Diagnostic[] }
  | { status: "skipped"; reason: string; binary?: string };

const COPY_SKIP = new Set(["node_modules", ".terraform", ".git", ".turbo", "dist"]);
const OFFLINE = /could not connect|failed to request discovery|no such host|dial tcp|connection refused|network is unreachable|i\/o timeout|Failed to query available provider packages|Failed to download module/i;

export function findTerraformBinary(pathEnv = process.env.PATH ?? ""): string | undefined {
  for (const name of ["terraform", "tofu"]) {
    for (const dir of pathEnv.split(delimiter).filter(Boolean)) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function run(binary: string, args: string[], cwd: string, timeoutMs: number, dataDir: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, {
      cwd,
      env: { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", TF_INPUT: "0", TF_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a timeout ends provider plugins and other children too.
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
      resolve({ code: null, stdout, stderr, timedOut });
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: stderr + String(error), timedOut });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

interface ValidateOutput {
  valid: boolean;
  diagnostics?: { severity: string; summary: string; detail?: string; range?: { filename: string; start: { line: number; column: number } } }[];
}

/**
 * `binary` is the terraform or tofu executable to use; undefined when none is on PATH.
 * `childDirs` are the local modules it calls: those outside `moduleDir` (`../shared`) are copied
 * too, at the same place relative to it, so init finds them.
 */
export async function runTerraformCli(moduleDir: string, timeoutMs: number, binary: string | undefined, childDirs: string[] = []): Promise<CliResult> {
  if (!binary) return { status: "skipped", reason: "no terraform or tofu binary on PATH, so `init` and `validate` did not run; the offline checks above still ran" };
  const name = basename(binary);
  const work = mkdtempSync(join(tmpdir(), "iac-check-tf-"));
  try {
    const root = realpathSync(moduleDir);
    const outside = childDirs.map((d) => realpathSync(d)).filter((d) => relative(root, d).startsWith(".."));
    const base = [root, ...outside].reduce(commonAncestor);
    const copy = join(work, "tree", relative(base, root));
    for (const dir of [root, ...outside]) cpSync(dir, join(work, "tree", relative(base, dir)), { recursive: true, filter: (src) => !COPY_SKIP.has(basename(src)) });
    const init = await run(binary, ["init", "-backend=false", "-input=false", "-no-color"], copy, timeoutMs, join(work, "data"));
    if (init.timedOut) return { status: "skipped", binary: name, reason: `${name} init did not finish within ${Math.round(timeoutMs / 1000)} s (provider registry unreachable?)` };
    if (init.code !== 0) {
      const output = `${init.stderr}\n${init.stdout}`;
      const firstError = /Error: ([^\n]+)/.exec(output)?.[1] ?? output.trim().split("\n")[0] ?? "";
      if (OFFLINE.test(output)) return { status: "skipped", binary: name, reason: `${name} init could not download providers or modules (no registry access): ${firstError}` };
      const located = locatedErrors(output, moduleDir, `${name}/init`);
      return {
        status: "failed",
        binary: name,
        diagnostics: located.length ? located : [{ file: relative(process.cwd(), moduleDir) || ".", severity: "error", rule: `${name}/init`, message: `${name} init -backend=false failed: ${firstError}` }],
      };
    }
    const validate = await run(binary, ["validate", "-json", "-no-color"], copy, timeoutMs, join(work, "data"));
    let parsed: ValidateOutput;
    try {
      parsed = JSON.parse(validate.stdout) as ValidateOutput;
    } catch {
      return { status: "skipped", binary: name, reason: `${name} validate printed no JSON (exit ${validate.code}): ${validate.stderr.trim().split("\n")[0] ?? ""}` };
    }
    const diagnostics: Diagnostic[] = (parsed.diagnostics ?? []).map((d) => ({
      file: d.range ? relative(process.cwd(), join(moduleDir, d.range.filename)) : relative(process.cwd(), moduleDir) || ".",
      ...(d.range ? { line: d.range.start.line, column: d.range.start.column } : {}),
      severity: d.severity === "error" ? "error" : "warning",
      rule: `${name}/validate`,
      message: `${d.summary}${d.detail ? `: ${d.detail.replace(/\s+/g, " ")}` : ""}`,
    }));
    return { status: parsed.valid ? "passed" : "failed", binary: name, diagnostics };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The configuration errors `init` prints as text (`Error: Summary`, `on main.tf line 25:`, the
 * source line, then the detail), with their file and line, so they can be matched with the offline
 * findings like validate's.
 */
export function locatedErrors(output: string, moduleDir: string, rule: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pattern = /^Error: ([^\n]+)\n\n\s+on (\S+) line (\d+)[^\n]*\n(?:[ \t]+[^\n]*\n)*\n((?:[^\n]+\n?)*)/gm;
  for (const m of output.matchAll(pattern)) {
    const detail = (m[4] ?? "").replace(/\s+/g, " ").trim();
    out.push({ file: relative(process.cwd(), join(moduleDir, m[2]!)), line: Number(m[3]), severity: "error", rule, message: `${m[1]!.trim()}${detail ? `: ${detail}` : ""}` });
  }
  return out;
}

function commonAncestor(a: string, b: string): string {
  let dir = a;
  while (relative(dir, b).startsWith("..") && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
