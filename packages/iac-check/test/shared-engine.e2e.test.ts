// iac-check-share end to end: iac-check processes started under it share one engine host and one
// TypeScript compiler, and find exactly what they find on their own (test/cdk-expected.ts, the
// table cdk.e2e checks a run of its own against), at once, across environments and past a timeout.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPECTED, type Expected } from "./cdk-expected.js";
import type { CliResult, JsonOutput } from "./run-cli.js";

const SHARE = fileURLToPath(new URL("../bin/iac-check-share.js", import.meta.url));
const DRIVER = fileURLToPath(new URL("./shared-engine/driver.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "iac-check-share-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Runs = Record<"apps" | "template" | "validationOff" | "hang", CliResult>;
let runs: Runs;
let share: { code: number; stderr: string };
let cpuLog: string;

beforeAll(async () => {
  const resultsFile = join(dir, "results.json");
  const cpuLogFile = join(dir, "cpu.tsv");
  share = await new Promise((resolve) => {
    execFile(process.execPath, [SHARE, "--", process.execPath, DRIVER, resultsFile], { env: { ...process.env, VERIFY_BENCH_CPU_LOG: cpuLogFile }, timeout: 900_000, killSignal: "SIGKILL" }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stderr });
    });
  });
  runs = JSON.parse(readFileSync(resultsFile, "utf8")) as Runs;
  cpuLog = readFileSync(cpuLogFile, "utf8");
});

function output(run: CliResult): JsonOutput {
  // Every iac-check reached the shared engine: none fell back to an engine of its own.
  expect(run.stderr).not.toContain("shared engine");
  return JSON.parse(run.stdout) as JsonOutput;
}

function findings(run: CliResult, name: string): Expected[] {
  const report = output(run).reports.find((r) => r.target === `fixtures/cdk/${name}`);
  if (!report) throw new Error(`no report for ${name}`);
  return report.diagnostics.filter((d) => d.severity !== "info").map((d): Expected => [d.rule, d.file.replace(`fixtures/cdk/${name}/`, ""), d.line]);
}

describe("iac-check-share", () => {
  it("passes the command's exit code through and starts and stops one shared engine, whose CPU it logs", () => {
    expect(share.code).toBe(0);
    expect(cpuLog).toMatch(/^@aws-patterns\/iac-check\tshared-engine\t\d+m[\d.]+s \d+m[\d.]+s\n$/);
  });

  it("two iac-checks at once get exactly their own findings: type errors, deprecated APIs, validation", () => {
    expect(runs.apps.code).toBe(1);
    for (const name of ["type-error", "deprecated-api", "unknown-property"]) expect(findings(runs.apps, name), name).toEqual(EXPECTED[name]);
    expect(runs.template.code).toBe(1);
    const template = output(runs.template).reports[0]!;
    expect(template.diagnostics.filter((d) => d.severity === "error").map((d) => [d.rule, d.line])).toEqual([
      ["cfn-validate/F3002", 7],
      ["cdk-nag/AwsSolutions-SQS3", 3],
      ["cdk-nag/AwsSolutions-SQS4", 3],
    ]);
  });

  it("a task's environment is the host's: validation off for the one that turned it off, on again for the next", () => {
    expect(findings(runs.validationOff, "unknown-property")).toEqual([]);
    expect(findings(runs.apps, "unknown-property")).toEqual(EXPECTED["unknown-property"]);
    // One restart, for that variable: what differs per package (PATH, NODE_PATH's spelling, npm_*,
    // TURBO_*) starts none.
    expect(share.stderr.split("\n").filter((line) => line.startsWith("iac-check shared engine:"))).toEqual([
      "iac-check shared engine: a check with another environment (CDK_VALIDATION): restarting the engine host for it",
    ]);
  });

  it("stops an app that never returns at --timeout and checks the next app on a fresh host", () => {
    expect(runs.hang.code).toBe(1);
    expect(findings(runs.hang, "app-hangs")).toEqual([["synth/timeout", "bin/app.ts", undefined]]);
    expect(findings(runs.hang, "passing")).toEqual([]);
  });
});
