// setEngineHostFile lets a program that bundles iac-check fork its own engine host build (the
// skill's security-check script does): requests go to that file, over the same protocol.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { closeEngine, requestEngine, setEngineHostFile } from "../src/engine/host-client.js";

const dir = mkdtempSync(join(tmpdir(), "iac-check-host-"));
afterAll(async () => {
  await closeEngine();
  // Test files share a worker process: the next file must fork the built-in host.
  setEngineHostFile();
  rmSync(dir, { recursive: true, force: true });
});

it("forks the configured host file and returns what it answers", async () => {
  const host = join(dir, "host.mjs");
  writeFileSync(
    host,
    `process.on("message", ({ id, request }) => process.send({ id, ok: true, result: { findings: [], acknowledgements: [], stacks: [], packs: ["answered " + request.kind + " by " + process.argv[1]], timingsMs: {} } }));
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });
`,
  );
  setEngineHostFile(host);
  const result = await requestEngine({ kind: "check-template", jsonFile: join(dir, "t.json"), outdir: join(dir, "out"), acknowledgements: [] }, 30_000);
  expect(result.packs).toEqual([`answered check-template by ${host}`]);
});
