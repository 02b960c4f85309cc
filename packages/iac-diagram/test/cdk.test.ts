// CDK input: a cloud assembly read as it is, and an app folder synthesized the way the CDK CLI
// runs an app (cdk.json's command, CDK_OUTDIR, CDK_CONTEXT_JSON) unless its cdk.out is fresh.
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lastError } from "../src/cdk-app.js";
import { PACKAGE_DIR, run } from "./run.js";

const ASSEMBLY = [
    "flowchart LR",
    "  subgraph g_Web[\"Web\"]",
    "    Web_Distribution[\"Distribution<br/>CloudFront Distribution\"]",
    "    Web_SiteBucket[\"SiteBucket<br/>S3 Bucket\"]",
    "  end",
    "  subgraph g_Data[\"Data\"]",
    "    Data_Table[\"Table<br/>DynamoDB Table\"]",
    "  end",
    "  Web_Distribution --> Web_SiteBucket",
    "%% Folded (`--show-glue` draws them): IAM \u00d71 (as IAM edges), deployment tooling \u00d72.",
  ].join("\n") + "\n";

const APP = [
    "flowchart LR",
    "  Handler[\"Handler<br/>Lambda Function\"]",
    "  Queue[\"Queue<br/>SQS Queue\"]",
    "  ordersTable[\"ordersTable<br/>DynamoDB Table\"]",
    "  Handler --> Queue",
    "  Handler --> ordersTable",
  ].join("\n") + "\n";

const temp = mkdtempSync(join(tmpdir(), "iac-diagram-cdk-test-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("a cloud assembly (cdk.out)", () => {
  it("draws one subgraph per stack, drops CDK's hash from labels and folds custom-resource tooling", async () => {
    const result = await run(["fixtures/cloud-assembly"]);
    expect(result.stdout).toBe(ASSEMBLY);
    expect(result.code).toBe(0);
  });
});

describe("a CDK app folder", () => {
  it("is synthesized with cdk.json's command and context when it has no cdk.out", async () => {
    const result = await run(["fixtures/cdk-app/ok"]);
    expect(result.stdout).toBe(APP);
    expect(result.code).toBe(0);
  });

  it("is read from its cdk.out when that is newer than every source file, and synthesized again when it is not", async () => {
    const app = join(temp, "fresh");
    cpSync(join(PACKAGE_DIR, "fixtures/cdk-app/ok"), app, { recursive: true });
    const assembly = join(app, "cdk.out");
    mkdirSync(assembly);
    writeFileSync(join(assembly, "manifest.json"), JSON.stringify({ artifacts: { Old: { type: "aws:cloudformation:stack", properties: { templateFile: "Old.template.json" } } } }));
    writeFileSync(join(assembly, "Old.template.json"), JSON.stringify({ Resources: { OldQueue: { Type: "AWS::SQS::Queue" } } }));
    const past = new Date(Date.now() - 60_000);
    for (const f of ["app.mjs", "cdk.json"]) utimesSync(join(app, f), past, past);
    const fresh = await run(["--format", "json", app]);
    expect(JSON.parse(fresh.stdout).nodes.map((n: { name: string }) => n.name)).toEqual(["OldQueue"]);
    expect(JSON.parse(fresh.stdout).input).toEqual({ kind: "cdk-app", from: expect.stringMatching(/fresh\/cdk\.out$/) });

    const future = new Date(Date.now() + 60_000);
    utimesSync(join(app, "app.mjs"), future, future);
    const stale = await run(["--format", "json", app]);
    expect(JSON.parse(stale.stdout).nodes.map((n: { name: string }) => n.name)).toEqual(["Handler", "Queue", "ordersTable"]);
    expect(JSON.parse(stale.stdout).input).toEqual({ kind: "cdk-app", from: "a fresh synthesis" });
  });

  it("whose app throws gets the app's error, exit 2 and no diagram", async () => {
    const result = await run(["fixtures/cdk-app/fails"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "fixtures/cdk-app/fails/app.mjs  error  the app command \"node app.mjs\" failed (exit code 1): Error: Table 'Orders': partitionKey is required. Nothing was drawn; `iac-check fixtures/cdk-app/fails` shows the full diagnosis  synth/app-threw\n" +
        "iac-diagram: cannot draw fixtures/cdk-app/fails: fix the error above\n",
    });
  });

  it("whose app never finishes is stopped at --timeout", async () => {
    const result = await run(["--timeout", "2", "fixtures/cdk-app/hangs"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(
      "fixtures/cdk-app/hangs/app.mjs  error  the app did not finish within 2 s (--timeout): it hangs or waits for something that never comes (a network call, an unresolved promise, an endless loop); it was stopped  synth/timeout",
    );
  });

  it("with a broken cdk.json gets iac-check's message", async () => {
    const app = join(temp, "bad-cdk-json");
    mkdirSync(app);
    writeFileSync(join(app, "cdk.json"), "{ app: ");
    const result = await run([app]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cdk\.json:1:1  error  cdk\.json is not valid JSON \(.*\): fix the syntax  cdk\/cdk-json/);
  });
});

describe("lastError", () => {
  it("picks the error line of a Node stack trace", () => {
    expect(lastError("file:///app.mjs:2\nthrow new Error('x');\n^\n\nError: boom\n    at file:///app.mjs:2:7\n\nNode.js v20.20.2\n")).toBe("Error: boom");
  });
  it("falls back to the last line of text", () => {
    expect(lastError("npm ERR! missing script\n")).toBe("npm ERR! missing script");
  });
});
