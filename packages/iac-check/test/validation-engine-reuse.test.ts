// One validation engine per engine host: a template with new resource types reuses the engine, and
// a template with a built-in rule's types gets an engine with that rule, as aws-cdk-lib would build.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, CloudFormationValidatePlugin } from "aws-cdk-lib";
import { afterAll, describe, expect, it } from "vitest";
import { CoveringTypes, preloadValidationEngine, reuseValidationEngine, sharedValidatePlugin } from "../src/engine/validation-engine-reuse.js";

const dir = mkdtempSync(join(tmpdir(), "iac-check-engine-reuse-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function template(name: string, resources: Record<string, unknown>): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ Resources: resources }));
  return file;
}

function validate(plugin: CloudFormationValidatePlugin, file: string) {
  return plugin.validate({ templatePaths: [file], stackTemplates: [{ stackConstructPath: "S", templatePath: file, accountId: "123456789012", region: "us-east-1" }], appConstruct: new App() });
}

describe("CoveringTypes", () => {
  const rules = new Set(["AWS::GameLift::Fleet", "AWS::GameLift::Build"]);
  const covering = new CoveringTypes(new Set(["AWS::SQS::Queue", "AWS::GameLift::Build"]), rules);

  it("covers every type except the rule types the templates did not have", () => {
    expect(covering.has("AWS::Lambda::Function")).toBe(true);
    expect(covering.has("AWS::SQS::Queue")).toBe(true);
    expect(covering.has("AWS::GameLift::Build")).toBe(true);
    expect(covering.has("AWS::GameLift::Fleet")).toBe(false);
  });

  it("iterates the types it was built from", () => {
    expect([...covering].sort()).toEqual(["AWS::GameLift::Build", "AWS::SQS::Queue"]);
  });
});

describe("reuseValidationEngine", () => {
  it("builds the engine before any template (preloaded) and validates templates of new resource types on it, with the same findings", () => {
    expect(reuseValidationEngine()).toBe(true);
    const plugin = sharedValidatePlugin();
    const engineOf = () => (plugin as unknown as { engine?: object }).engine;
    // (Test files share a worker: an engine may exist already; the preload keeps or builds one.)
    expect(preloadValidationEngine()).toBe(true);
    const first = engineOf();
    expect(first).toBeDefined();
    expect(validate(plugin, template("queue", { Queue: { Type: "AWS::SQS::Queue", Properties: { SqsManagedSseEnabled: true } } })).violations).toEqual([]);
    expect(engineOf()).toBe(first);
    const report = validate(plugin, template("topic", { Topic: { Type: "AWS::SNS::Topic", Properties: { TopicNam: "x" } } }));
    expect(engineOf()).toBe(first);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.resourceLogicalId}`)).toEqual(["F3002 Topic"]);
  }, 180_000);
});
