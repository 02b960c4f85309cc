// `pnpm bench`: times pnpm verify cold, warm and after a one-file markdown edit in a clean clone of
// HEAD, then writes bench/verify-bench.json, bench/verify-bench.md and the README's table.
import { appendFileSync, existsSync, readdirSync, readFileSync, mkdirSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, relative } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { makeCleanClone, runVerify } from "./clean-clone.js";
import { renderTable, type Measurement } from "./bench-table.js";
import { readLatestRunSummary, tasksThatRan } from "./turbo-run-summary.js";
import { findRepoRoot } from "./workspace.js";

/** Temp file then rename, keeping the file's mode and removing the temp file on failure. */
const writeAtomically = (path: string, text: string): void => writeFileAtomic.sync(path, text);

/** The markdown file the edit run touches: the first reference, else SKILL.md. */
function pickMarkdownFile(dir: string): string {
  const references = join(dir, "skill", "references");
  const first = existsSync(references) ? readdirSync(references).filter((name) => name.endsWith(".md")).sort()[0] : undefined;
  return first ? join(references, first) : join(dir, "skill", "SKILL.md");
}

async function measure(dir: string, name: string, description: string): Promise<Measurement> {
  const result = await runVerify(dir);
  const summary = readLatestRunSummary(dir);
  const measurement = { name, description, seconds: Number(result.seconds.toFixed(2)), tasks: summary.attempted, cached: summary.cached, ran: tasksThatRan(summary) };
  console.log(`${name}: ${measurement.seconds} s, ${measurement.cached}/${measurement.tasks} tasks cached`);
  return measurement;
}

async function main(): Promise<void> {
  const root = findRepoRoot();
  console.log("cloning HEAD and installing…");
  const clone = await makeCleanClone(root, "bench");
  try {
    const measurements: Measurement[] = [];
    measurements.push({ name: "install", description: "`pnpm install --frozen-lockfile` (warm pnpm store)", seconds: Number(clone.installSeconds.toFixed(2)), tasks: 0, cached: 0, ran: [] });
    measurements.push(await measure(clone.dir, "cold", "cold verify (empty turbo cache)"));
    measurements.push(await measure(clone.dir, "warm", "warm verify (nothing changed)"));
    const edited = pickMarkdownFile(clone.dir);
    appendFileSync(edited, "\nEdited by the benchmark.\n");
    measurements.push(await measure(clone.dir, "one-markdown-edit", `verify after editing \`${relative(clone.dir, edited)}\``));

    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const date = new Date().toISOString().slice(0, 10);
    const table = renderTable(measurements, machine, date);
    const outDir = join(root, "packages", "devtools", "bench");
    mkdirSync(outDir, { recursive: true });
    writeAtomically(join(outDir, "verify-bench.json"), JSON.stringify({ date, machine, measurements }, null, 2) + "\n");
    writeAtomically(join(outDir, "verify-bench.md"), table + "\n");
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
