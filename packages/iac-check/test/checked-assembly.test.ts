// Readers of the assembly a check wrote (cost READMEs, the parity test) must get a clear error for a
// missing or stale one, never a pass on an old template.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkedAssembly, StaleAssemblyError } from "../src/cdk/checked-assembly.js";

const scratch = mkdtempSync(join(tmpdir(), "checked-assembly-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An app folder with one source file and, unless `assembly` is false, an assembly (its manifest). */
function app(name: string, assembly = true): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, "bin"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `@x/${name}` }));
  writeFileSync(join(dir, "bin", "app.ts"), "new App();\n");
  setTime(join(dir, "bin", "app.ts"), 1_000);
  setTime(join(dir, "package.json"), 1_000);
  if (!assembly) return dir;
  const out = join(dir, "cdk.out", "iac-check-assembly");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "manifest.json"), JSON.stringify({ artifacts: {} }));
  setTime(join(out, "manifest.json"), 2_000);
  return dir;
}

const setTime = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

describe("checkedAssembly", () => {
  it("returns the assembly when it is newer than every source (README, usage profiles, the app's tests and task config are not sources)", () => {
    const dir = app("fresh");
    mkdirSync(join(dir, "test"));
    for (const file of ["README.md", "usage.yaml", "usage-Api.yaml", "vitest.config.ts", "turbo.json", join("test", "app.test.ts")]) writeFileSync(join(dir, file), "x");
    expect(checkedAssembly(dir, scratch)).toBe(join(dir, "cdk.out", "iac-check-assembly"));
  });
  it("fails, saying which check to run, when there is no assembly", () => {
    const dir = app("missing", false);
    expect(() => checkedAssembly(dir, scratch)).toThrow(StaleAssemblyError);
    expect(() => checkedAssembly(dir, scratch)).toThrow("missing/cdk.out/iac-check-assembly: no cloud assembly: run `pnpm turbo run check --filter=@x/missing` (iac-check writes the assembly), then the test again");
  });
  it("fails, naming the newer file, when a source changed after the assembly was written", () => {
    const dir = app("stale");
    setTime(join(dir, "bin", "app.ts"), 3_000);
    expect(() => checkedAssembly(dir, scratch)).toThrow("stale/cdk.out/iac-check-assembly is older than stale/bin/app.ts, so it may not be what the app synthesizes now: run `pnpm turbo run check --filter=@x/stale`");
  });
  it("counts a folder named test below the app folder as sources", () => {
    const dir = app("nested-test");
    mkdirSync(join(dir, "bin", "test"));
    writeFileSync(join(dir, "bin", "test", "config.ts"), "x");
    expect(() => checkedAssembly(dir, scratch)).toThrow("nested-test/cdk.out/iac-check-assembly is older than nested-test/bin/test/config.ts");
  });
});
