// The built bin/diagram.mjs as a user's machine runs it: copied with the HCL parser's WebAssembly
// into a folder of its own and run with Node alone (no NODE_PATH, no workspace), on a template, a
// Terraform module and a cdk.out written by the test. turbo builds bin/ before the tests.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = join(import.meta.dirname, "..", "bin");
const scratch = mkdtempSync(join(tmpdir(), "diagram-bin-"));
const installed = join(scratch, "scripts", "bin");
const project = join(scratch, "project");

function diagram(...args: string[]) {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  const result = spawnSync(process.execPath, [join(installed, "diagram.mjs"), ...args], { cwd: project, env, encoding: "utf8", timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  for (const file of ["diagram.mjs", "hcl2json.wasm.gz"]) if (!existsSync(join(bin, file))) throw new Error(`bin/${file} is missing: run \`pnpm --filter @aws-patterns/scripts build\` first`);
  mkdirSync(installed, { recursive: true });
  for (const file of ["diagram.mjs", "hcl2json.wasm.gz"]) copyFileSync(join(bin, file), join(installed, file));
  mkdirSync(join(project, "tf"), { recursive: true });
  mkdirSync(join(project, "cdk.out"));
  writeFileSync(join(project, "template.yaml"), "Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n  Reader:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment: { Variables: { TABLE: !Ref Table } }\n");
  writeFileSync(join(project, "tf", "main.tf"), 'resource "aws_sqs_queue" "jobs" {}\n\nresource "aws_lambda_function" "worker" {\n  environment {\n    variables = { QUEUE = aws_sqs_queue.jobs.url }\n  }\n}\n');
  writeFileSync(join(project, "cdk.out", "manifest.json"), JSON.stringify({ artifacts: { App: { type: "aws:cloudformation:stack", properties: { templateFile: "App.template.json" } } } }));
  writeFileSync(join(project, "cdk.out", "App.template.json"), JSON.stringify({ Resources: { Bucket83908E77: { Type: "AWS::S3::Bucket", Metadata: { "aws:cdk:path": "App/Bucket/Resource" } } } }));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("bin/diagram.mjs, installed", () => {
  it("draws a template", () => {
    expect(diagram("template.yaml")).toEqual({ code: 0, stderr: "", stdout: 'flowchart LR\n  Reader["Reader<br/>Lambda Function"]\n  Table["Table<br/>DynamoDB Table"]\n  Reader --> Table\n' });
  });

  it("draws a Terraform module with the HCL parser shipped beside it", () => {
    expect(diagram("tf")).toEqual({ code: 0, stderr: "", stdout: 'flowchart LR\n  lambda_function_worker["worker<br/>Lambda Function"]\n  sqs_queue_jobs["jobs<br/>SQS Queue"]\n  lambda_function_worker --> sqs_queue_jobs\n' });
  });

  it("draws a cdk.out", () => {
    expect(diagram("cdk.out")).toEqual({ code: 0, stderr: "", stdout: 'flowchart LR\n  Bucket["Bucket<br/>S3 Bucket"]\n' });
  });

  it("answers a path that is not there with exit 2 and a message", () => {
    const result = diagram("nowhere");
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("iac-diagram: nowhere: no such file or folder");
  });
});
