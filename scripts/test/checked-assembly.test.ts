// cost-readmes reads the assembly an example's check task wrote: it must refuse a missing or stale
// one (a clear error, never a pass on an old template) and restore construct paths faithfully.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withConstructPaths } from "./checked-assembly.js";

const scratch = mkdtempSync(join(tmpdir(), "checked-assembly-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An app folder with one source file and, unless `assembly` is false, an assembly of one stack. */
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
  writeFileSync(
    join(out, "manifest.json"),
    JSON.stringify({ artifacts: { Api: { type: "aws:cloudformation:stack", properties: { templateFile: "Api.template.json" }, additionalMetadataFile: "Api.metadata.json" } } }),
  );
  writeFileSync(join(out, "Api.metadata.json"), JSON.stringify({ "/Api/Table/Resource": [{ type: "aws:cdk:logicalId", data: "Table1234" }], "/Api": [{ type: "aws:cdk:creationStack", data: [] }] }));
  writeFileSync(join(out, "Api.template.json"), JSON.stringify({ Resources: { Table1234: { Type: "AWS::DynamoDB::Table", Metadata: { note: 1 } }, Other: { Type: "AWS::SNS::Topic" } } }));
  setTime(join(out, "manifest.json"), 2_000);
  return dir;
}

const setTime = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

describe("withConstructPaths", () => {
  it("copies the assembly and gives each resource named in the stack metadata its construct path", () => {
    const original = join(app("paths"), "cdk.out", "iac-check-assembly");
    const copy = withConstructPaths(original);
    try {
      const template = JSON.parse(readFileSync(join(copy, "Api.template.json"), "utf8")) as { Resources: Record<string, { Metadata?: unknown }> };
      expect(template.Resources.Table1234!.Metadata).toEqual({ note: 1, "aws:cdk:path": "Api/Table/Resource" });
      expect(template.Resources.Other!.Metadata).toBeUndefined();
      expect(JSON.parse(readFileSync(join(original, "Api.template.json"), "utf8")).Resources.Table1234.Metadata).toEqual({ note: 1 });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
