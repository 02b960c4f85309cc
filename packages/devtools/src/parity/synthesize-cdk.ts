// Synthesizes a CDK app offline in a child process, as `cdk synth` would run it (cdk.json's
// `npx tsx bin/app.ts`), into a temporary cloud assembly, and returns its stack templates. The
// child gets a dummy account and Region (the examples look nothing up) and a time limit.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function synthesizeCdkApp(appDir: string, entry: string, timeoutMs: number): Promise<Record<string, Record<string, unknown>>> {
  const outdir = mkdtempSync(join(tmpdir(), "parity-cdk-"));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        ["--import", "tsx", entry],
        { cwd: appDir, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, CDK_OUTDIR: outdir, CDK_DEFAULT_ACCOUNT: "123456789012", CDK_DEFAULT_REGION: "us-east-1" } },
        (error, _stdout, stderr) => {
          if (!error) return resolve();
          const why = error.killed ? `did not finish within ${timeoutMs / 1000} s` : `failed: ${stderr.trim().split("\n").slice(-3).join(" ")}`;
          reject(new Error(`synthesizing ${appDir} (${entry}) ${why}`));
        },
      );
    });
    const templates: Record<string, Record<string, unknown>> = {};
    for (const file of readdirSync(outdir).filter((f) => f.endsWith(".template.json"))) {
      templates[file.replace(/\.template\.json$/, "")] = JSON.parse(readFileSync(join(outdir, file), "utf8")) as Record<string, unknown>;
    }
    return templates;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
