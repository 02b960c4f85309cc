// A CDK app is synthesized the way `cdk synth` does it: its cdk.json "app" command runs in the app
// folder, with CDK_OUTDIR and CDK_CONTEXT_JSON set, so the user's own TypeScript runner and own
// aws-cdk-lib do the work. A small preload (bin/security-check-companion.mjs, NODE_OPTIONS --import)
// adds the cdk-nag packs to the App and writes the findings; the CloudFormation validation engine
// runs as part of aws-cdk-lib's synth. The command is bounded by --timeout (its whole process
// group is killed), and an app that fails says why, with the end of its output.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { readCdkApp } from "@aws-patterns/iac-check/dist/cdk/app-config.js";
import { findingToDiagnostic, reviewAcknowledgements } from "@aws-patterns/iac-check/dist/engine/findings.js";
import { ENV, type AppResult } from "./app-result.js";
import { binFile } from "./bin-files.js";
import { findCdkLib } from "./cdk-lib.js";
import { classify, type TargetReport } from "./report.js";

// Context keys of aws-cdk-lib's cx-api (FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT,
// VALIDATE_AGAINST_DEFAULT_RULES), as iac-check sets them: report through validation-report.json
// instead of failing the synth, and keep the validation engine's errors as errors.
const VALIDATION_CONTEXT = { "@aws-cdk/core:failSynthOnValidationErrors": false, "@aws-cdk/core:validateAgainstDefaultRules": true };

export async function checkCdkApp(target: string, timeoutMs: number): Promise<TargetReport> {
  const appDir = resolve(target);
  const report: TargetReport = { target, kind: "cdk-app", checkedWith: [], findings: [], problems: [], acknowledged: [] };
  const { config, diagnostics } = readCdkApp(appDir);
  if (!config) {
    report.problems.push(...diagnostics.map((d) => ({ file: d.file, line: d.line, rule: d.rule, message: d.message.replace(/\biac-check\b/g, "security-check") })));
    return report;
  }
  const lib = findCdkLib(appDir);
  if (!lib.ok) {
    report.problems.push({
      file: target,
      rule: "security-check/no-aws-cdk-lib",
      message: `a CDK app is synthesized with the aws-cdk-lib its own project installed, and ${lib.reason}: install the project's dependencies first (\`npm ci\` or \`npm install\` in ${relative(process.cwd(), appDir) || "."}), then run security-check again`,
    });
    return report;
  }
  const command = (JSON.parse(readFileSync(join(appDir, "cdk.json"), "utf8")) as { app: string }).app;
  const work = mkdtempSync(join(tmpdir(), "security-check-app-"));
  const resultFile = join(work, "result.json");
  try {
    const run = await runApp(command, appDir, {
      CDK_OUTDIR: join(work, "cdk.out"),
      CDK_CONTEXT_JSON: JSON.stringify({ ...config.context, ...VALIDATION_CONTEXT }),
      CDK_DISABLE_VERSION_CHECK: "1",
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(binFile("security-check-companion.mjs")).href}`.trim(),
      [ENV.role]: "preload",
      [ENV.resultFile]: resultFile,
      [ENV.appDir]: appDir,
      [ENV.cdkFrom]: appDir,
    }, timeoutMs);
    // A file URL has no spaces (they are percent-encoded), so NODE_OPTIONS needs no quoting.
    // aws-cdk-lib sets exit code 1 itself when validation finds errors, so the result file, not
    // the exit code, says whether the app synthesized.
    if (!existsSync(resultFile)) {
      report.problems.push({
        file: target,
        rule: run.timedOut ? "synth/timeout" : "synth/app-failed",
        message: run.timedOut
          ? `the app command \`${command}\` did not finish within ${timeoutMs / 1000} s (--timeout) and was stopped`
          : `the app command \`${command}\` ${run.code === 0 ? "finished without synthesizing an App (Python, Java, Go and .NET apps: run \`cdk synth\` and point security-check at cdk.out)" : `failed (exit ${run.code ?? run.signal})`}${run.output ? `; its last output:\n${indent(run.output)}` : ""}`,
      });
      return report;
    }
    const result = JSON.parse(readFileSync(resultFile, "utf8")) as AppResult;
    report.checkedWith.push(`the project's aws-cdk-lib ${result.cdkVersion} (CloudFormation validation engine)`, `cdk-nag packs ${result.packs.join(", ")}`);
    for (const finding of result.findings) {
      const diagnostic = findingToDiagnostic(finding, config.entryFile);
      if (!diagnostic) continue;
      const { finding: f, problem } = classify(diagnostic, finding.severity);
      if (f) report.findings.push(f);
      if (problem) report.problems.push(problem);
    }
    const reviewed = reviewAcknowledgements(result.acknowledgements, config.entryFile);
    for (const diagnostic of reviewed.diagnostics) {
      const { finding } = classify(diagnostic);
      if (finding) report.findings.push(finding);
    }
    report.acknowledged.push(...reviewed.acknowledgements);
    if (result.stacks.length === 0) report.problems.push({ file: target, rule: "synth/no-stacks", message: "the app synthesized no stack, so nothing was checked: create at least one Stack in the App" });
    return report;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

interface AppRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The last lines the command printed (stdout and stderr). */
  output: string;
}

function runApp(command: string, cwd: string, env: Record<string, string>, timeoutMs: number): Promise<AppRun> {
  return new Promise((resolvePromise) => {
    // Its own process group, so a timeout stops the shell, npx and the app together.
    const child = spawn(command, { cwd, env: { ...process.env, ...env }, shell: true, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, timedOut, output: lastLines(output, 15) });
    };
    child.on("error", () => finish(127, null));
    child.on("close", finish);
  });
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split("\n").slice(-count).join("\n");
}

function indent(text: string): string {
  return text.split("\n").map((line) => `    ${line}`).join("\n");
}
