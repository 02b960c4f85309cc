#!/usr/bin/env node
// Benchmark (not a test): how long checking every Terraform example takes once the schema is
// built. Run after `pnpm --filter @aws-patterns/iac-check build`:
//   node packages/iac-check/scripts/bench-terraform.mjs [runs]
// Prints the first (cold: WASM parser start and schema load) and the warm runs of the offline
// checks in one process, and the wall time of the `iac-check` CLI end to end.

import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "..");
const examplesDir = join(packageDir, "..", "..", "examples", "terraform");
const runs = Number(process.argv[2] ?? 5);
const examples = readdirSync(examplesDir)
  .map((name) => join(examplesDir, name))
  .filter((p) => statSync(p).isDirectory());

const { checkTerraformModule } = await import(join(packageDir, "dist", "terraform", "index.js"));

const times = [];
const cpu = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const dir of examples) {
    const report = await checkTerraformModule(dir, { fix: false, timeoutMs: 60_000, runCli: false });
    const errors = report.diagnostics.filter((d) => d.severity === "error");
    if (errors.length) throw new Error(`${dir} has ${errors.length} error(s): the benchmark expects passing examples`);
  }
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const warm = times.slice(1).sort((a, b) => a - b);
console.log(`examples: ${examples.length} (${examples.map((e) => e.split("/").pop()).join(", ")})`);
console.log(`offline checks, in process: first run ${times[0].toFixed(0)} ms; warm median ${warm.length ? warm[Math.floor(warm.length / 2)].toFixed(0) : "-"} ms over ${warm.length} run(s)`);
// CPU time (this thread and the WebAssembly compiler threads) is steadier than wall time on a shared machine.
console.log(`  cpu time: first run ${cpu[0].toFixed(0)} ms; warm ${cpu.slice(1).map((c) => c.toFixed(0)).join(", ")} ms; load average ${(await import("node:os")).loadavg()[0].toFixed(1)}`);

const t0 = performance.now();
execFileSync(process.execPath, [join(packageDir, "bin", "iac-check.js"), "--no-report", ...examples], { stdio: "ignore", timeout: 120_000 });
console.log(`iac-check CLI end to end (node start, parser, schema, checks, terraform step if on PATH): ${(performance.now() - t0).toFixed(0)} ms`);
