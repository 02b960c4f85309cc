#!/usr/bin/env node
// Times `skill-lint` over the whole skill, warm (after one untimed run fills the OS file cache and
// skill-lint's caches): the CLI as CI runs it (a fresh process each time), the CLI without its
// caches, and the in-process API on a second call.
// Usage: pnpm --filter @aws-patterns/skill-lint bench [skill-dir] [runs]
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const skillDir = path.resolve(process.argv[2] ?? path.join(packageDir, "..", "..", "skill"));
const runs = Number(process.argv[3] ?? 10);
const bin = path.join(packageDir, "bin", "skill-lint.js");

function cliOnce(extra = []) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, skillDir, ...extra], { encoding: "utf8", timeout: 60_000 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  return { ms, status: result.status };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
};

const warm = cliOnce();
const cli = [];
for (let index = 0; index < runs; index++) cli.push(cliOnce().ms);
// Without the caches every run loads the tokenizer (and the compiler, for TypeScript blocks).
const cliNoCache = [];
for (let index = 0; index < runs; index++) cliNoCache.push(cliOnce(["--no-cache"]).ms);

const { lintSkill } = await import("../dist/index.js");
await lintSkill({ skillDir });
const api = [];
for (let index = 0; index < runs; index++) {
  const start = process.hrtime.bigint();
  await lintSkill({ skillDir });
  api.push(Number(process.hrtime.bigint() - start) / 1e6);
}

const format = (label, values) => {
  const { min, median, max } = stats(values);
  return `${label.padEnd(34)} ${min.toFixed(0).padStart(6)} ${median.toFixed(0).padStart(8)} ${max.toFixed(0).padStart(6)}`;
};
console.log(`skill-lint benchmark: ${skillDir} (${runs} runs each, exit status ${warm.status}, node ${process.version})`);
console.log(`${"".padEnd(34)} ${"min ms".padStart(6)} ${"median ms".padStart(8)} ${"max ms".padStart(6)}`);
console.log(format("CLI, fresh process, warm cache", cli));
console.log(format("CLI, fresh process, --no-cache", cliNoCache));
console.log(format("API, second call in one process", api));
