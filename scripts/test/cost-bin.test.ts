// The built file, as an installed bundle runs it: `node bin/cost-estimate.mjs` with Node alone (turbo
// builds bin/ before the tests). This is issue 12's "done when": a NAT gateway in us-east-1 for a
// month prints the hourly and the per-GB dimension and the sum the NAT price records give.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, REPO } from "./cost-helpers.js";

const BIN = path.join(REPO, "scripts", "bin", "cost-estimate.mjs");
const run = promisify(execFile);

async function runBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { timeout: 60_000, cwd: path.join(REPO, "scripts") });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm --filter @aws-patterns/scripts build\` first`);
});

describe("bin/cost-estimate.mjs", () => {
  it("prices a NAT gateway in us-east-1 for a month: hours, per GB, and their sum", async () => {
    const records = JSON.parse(readFileSync(path.join(REPO, "skill", "data", "networking.json"), "utf8")).facts;
    // The hand-worked figures below use these record values; a changed record fails here first.
    expect([records["price-nat-gateway-hour"].value, records["price-nat-gateway-gb"].value]).toEqual([0.045, 0.045]);
    const result = await runBin([path.join(FIXTURES, "nat-gateway.yaml"), "--region", "us-east-1"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    // 730 h x $0.045 = $32.85; 10 GB (the default) x $0.045 = $0.45; $32.85 + $0.45 = $33.30
    expect(lines).toContain("| `NatGateway` | NAT gateway hours | 730 h | $0.045 per hour | $32.85 | `networking.price-nat-gateway-hour` |");
    expect(lines).toContain("|  | Data processed | 10 GB | $0.045 per GB | $0.45 | `networking.price-nat-gateway-gb` |");
    expect(lines).toContain("| **Total** | | | | **$33.30** | |");
    expect(lines).toContain("**Monthly estimate: $33.30** in us-east-1, prices as of 2026-11-26 (the oldest record used).");
    expect(lines).toContain("- `NatGateway`: gb_processed = 10 (default; GB processed by each gateway a month).");
  });

  it("gives the same figures as JSON", async () => {
    const result = await runBin([path.join(FIXTURES, "nat-gateway.yaml"), "--json", "--gb-processed", "100"]);
    expect(result.code).toBe(0);
    const estimate = JSON.parse(result.stdout);
    // 100 GB x $0.045 = $4.50; $32.85 + $4.50 = $37.35
    expect(estimate.resources[0].lines.map((l: { monthlyText: string }) => l.monthlyText)).toEqual(["$32.85", "$4.50"]);
    expect([estimate.totalText, estimate.totalUsd, estimate.pricesAsOf]).toEqual(["$37.35", 37.35, "2026-11-26"]);
  });

  it("reads Terraform from the bundle (the HCL parser's WebAssembly file ships beside it)", async () => {
    const result = await runBin([path.join(FIXTURES, "terraform"), "--json"]);
    expect(result.stderr).toBe("");
    // 0.20 + 0.66667 + 65.70 + 0.90 + 43.80 + 0.30 + 23.6374 + 5.1976 + 0.40 = 140.80167
    expect(JSON.parse(result.stdout).totalText).toBe("$140.80");
  });

  it("answers --help with exit 0 and a mistake with exit 2 and no stack trace", async () => {
    const help = await runBin(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cost-estimate <template \| cdk\.out \| terraform-folder> \[options\]/);
    expect(help.stdout).toContain("    gb_processed = 10: GB processed by each gateway a month");
    const region = await runBin([path.join(FIXTURES, "nat-gateway.yaml"), "--region", "ap-southeast-7"]);
    expect(region.code).toBe(2);
    expect(region.stderr).toBe(
      "no price data for ap-southeast-7: the skill/data price records are for us-east-1, us-east-2 (and global prices)\n" +
        "Estimate in a Region with records, or add records for this Region to skill/data (see the facts contract).\n",
    );
  });
});
