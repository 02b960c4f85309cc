/**
 * `skill-walkthrough [skill-folder] [--write]`: checks the walk-through table in the skill's
 * README (see skill-walkthrough-lib.ts); `--write` updates the token column. Exit 0 when it
 * holds, 1 when it does not, 2 on a usage error.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import writeFileAtomic from "write-file-atomic";
import { checkWalkthrough, writeCounts } from "./skill-walkthrough-lib.js";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { write: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    console.error(`skill-walkthrough: ${(error as Error).message}\nusage: skill-walkthrough [skill-folder] [--write]`);
    return 2;
  }
  if (parsed.values.help) {
    console.log("usage: skill-walkthrough [skill-folder] [--write]\nChecks the walk-through table in <skill-folder>/README.md; --write updates its token counts.");
    return 0;
  }
  const skillDir = path.resolve(parsed.positionals[0] ?? ".");
  const readmePath = path.join(skillDir, "README.md");
  const readme = await readFile(readmePath, "utf8").catch(() => undefined);
  if (readme === undefined) {
    console.error(`skill-walkthrough: cannot read ${readmePath}; run it in the skill folder or pass the folder`);
    return 2;
  }
  const { problems, counts } = await checkWalkthrough(skillDir, readme);
  if (parsed.values.write) {
    const updated = writeCounts(readme, counts);
    if (updated !== readme) await writeFileAtomic(readmePath, updated);
  }
  const remaining = parsed.values.write ? problems.filter((problem) => !problem.message.includes("--write")) : problems;
  for (const problem of remaining) console.error(`README.md:${problem.line}  ${problem.message}  walkthrough`);
  return remaining.length === 0 ? 0 : 1;
}

process.exitCode = await main();
