// `pnpm bench`: times pnpm verify cold, warm and after a one-file markdown edit in a clean clone of
// HEAD, then writes bench/verify-bench.json, bench/verify-bench.md and the README's table.
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, relative } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { makeCleanClone, runVerify } from "./clean-clone.js";
import { renderTable, renderTaskTable, type Measurement } from "./bench-table.js";
import { runOrFail } from "./run-command.js";
import { byCost, parseCpuLog, SERVICES, serviceFigures, taskFigures, type TaskFigures } from "./task-cpu.js";
import { latestRunSummaryPath, readLatestRunSummary, tasksThatRan } from "./turbo-run-summary.js";
import { findRepoRoot } from "./workspace.js";

/** Temp file then rename, keeping the file's mode and removing the temp file on failure. */
const writeAtomically = (path: string, text: string): void => writeFileAtomic.sync(path, text);

/** The markdown file the edit run touches: the first reference, else SKILL.md. */
function pickMarkdownFile(dir: string): string {
  const references = join(dir, "skill", "references");
  const first = existsSync(references) ? readdirSync(references).filter((name) => name.endsWith(".md")).sort()[0] : undefined;
  return first ? join(references, first) : join(dir, "skill", "SKILL.md");
}

interface Run {
  measurement: Measurement;
  tasks: TaskFigures[];
}

/**
 * One `pnpm verify`, with pnpm's script shell swapped for one that logs each task's CPU time.
 * `mayFail`: tasks allowed to fail without voiding the figures. Adding a copy of an example makes
 * the tests that list every example (the scripts' and devtools' task graph, the evals' coverage)
 * fail until it is registered there, as they should for a real new example; the copy's own tasks
 * must pass.
 */
async function measure(dir: string, name: string, description: string, mayFail?: (taskId: string) => boolean): Promise<Run> {
  const logDir = mkdtempSync(join(tmpdir(), "verify-bench-cpu-"));
  const cpuLog = join(logDir, "cpu.tsv");
  writeFileSync(cpuLog, "");
  try {
    const env = { ...process.env, pnpm_config_script_shell: join(dir, "packages", "devtools", "bin", "task-cpu-shell"), VERIFY_BENCH_CPU_LOG: cpuLog };
    const result = await runVerify(dir, env, mayFail !== undefined);
    const summary = readLatestRunSummary(dir);
    const notAllowed = summary.failed.filter((taskId) => !mayFail?.(taskId));
    if (result.code !== 0 && (summary.failed.length === 0 || notAllowed.length > 0)) {
      throw new Error(`"pnpm verify" failed in the ${name} run (${(notAllowed.length > 0 ? notAllowed : [`exit ${result.code}`]).join(", ")}):\n${result.stdout.slice(-4000)}${result.stderr.slice(-2000)}`);
    }
    const cpu = parseCpuLog(readFileSync(cpuLog, "utf8"));
    // The root script's own line covers turbo and every task it ran: the run's total CPU.
    const total = cpu.get("aws-patterns-monorepo#verify");
    const measurement: Measurement = {
      name,
      description: summary.failed.length > 0 ? `${description}; failed until the copy is registered: ${summary.failed.map((t) => `\`${t}\``).join(", ")}` : description,
      seconds: Number(result.seconds.toFixed(2)),
      ...(total === undefined ? {} : { cpuSeconds: Number(total.toFixed(2)) }),
      tasks: summary.attempted,
      cached: summary.cached,
      ran: tasksThatRan(summary),
    };
    const failed = summary.exitCode === 0 ? "" : ` (verify exited ${summary.exitCode})`;
    console.log(`${name}: ${measurement.seconds} s wall, ${measurement.cpuSeconds ?? "?"} s CPU, ${measurement.cached}/${measurement.tasks} tasks cached${failed}`);
    const ranTasks = taskFigures(latestRunSummaryPath(dir), cpuLog).filter((task) => measurement.ran.includes(task.taskId));
    return { measurement, tasks: [...ranTasks, ...serviceFigures(cpu)].sort(byCost) };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}

const MARGINAL_SOURCES = [
  { kind: "CDK app", from: "examples/cdk/serverless-api" },
  { kind: "CloudFormation template", from: "examples/cloudformation/lambda-api" },
  { kind: "Terraform module", from: "examples/terraform/serverless-api" },
];

/**
 * What one more example costs: copies an example under a new package name, installs (offline), runs
 * verify and sums the new package's own tasks. Other tasks that re-run because they read every
 * example (the parity test, the evals) are listed in the run's row.
 */
async function measureMarginal(dir: string, kind: string, from: string): Promise<{ run: Run; own: { wall: number; cpu: number; tasks: string[] } }> {
  const source = join(dir, from);
  const target = `${source}-bench-copy`;
  cpSync(source, target, { recursive: true, filter: (path) => !/(^|\/)(node_modules|cdk\.out|\.turbo|\.terraform|iac-check-report\.json)$/.test(path) });
  const manifestPath = join(target, "package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name: string };
  manifest.name = `${manifest.name}-bench-copy`;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  await runOrFail("pnpm install --offline --no-frozen-lockfile", { cwd: dir, timeoutMs: 10 * 60_000 });
  const run = await measure(dir, `one-more-${kind.split(" ")[0]!.toLowerCase()}`, `verify after adding one ${kind} (a copy of \`${from}\`)`, (taskId) => !taskId.startsWith(`${manifest.name}#`));
  // The shared engine served only the copy's check in this run (every other check was cached): its
  // CPU is the copy's synthesis, validation and type-check, plus its own start-up, which a cold
  // verify pays once for every check (the README gives the split).
  const ownTasks = run.tasks.filter((task) => task.taskId.startsWith(`${manifest.name}#`) || SERVICES.includes(task.taskId));
  return {
    run,
    own: {
      wall: Number(ownTasks.reduce((sum, task) => sum + (task.wallSeconds ?? 0), 0).toFixed(2)),
      cpu: Number(ownTasks.reduce((sum, task) => sum + (task.cpuSeconds ?? 0), 0).toFixed(2)),
      tasks: ownTasks.map((task) => task.taskId),
    },
  };
}

