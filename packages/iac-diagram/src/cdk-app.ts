// A CDK app folder: its cloud assembly when one is at least as new as every source file (iac-check
// writes one into cdk.out/iac-check-assembly on every check; `cdk synth` into cdk.out), otherwise
// a fresh synthesis that runs cdk.json's "app" command as the CDK CLI does: in the app folder,
// through the shell, with CDK_OUTDIR and CDK_CONTEXT_JSON set, bounded by a time limit.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { CHECKED_ASSEMBLY_DIR, readCdkApp, readStackTemplates, type Diagnostic } from "@aws-patterns/iac-check/loaders";
import { resourcesOfTemplate } from "./from-template.js";
import type { ResourceSet } from "./resources.js";

/** The assemblies looked for, newest wins: iac-check's, then the CDK CLI's default. */
const ASSEMBLY_DIRS = [CHECKED_ASSEMBLY_DIR, "cdk.out"];
/** Not sources of the app: output, dependencies, and files synthesis never reads. */
const NOT_SOURCES = new Set(["node_modules", "cdk.out", "dist", "iac-check-report.json"]);

export type SynthMode = "auto" | "always";

export async function loadCdkApp(appDir: string, synth: SynthMode, timeoutMs: number): Promise<{ sets: ResourceSet[]; from: string } | { diagnostics: Diagnostic[] }> {
  const fresh = synth === "auto" ? freshAssembly(appDir) : undefined;
  if (fresh) return { sets: setsOf(fresh), from: relative(process.cwd(), fresh) || "." };
  const { config, diagnostics } = readCdkApp(appDir);
  if (!config) return { diagnostics };
  const outdir = mkdtempSync(join(tmpdir(), "iac-diagram-cdk-"));
  try {
    // readCdkApp has checked that cdk.json is an object with an "app" command string.
    const app = (JSON.parse(readFileSync(join(appDir, "cdk.json"), "utf8")) as { app: string }).app;
    const problem = await runApp(appDir, app, config.context, relative(process.cwd(), config.entryFile), outdir, timeoutMs);
    if (problem) return { diagnostics: [problem] };
    const sets = setsOf(outdir);
    if (sets.length === 0) {
      return { diagnostics: [{ file: relative(process.cwd(), join(appDir, "cdk.json")), severity: "error", rule: "synth/no-stacks", message: "the app ran but produced no stack: does it call app.synth() (or let the App synthesize on exit) after creating its stacks?" }] };
    }
    return { sets, from: "a fresh synthesis" };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function setsOf(assemblyDir: string): ResourceSet[] {
  return readStackTemplates(assemblyDir).map((s) => ({ name: s.stack, resources: resourcesOfTemplate(s.template) }));
}

/** The newest assembly with a stack, if no source file of the app was changed after it was written. */
export function freshAssembly(appDir: string): string | undefined {
  const candidates = ASSEMBLY_DIRS.map((d) => join(appDir, d))
    .filter((d) => existsSync(join(d, "manifest.json")) && readStackTemplates(d).length > 0)
    .map((d) => ({ dir: d, written: statSync(join(d, "manifest.json")).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  const newest = candidates[0];
  if (!newest) return undefined;
  return newestSource(appDir) <= newest.written ? newest.dir : undefined;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (NOT_SOURCES.has(entry.name) || entry.name.startsWith(".") || entry.name.endsWith(".md")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function runApp(appDir: string, app: string, context: Record<string, unknown>, file: string, outdir: string, timeoutMs: number): Promise<Diagnostic | undefined> {
  return new Promise((resolve) => {
    const child = spawn(app, {
      cwd: appDir,
      shell: true,
      // Its own process group, so a timeout also stops what `npx` started.
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        ...process.env,
        CDK_OUTDIR: outdir,
        CDK_CONTEXT_JSON: JSON.stringify(context),
        // As iac-check synthesizes: a dummy environment, so env-specific stacks synthesize offline.
        CDK_DEFAULT_ACCOUNT: process.env.CDK_DEFAULT_ACCOUNT ?? "123456789012",
        CDK_DEFAULT_REGION: process.env.CDK_DEFAULT_REGION ?? "us-east-1",
        // A diagram needs the templates, not CloudFormation validation (iac-check's job), which
        // costs about 9 CPU-seconds per synth (its 9 MB WebAssembly engine starting up).
        CDK_VALIDATION: "false",
      },
    });
    let stderr = "";
    let timedOut = false;
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-16_384);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ file, severity: "error", rule: "synth/app-threw", message: `cannot run the app command ${JSON.stringify(app)}: ${error.message}` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve({ file, severity: "error", rule: "synth/timeout", message: `the app did not finish within ${timeoutMs / 1000} s (--timeout): it hangs or waits for something that never comes (a network call, an unresolved promise, an endless loop); it was stopped` });
      } else if (code !== 0) {
        const why = lastError(stderr) ?? `exit code ${code}`;
        resolve({ file, severity: "error", rule: "synth/app-threw", message: `the app command ${JSON.stringify(app)} failed (exit code ${code}): ${why}. Nothing was drawn; \`iac-check ${relative(process.cwd(), appDir) || "."}\` shows the full diagnosis` });
      } else resolve(undefined);
    });
  });
}

/** The error a failed app printed: its last `...Error: message` line, else its last line of text. */
export function lastError(stderr: string): string | undefined {
  const lines = stderr.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("at ") && !/^Node\.js v\d/.test(l) && !/^\^+$/.test(l));
  return [...lines].reverse().find((l) => /^(?:[\w.]*Error|Error)\b.*:/.test(l)) ?? lines.at(-1);
}
