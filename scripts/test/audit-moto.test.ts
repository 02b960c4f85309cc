// resource-audit end to end against moto_server (Python moto, an AWS API emulator): the test starts
// it on 127.0.0.1, seeds through the SDK the resources each finding needs, runs the built
// bin/resource-audit.mjs against it and compares the findings. Skipped, saying why, where
// moto_server is not on PATH (pip install 'moto[server]').
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMotoAccount, type SeededIds } from "./audit-moto-seed.js";

const scriptsDir = fileURLToPath(new URL("..", import.meta.url));
const bin = `${scriptsDir}bin/resource-audit.mjs`;

function motoServerPath(): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v moto_server"], { encoding: "utf8", timeout: 10_000 });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}
const motoServer = motoServerPath();

/** mtime of the newest file the bundle is built from (its sources and the embedded skill/data records). */
function newestSource(): number {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const path = join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  return Math.max(newest(join(scriptsDir, "src/resource-audit")), newest(join(scriptsDir, "src/shared")), newest(join(scriptsDir, "../skill/data")));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitUntilUp(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/moto-api/data.json`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`moto_server did not answer at ${url} within the time limit`);
}

const CREDENTIALS = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_SESSION_TOKEN: "" };

describe("resource-audit against moto_server", () => {
  let server: ChildProcess | undefined;
  let endpoint = "";
  let ids: SeededIds;

  beforeAll(async () => {
    if (!motoServer) return;
    // The test runs the built bundle, as an installed skill would; (re)build it when a plain
    // `vitest run` follows an edit (turbo builds first anyway).
    if (!existsSync(bin) || statSync(bin).mtimeMs < newestSource()) {
      execFileSync(process.execPath, ["build.mjs"], { cwd: scriptsDir, timeout: 300_000, stdio: "inherit" });
    }
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    // Without moto's ~1,200 stock images (and their snapshots, which it lists as the caller's own).
    server = spawn(motoServer, ["-H", "127.0.0.1", "-p", String(port)], {
      stdio: "ignore",
      detached: true,
      env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: "false" },
    });
    await waitUntilUp(endpoint, Date.now() + 60_000);
    ids = await seedMotoAccount(endpoint);
  }, 180_000);

  afterAll(async () => {
    const pid = server?.pid;
    if (!server || !pid || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    // detached: the server leads its own process group; end the group (moto_server may fork).
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-pid, name);
      } catch {
        server!.kill(name);
      }
    };
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }, 15_000);

  const runAudit = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args, "--required-tags", "Owner", "--snapshot-age-days", "0", "--access-key-age-days", "0", "--json"], {
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, ...CREDENTIALS, AWS_REGION: "us-east-1", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", ...env },
    });
  const findingsOf = (stdout: string) => {
    const data = JSON.parse(stdout) as { findings: Array<{ check: string; region: string; resource: string; monthlyCostUsd: number | null }>; notAudited: unknown[] };
    expect(data.notAudited).toEqual([]);
    return data.findings.map((f) => `${f.check} ${f.region} ${f.resource} ${f.monthlyCostUsd}`).sort();
  };
  const skipReason = "skipped: moto_server is not on PATH (pip install 'moto[server]')";

  it.skipIf(!motoServer)(
    motoServer ? "finds every seeded problem, in two Regions, end to end" : skipReason,
    async () => {
      const run = runAudit(["--regions", "us-east-1,eu-west-1", "--endpoint-url", endpoint]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(1);
      expect(findingsOf(run.stdout)).toEqual(ids.expected.slice().sort());
    },
    180_000,
  );

  it.skipIf(!motoServer)(
    motoServer ? "takes the endpoint from AWS_ENDPOINT_URL and the Region from AWS_REGION" : `${skipReason} (AWS_ENDPOINT_URL run)`,
    async () => {
      const run = runAudit([], { AWS_ENDPOINT_URL: endpoint });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(1);
      expect(findingsOf(run.stdout)).toEqual(ids.expected.filter((f) => !f.includes(" eu-west-1 ")).sort());
    },
    180_000,
  );
});
