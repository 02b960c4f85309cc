// Runs host-client alone in a process of its own (`node --import tsx close-driver.ts <host file>`),
// the way the CLI does: whether a pending closeEngine() keeps Node alive only shows when nothing
// else (vitest's own workers) does.
import { closeEngine, requestEngine, setEngineHostFile } from "../../src/engine/host-client.js";

setEngineHostFile(process.argv[2]!);
let finished = false;
process.on("beforeExit", () => {
  if (!finished) process.stdout.write("the process ran out of work with closeEngine() still pending\n");
  finished = true;
});

async function main(): Promise<void> {
  const result = await requestEngine({ kind: "check-template", jsonFile: "unused.json", outdir: "unused", acknowledgements: [] }, 30_000);
  await closeEngine();
  finished = true;
  process.stdout.write(`${result.packs.join(", ")}; engine closed\n`);
}

void main();