async function main(): Promise<void> {
  const root = findRepoRoot();
  console.log("cloning HEAD and installing…");
  const clone = await makeCleanClone(root, "bench");
  try {
    const measurements: Measurement[] = [];
    measurements.push({ name: "install", description: "`pnpm install --frozen-lockfile` (warm pnpm store)", seconds: Number(clone.installSeconds.toFixed(2)), tasks: 0, cached: 0, ran: [] });
    const cold = await measure(clone.dir, "cold", "cold verify (empty turbo cache)");
    measurements.push(cold.measurement);
    measurements.push((await measure(clone.dir, "warm", "warm verify (nothing changed)")).measurement);
    const edited = pickMarkdownFile(clone.dir);
    appendFileSync(edited, "\nEdited by the benchmark.\n");
    measurements.push((await measure(clone.dir, "one-markdown-edit", `verify after editing \`${relative(clone.dir, edited)}\``)).measurement);
    const marginal: { kind: string; wall: number; cpu: number; tasks: string[] }[] = [];
    for (const { kind, from } of MARGINAL_SOURCES) {
      if (!existsSync(join(clone.dir, from))) continue;
      const { run, own } = await measureMarginal(clone.dir, kind, from);
      measurements.push(run.measurement);
      marginal.push({ kind, ...own });
    }
    const firstCommand = Number((clone.installSeconds + cold.measurement.seconds).toFixed(2));

    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const date = new Date().toISOString().slice(0, 10);
    const marginalTable = ["| one more | its own tasks' wall | their CPU | tasks |", "|---|---|---|---|", ...marginal.map((m) => `| ${m.kind} | ${m.wall.toFixed(1)} s | ${m.cpu.toFixed(1)} s | ${m.tasks.map((t) => t.split("#")[1]).join(", ")} |`)].join("\n");
    const summaryLine = `The README's first command (install + cold verify): ${firstCommand.toFixed(1)} s.`;
    const table = [renderTable(measurements, machine, date), "", summaryLine, "", marginalTable, "", renderTaskTable(cold.tasks, 12)].join("\n");
    const fullTable = [renderTable(measurements, machine, date), "", summaryLine, "", marginalTable, "", renderTaskTable(cold.tasks)].join("\n");
    const outDir = join(root, "packages", "devtools", "bench");
    mkdirSync(outDir, { recursive: true });
    writeAtomically(join(outDir, "verify-bench.json"), JSON.stringify({ date, machine, firstCommandSeconds: firstCommand, measurements, marginal, coldTasks: cold.tasks }, null, 2) + "\n");
    writeAtomically(join(outDir, "verify-bench.md"), fullTable + "\n");
    const readmePath = join(root, "README.md");
    const readme = readFileSync(readmePath, "utf8");
    const updated = readme.replace(/(<!-- bench:start -->\n)[\s\S]*?(\n<!-- bench:end -->)/, `$1${table}$2`);
    if (updated === readme && !readme.includes(table)) console.warn("README.md has no <!-- bench:start --> … <!-- bench:end --> block; table not copied there");
    else writeAtomically(readmePath, updated);
    console.log(`\n${table}\n\nwritten to ${relative(root, outDir)}/verify-bench.{json,md} and README.md`);
  } finally {
    clone.remove();
  }
}

main().catch((error: Error) => {
  console.error(`verify-bench: ${error.message}`);
  process.exitCode = 1;
});
