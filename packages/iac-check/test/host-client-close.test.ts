// closeEngine waits for the engine host to exit and kills it after a grace period. The host's
// process handle is unref'd so an idle host never keeps iac-check alive; a host slower to exit
// than the grace period (a loaded machine) used to leave the caller with nothing to wait on once
// the kill timer fired, so the CLI ended with main() unfinished and its results unprinted.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { PACKAGE_DIR } from "./run-cli.js";

const DRIVER = fileURLToPath(new URL("./host-client/close-driver.ts", import.meta.url));
const SLOW_HOST = fileURLToPath(new URL("./host-client/slow-exit-host.mjs", import.meta.url));

it("keeps the caller alive until a host that outlives the grace period is killed and gone", async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ["--import", "tsx", DRIVER, SLOW_HOST], { cwd: PACKAGE_DIR, timeout: 60_000, killSignal: "SIGKILL" }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
  expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: "answered check-template; engine closed\n", stderr: "" });
});
