// cost-readmes reads the assembly an example's check task wrote (whether it is current is iac-check's
// checkedAssembly, tested there) and must restore construct paths faithfully.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withConstructPaths } from "./checked-assembly.js";

const scratch = mkdtempSync(join(tmpdir(), "checked-assembly-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An assembly of one stack whose metadata names one of its two resources. */
function assembly(name: string): string {
  const out = join(scratch, name);
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, "manifest.json"),
    JSON.stringify({ artifacts: { Api: { type: "aws:cloudformation:stack", properties: { templateFile: "Api.template.json" }, additionalMetadataFile: "Api.metadata.json" } } }),
  );
  writeFileSync(join(out, "Api.metadata.json"), JSON.stringify({ "/Api/Table/Resource": [{ type: "aws:cdk:logicalId", data: "Table1234" }], "/Api": [{ type: "aws:cdk:creationStack", data: [] }] }));
  writeFileSync(join(out, "Api.template.json"), JSON.stringify({ Resources: { Table1234: { Type: "AWS::DynamoDB::Table", Metadata: { note: 1 } }, Other: { Type: "AWS::SNS::Topic" } } }));
  return out;
}

describe("withConstructPaths", () => {
  it("copies the assembly and gives each resource named in the stack metadata its construct path", () => {
    const original = assembly("paths");
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
