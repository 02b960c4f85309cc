import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { languages } from "../src/languages.js";
import { resolveTargets, UsageError } from "../src/resolve-targets.js";
import { formatDiagnostic } from "../src/report.js";

const root = mkdtempSync(join(tmpdir(), "iac-check-resolve-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (path: string, text: string): void => {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), text);
};
write("app/cdk.json", '{"app":"npx tsx bin/app.ts"}');
write("app/lib/template.yaml", "Resources: {}\n");
write("templates/api.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
write("templates/api.json", '{ "Resources": {} }');
write("templates/package.json", '{ "name": "x" }');
write("templates/node_modules/dep/template.yaml", "Resources: {}\n");
write("templates/cdk.out/Stack.template.json", '{ "Resources": {} }');
write("empty/notes.txt", "nothing here");

const rel = (path: string): string => relative(process.cwd(), join(root, path));
const targetsOf = (paths: string[]) => Object.fromEntries(resolveTargets(paths, languages).batches.map((b) => [b.language.name, b.targets.sort()]));

describe("resolveTargets", () => {
  it("takes a folder with cdk.json as one CDK app, without looking inside it", () => {
    expect(targetsOf([join(root, "app")])).toEqual({ cdk: [rel("app")] });
  });

  it("walks folders for templates, skipping node_modules, cdk.out and JSON that is not a template", () => {
    expect(targetsOf([root])).toEqual({ cdk: [rel("app")], cloudformation: [rel("templates/api.json"), rel("templates/api.yaml")] });
  });

  it("reports a folder with nothing to check", () => {
    expect(resolveTargets([join(root, "empty")], languages).diagnostics).toEqual([expect.objectContaining({ rule: "iac-check/no-targets", message: expect.stringMatching(/^nothing to check in /) })]);
  });

  it("is a usage error to name a missing path or a file no language owns", () => {
    expect(() => resolveTargets([join(root, "missing")], languages)).toThrow(UsageError);
    expect(() => resolveTargets([join(root, "empty/notes.txt")], languages)).toThrow(/not something iac-check checks/);
  });
});

describe("formatDiagnostic", () => {
  it("prints file:line:col  severity  message  rule-id on one line", () => {
    expect(formatDiagnostic({ file: "a.yaml", line: 3, column: 5, severity: "error", message: "first line\n  second line", rule: "cfn-validate/F3002", location: "Queue" })).toBe(
      "a.yaml:3:5  error  first line; second line (at Queue)  cfn-validate/F3002",
    );
  });
});
