// skill-bundle [skill-dir] [--out <dir>]: writes <out>/<name>-<version>.zip and .manifest.json.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { BundleError } from "./bundle-error.js";
import { buildBundle } from "./build-bundle.js";

function usage(message: string): never {
  console.error(`skill-bundle: ${message}\nusage: skill-bundle [skill-dir] [--out <dir>]`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { out: { type: "string" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    usage((error as Error).message);
  }
  if (parsed.values.help) usage("assembles the skill bundle");
  if (parsed.positionals.length > 1) usage("give at most one skill folder");
  const skillDir = resolve(parsed.positionals[0] ?? ".");
  const outDir = resolve(parsed.values.out ?? resolve(skillDir, "dist"));
  try {
    const manifest = await buildBundle({ skillDir, outDir });
    console.log(`${manifest.zip.file}: ${manifest.files.length} files, ${manifest.totalBytes} bytes, sha256 ${manifest.zip.sha256}`);
  } catch (error) {
    const problems = error instanceof AggregateError ? error.errors : [error];
    if (!problems.every((problem) => problem instanceof BundleError)) throw error;
    for (const problem of problems as BundleError[]) console.error(problem.format());
    console.error(`skill-bundle: ${problems.length} problem(s); no bundle written`);
    process.exitCode = 1;
  }
}

await main();
