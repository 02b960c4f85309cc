// pattern-parity reads the assembly a CDK example's check task wrote: a missing or stale one must be
// a clear error (never a comparison against an old template), a current one its stack templates.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StaleAssemblyError } from "@aws-patterns/iac-check/loaders";
import { checkedAssemblyTemplates } from "../src/parity/checked-assembly.js";

const scratch = mkdtempSync(join(tmpdir(), "parity-assembly-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const setTime = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

function app(name: string, assembly = true): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, "lib"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `@x/${name}` }));
  writeFileSync(join(dir, "lib", "stack.ts"), "export {};\n");
  setTime(join(dir, "package.json"), 1_000);
  setTime(join(dir, "lib", "stack.ts"), 1_000);
  if (!assembly) return dir;
  const out = join(dir, "cdk.out", "iac-check-assembly");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "manifest.json"), JSON.stringify({ artifacts: { "Api.assets": { type: "cdk:asset-manifest" }, ApiId: { type: "aws:cloudformation:stack", displayName: "Api", properties: { templateFile: "ApiId.template.json" } } } }));
  writeFileSync(join(out, "ApiId.template.json"), JSON.stringify({ Resources: { T: { Type: "AWS::DynamoDB::Table" } } }));
  setTime(join(out, "manifest.json"), 2_000);
  return dir;
}

describe("checkedAssemblyTemplates", () => {
  it("returns each stack's template by its name when the assembly is newer than every source", () => {
    const dir = app("fresh");
    mkdirSync(join(dir, "test"));
    for (const file of ["README.md", "usage.yaml", "vitest.config.ts", "turbo.json", join("test", "stack.test.ts")]) writeFileSync(join(dir, file), "newer, but not read by synthesis");
    expect(checkedAssemblyTemplates(dir, scratch)).toEqual({ Api: { Resources: { T: { Type: "AWS::DynamoDB::Table" } } } });
  });
  it("fails, saying which check to run, when there is no assembly", () => {
    expect(() => checkedAssemblyTemplates(app("missing", false), scratch)).toThrow(StaleAssemblyError);
    expect(() => checkedAssemblyTemplates(join(scratch, "missing"), scratch)).toThrow("missing/cdk.out/iac-check-assembly: no cloud assembly: run `pnpm turbo run check --filter=@x/missing`");
  });
  it("fails, naming the newer file, when a source changed after the assembly was written", () => {
    const dir = app("stale");
    setTime(join(dir, "lib", "stack.ts"), 3_000);
    expect(() => checkedAssemblyTemplates(dir, scratch)).toThrow("stale/cdk.out/iac-check-assembly is older than stale/lib/stack.ts, so it may not be what the app synthesizes now");
  });
});
