// The committed provider schemas must come from the bindings pinned in schema/pin.json: after a
// pin change, run scripts/generate-provider-schemas.mjs and commit its output.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { providerSchemas, readPin, schemaDir, type ProviderSchema } from "../../src/terraform/provider-schema.js";

describe("provider schemas", () => {
  it.each(readPin().map((p) => [p.providerSource, p] as const))("%s matches its pin", (_source, pin) => {
    const schema = JSON.parse(readFileSync(join(schemaDir, pin.file), "utf8")) as ProviderSchema;
    expect(
      { package: schema.header.bindingsPackage, version: schema.header.bindingsVersion, source: schema.header.providerSource },
      `regenerate: node packages/iac-check/scripts/generate-provider-schemas.mjs ${pin.providerSource}`,
    ).toEqual({ package: pin.bindingsPackage, version: pin.bindingsVersion, source: pin.providerSource });
    expect(schema.header.providerVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.keys(schema.resources).length + Object.keys(schema.dataSources).length).toBeGreaterThan(0);
  });

  it("the AWS schema knows arguments, nested blocks, required flags and exported attributes", () => {
    const aws = providerSchemas().get("hashicorp/aws")!;
    expect(Object.keys(aws.resources).length).toBeGreaterThan(1500);
    const lambda = aws.resources.aws_lambda_function!;
    expect(lambda.a.function_name?.r).toBe(1);
    expect(lambda.a.runtime?.r).toBeUndefined();
    expect(lambda.b?.environment?.a.variables?.t).toBe("stringMap");
    expect(lambda.x).toContain("invoke_arn");
    const table = aws.resources.aws_dynamodb_table!;
    expect(table.b?.global_secondary_index?.b?.key_schema?.a.attribute_name?.r).toBe(1);
    expect(aws.dataSources.aws_iam_policy_document?.b?.statement?.b?.principals).toBeDefined();
  });

  it("loads once per process", () => {
    expect(providerSchemas()).toBe(providerSchemas());
  });
});
