// Benchmark (not a test): the way large example repositories check their examples (one `cdk synth`
// process per CDK app through the aws-cdk CLI, one `cfn-lint` process per template) against one
// iac-check run over the same apps and templates, side by side on the same machine in the same run. iac-check does more per app (strict type-check,
// deprecated-API lint, cdk-nag) and still has to be faster.
//
//   pnpm --filter @aws-patterns/iac-check bench     (after `pnpm turbo run build`)
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import writeFileAtomic from "write-file-atomic";
import { cpus, loadavg } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const REPO_ROOT = join(PACKAGE_DIR, "..", "..");
const CDK_CLI = join(PACKAGE_DIR, "node_modules", ".bin", "cdk");
const IAC_CHECK = join(PACKAGE_DIR, "bin", "iac-check.js");
const TIMEOUT_MS = 600_000;

/** Every real example app plus the fixtures that synthesize (the throwing and hanging ones do not). */
const APPS = [
  ...["serverless-api", "ecs-fargate", "event-driven", "three-tier-app", "vpc-networking"].map((name) => join(REPO_ROOT, "examples/cdk", name)),
  ...["passing", "type-error", "deprecated-api", "deprecated-runtime", "unknown-property", "nag-unacknowledged", "ack-without-reason", "annotation-warning"].map((name) => join(PACKAGE_DIR, "fixtures/cdk", name)),
];

/** Hand-written templates: the real example and every template fixture. */
const TEMPLATES = [
  ...["lambda-api", "ecs-service"].map((name) => join(REPO_ROOT, "examples/cloudformation", name, "template.yaml")),
  ...["passing", "unknown-property", "missing-required", "bad-getatt", "deprecated-runtime", "nag-unacknowledged", "ack-without-reason", "not-yaml"].map((name) => join(PACKAGE_DIR, "fixtures/cloudformation", name, "template.yaml")),
  join(PACKAGE_DIR, "fixtures/cloudformation/passing-json/template.json"),
];

interface Timed {
  seconds: number;
  /** User + system CPU seconds of the command and every process it waited for (GNU time). */
  cpuSeconds: number;
  code: number;
  tail: string;
}

// The machine may be shared: wall time says what a user waits, CPU time what the work costs.
const GNU_TIME = "/usr/bin/time";
const TIME_MARK = "BENCH-CPU";

function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  const started = process.hrtime.bigint();
  const useTime = existsSync(GNU_TIME);
  const [program, argv] = useTime ? [GNU_TIME, ["-f", `${TIME_MARK} %U %S`, command, ...args]] : [command, args];
  return new Promise((resolve) => {
    const child = spawn(program, argv, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stderrTail = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    });
    let output = "";
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-2000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      const match = new RegExp(`${TIME_MARK} ([\\d.]+) ([\\d.]+)`).exec(stderrTail);
      const cpuSeconds = match ? Number(match[1]) + Number(match[2]) : Number.NaN;
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds, code: code ?? -1, tail: output.trim().split("\n").slice(-3).join(" | ") });
    });
  });
}

const CDK_ENV = { CDK_DEFAULT_ACCOUNT: "123456789012", CDK_DEFAULT_REGION: "us-east-1", CDK_DISABLE_VERSION_CHECK: "1", CDK_DISABLE_CLI_TELEMETRY: "true" };

async function main(): Promise<void> {
  const perApp: { app: string; seconds: number; cpuSeconds: number; code: number }[] = [];
  const loadBefore = loadavg()[0]!;
  process.stdout.write(`Machine: ${cpus().length} CPUs, Node ${process.version}, load average ${loadBefore.toFixed(1)}\n\nPer-app \`cdk synth\` (aws-cdk CLI, one process per app):\n`);
  for (const app of APPS) {
    const run = await timed(CDK_CLI, ["synth", "--quiet", "--no-notices", "--output", "cdk.out/bench-cdk-cli"], app, CDK_ENV);
    perApp.push({ app: relative(REPO_ROOT, app), seconds: run.seconds, cpuSeconds: run.cpuSeconds, code: run.code });
    process.stdout.write(`  ${relative(REPO_ROOT, app).padEnd(58)} ${run.seconds.toFixed(1).padStart(6)} s wall ${run.cpuSeconds.toFixed(1).padStart(6)} s CPU  exit ${run.code}${run.code === 0 ? "" : `  (${run.tail})`}\n`);
  }
  // Templates, the per-file way: cfn-lint once per template (when it is installed).
  const cfnLint = process.env.PATH?.split(":").map((dir) => join(dir, "cfn-lint")).find((file) => existsSync(file));
  const templates = cfnLint ? TEMPLATES : [];
  if (cfnLint) process.stdout.write(`\nPer-template \`cfn-lint\` (one process per template):\n`);
  else process.stdout.write(`\ncfn-lint is not on PATH: templates left out of both sides.\n`);
  for (const template of templates) {
    const run = await timed(cfnLint!, ["--", template], REPO_ROOT);
    perApp.push({ app: relative(REPO_ROOT, template), seconds: run.seconds, cpuSeconds: run.cpuSeconds, code: run.code });
    process.stdout.write(`  ${relative(REPO_ROOT, template).padEnd(75)} ${run.seconds.toFixed(1).padStart(6)} s wall ${run.cpuSeconds.toFixed(1).padStart(6)} s CPU  exit ${run.code}\n`);
  }
  const cliTotal = perApp.reduce((sum, r) => sum + r.seconds, 0);
  const cliCpu = perApp.reduce((sum, r) => sum + r.cpuSeconds, 0);

  // iac-check's own cfn-lint cross-check is off here: it would repeat the other side's work.
  const iacCheck = await timed(process.execPath, [IAC_CHECK, "--no-report", "--format", "json", ...APPS, ...templates], PACKAGE_DIR, { IAC_CHECK_CFN_LINT: "0" });
  const ratio = iacCheck.seconds / cliTotal;
  const cpuRatio = iacCheck.cpuSeconds / cliCpu;
  const loadAfter = loadavg()[0]!;
  process.stdout.write(
    `\nCLI per example (\`cdk synth\` x ${APPS.length} apps, \`cfn-lint\` x ${templates.length} templates): ${cliTotal.toFixed(1)} s wall, ${cliCpu.toFixed(1)} s CPU\n` +
      `iac-check, the same ${APPS.length} apps and ${templates.length} templates in one run (type-check, lint, synth, validation, cdk-nag): ${iacCheck.seconds.toFixed(1)} s wall, ${iacCheck.cpuSeconds.toFixed(1)} s CPU (exit ${iacCheck.code}: the failing fixtures fail)\n` +
      `ratio iac-check / per-example CLI: ${ratio.toFixed(2)} wall, ${cpuRatio.toFixed(2)} CPU (target: at most 0.25); load average ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)}\n`,
  );
  const resultsDir = join(PACKAGE_DIR, "bench", "results", "tmp");
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, "cdk-cli-vs-iac-check.json");
  writeFileAtomic.sync(file, JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, node: process.version, loadBefore, loadAfter, perApp, cliTotalSeconds: cliTotal, cliCpuSeconds: cliCpu, iacCheckSeconds: iacCheck.seconds, iacCheckCpuSeconds: iacCheck.cpuSeconds, ratio, cpuRatio }, null, 2) + "\n");
}

await main();
