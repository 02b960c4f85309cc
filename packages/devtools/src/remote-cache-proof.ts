// `pnpm remote-cache-proof`: starts turborepo-remote-cache on 127.0.0.1 with a local storage folder,
// runs pnpm verify in one clean clone of HEAD and then in a second, and fails unless every task of
// the second run was a remote cache hit.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { makeCleanClone, runVerify } from "./clean-clone.js";
import { readLatestRunSummary } from "./turbo-run-summary.js";
import { findRepoRoot } from "./workspace.js";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilServing(url: string, token: string, server: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (server.exitCode !== null) throw new Error(`turborepo-remote-cache exited with ${server.exitCode} before it served`);
    try {
      const response = await fetch(`${url}/v8/artifacts/status`, { headers: { authorization: `Bearer ${token}` } });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`turborepo-remote-cache did not answer on ${url} within 20 s`);
}

async function main(): Promise<void> {
  const root = findRepoRoot();
  const storage = mkdtempSync(join(tmpdir(), "turbo-remote-cache-"));
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const api = `http://127.0.0.1:${port}`;
  // The package exports no path to its CLI; find it through its package.json's `bin`.
  const manifestPath = createRequire(import.meta.url).resolve("turborepo-remote-cache/package.json");
  const { bin } = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: Record<string, string> };
  const cli = join(dirname(manifestPath), bin["turborepo-remote-cache"]!);
  const server = spawn(process.execPath, [cli], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), TURBO_TOKEN: token, STORAGE_PROVIDER: "local", STORAGE_PATH: storage, STORAGE_PATH_USE_TMP_FOLDER: "false", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const clones: { remove(): void }[] = [];
  try {
    await waitUntilServing(api, token, server);
    console.log(`turborepo-remote-cache serving on ${api}, storage ${storage}`);
    // Only the environment configures the remote cache; nothing in the repo names a server.
    const env = { ...process.env, TURBO_API: api, TURBO_TOKEN: token, TURBO_TEAM: "aws-patterns-proof" };

    const first = await makeCleanClone(root, "remote-cache-1", env);
    clones.push(first);
    const firstRun = await runVerify(first.dir, env);
    const firstSummary = readLatestRunSummary(first.dir);
    console.log(`first clone: verify ${firstRun.seconds.toFixed(1)} s, ${firstSummary.cached}/${firstSummary.attempted} tasks cached`);

    const second = await makeCleanClone(root, "remote-cache-2", env);
    clones.push(second);
    const secondRun = await runVerify(second.dir, env);
    const secondSummary = readLatestRunSummary(second.dir);
    console.log(`second clone: verify ${secondRun.seconds.toFixed(1)} s, ${secondSummary.cached}/${secondSummary.attempted} tasks cached`);

    const notRemoteHits = secondSummary.tasks.filter((task) => task.status !== "HIT" || task.source !== "REMOTE");
    if (secondSummary.attempted === 0 || notRemoteHits.length > 0) {
      throw new Error(`the second clone was not a full remote cache hit; these tasks were not: ${notRemoteHits.map((t) => `${t.taskId} (${t.status}${t.source ? ` ${t.source}` : ""})`).join(", ")}`);
    }
    console.log(`remote cache proof: all ${secondSummary.attempted} tasks of the second clone were remote cache hits`);
  } finally {
    server.kill("SIGTERM");
    for (const clone of clones) clone.remove();
    rmSync(storage, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`remote-cache-proof: ${error.message}`);
  process.exitCode = 1;
});
