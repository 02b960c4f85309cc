// The real example passes every check; a broken copy of it fails where it is broken.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkTerraformModule, terraform } from "../../src/terraform/index.js";

const exampleDir = join(import.meta.dirname, "..", "..", "..", "..", "examples", "terraform", "serverless-api");
const work = mkdtempSync(join(tmpdir(), "iac-check-tf-example-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const options = { fix: false, timeoutMs: 60_000, runCli: false };

describe("examples/terraform/serverless-api", () => {
  it("is claimed and passes with no error or warning", async () => {
    expect(terraform.claims(exampleDir)).toBe(true);
    const report = await checkTerraformModule(exampleDir, options);
    expect(report.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(report.details.resources).toMatchObject({ aws_lambda_function: 1, aws_dynamodb_table: 1, aws_apigatewayv2_stage: 1 });
  });

  it("hard-codes no account id or region", () => {
    for (const file of ["main.tf", "variables.tf", "versions.tf", "outputs.tf"]) {
      const text = readFileSync(join(exampleDir, file), "utf8");
      expect(text, file).not.toMatch(/\b\d{12}\b/);
      expect(text, file).not.toMatch(/\b(us|eu|ap|sa|ca|me|af|il|mx)-(east|west|north|south|central|northeast|southeast|northwest|southwest)-\d\b/);
    }
  });

  it("a reference to an undeclared role fails with file:line", async () => {
    const dir = join(work, "broken");
    cpSync(exampleDir, dir, { recursive: true });
    const main = readFileSync(join(dir, "main.tf"), "utf8").replace("role             = aws_iam_role.handler.arn", "role             = aws_iam_role.lambda.arn");
    writeFileSync(join(dir, "main.tf"), main);
    const report = await checkTerraformModule(dir, options);
    const line = main.split("\n").findIndex((l) => l.includes("aws_iam_role.lambda.arn")) + 1;
    expect(report.diagnostics.filter((d) => d.severity !== "info").map((d) => ({ rule: d.rule, file: d.file, line: d.line, severity: d.severity }))).toEqual([
      { rule: "tf/undeclared-resource", file: relative(process.cwd(), join(dir, "main.tf")), line, severity: "error" },
    ]);
  });
});
