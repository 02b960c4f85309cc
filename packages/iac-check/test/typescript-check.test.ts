// The CDK type-check gate through TypeScript 7's API, in process: strict forced over the app's own
// tsconfig, every kind of deprecated use found once, cdk.out left out, nothing written to the app.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTypeScriptApps, type TypeScriptResult } from "../src/cdk/typescript-check.js";

// Inside the package, so the apps resolve aws-cdk-lib from its node_modules.
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
let root: string;
const results = new Map<string, TypeScriptResult>();

const APPS: Record<string, Record<string, string>> = {
  // Props are where CDK deprecates most; TypeScript itself reports only the signature and the name.
  deprecated: {
    "bin/app.ts": [
      'import { App, SecretValue, Stack } from "aws-cdk-lib";',
      'import * as dynamodb from "aws-cdk-lib/aws-dynamodb";',
      "const stack = new Stack(new App(), 'D');",
      'SecretValue.plainText("not-a-secret");',
      'new dynamodb.Table(stack, "T", { partitionKey: { name: "id", type: dynamodb.AttributeType.STRING }, pointInTimeRecovery: true });',
      'const props: dynamodb.TableProps = { partitionKey: { name: "id", type: dynamodb.AttributeType.STRING }, pointInTimeRecovery: false };',
      "void props;",
      "",
    ].join("\n"),
  },
  // The app's tsconfig turns strict off; the gate turns it back on.
  "strict-forced": {
    "tsconfig.json": JSON.stringify({ compilerOptions: { strict: false, target: "es2022", module: "nodenext", moduleResolution: "nodenext", skipLibCheck: true, types: ["node"] }, include: ["bin", "lib"] }),
    "bin/app.ts": 'import { App } from "aws-cdk-lib";\nimport { describe } from "../lib/describe.js";\nnew App();\ndescribe("x");\n',
    "lib/describe.ts": "export function describe(thing) {\n  return String(thing);\n}\n",
    // What cdk synth writes is not the app's code, even when the tsconfig's include would reach it.
    "cdk.out/asset.1/handler.ts": "const broken: number = 'not a number';\nexport { broken };\n",
  },
  clean: {
    "bin/app.ts": 'import { App, Stack } from "aws-cdk-lib";\nnew Stack(new App(), "Clean");\n',
  },
};

beforeAll(async () => {
  root = mkdtempSync(join(PACKAGE_DIR, ".typescript-check-"));
  for (const [name, files] of Object.entries(APPS)) {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, name, path, ".."), { recursive: true });
      writeFileSync(join(root, name, path), text);
    }
  }
  const names = Object.keys(APPS);
  const checked = await checkTypeScriptApps(names.map((name) => ({ appDir: join(root, name), entryFile: join(root, name, "bin/app.ts") })));
  names.forEach((name, index) => results.set(name, checked[index]!));
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const findings = (name: string) => results.get(name)!.diagnostics.map((d) => `${relative(join(root, name), join(process.cwd(), d.file))}:${d.line}:${d.column} ${d.rule} ${d.message}`);

describe("checkTypeScriptApps (TypeScript 7)", () => {
  it("reports a deprecated signature, a deprecated prop in an argument and in a typed literal, once each and not at the import", () => {
    expect(findings("deprecated")).toEqual([
      "bin/app.ts:4:13 deprecated-api/jsdoc 'plainText' is deprecated: Use `unsafePlainText()` instead.; use its replacement (deprecated APIs are not allowed in examples)",
      "bin/app.ts:5:101 deprecated-api/jsdoc 'pointInTimeRecovery' is deprecated: use `pointInTimeRecoverySpecification` instead; use its replacement (deprecated APIs are not allowed in examples)",
      "bin/app.ts:6:105 deprecated-api/jsdoc 'pointInTimeRecovery' is deprecated: use `pointInTimeRecoverySpecification` instead; use its replacement (deprecated APIs are not allowed in examples)",
    ]);
  });

  it("forces strict over the app's own tsconfig and leaves cdk.out out", () => {
    expect(findings("strict-forced")).toEqual(["lib/describe.ts:1:26 tsc/TS7006 TypeScript: Parameter 'thing' implicitly has an 'any' type."]);
  });

  it("finds nothing in a clean app, and times each step", () => {
    expect(findings("clean")).toEqual([]);
    expect(Object.keys(results.get("clean")!.timingsMs).sort()).toEqual(["deprecatedLint", "typecheck", "typecheckProgram"]);
  });

  it("writes nothing into the apps' folders (the strict tsconfig is virtual)", () => {
    expect(readdirSync(join(root, "strict-forced")).sort()).toEqual(["bin", "cdk.out", "lib", "tsconfig.json"]);
    expect(readdirSync(join(root, "clean")).sort()).toEqual(["bin"]);
  });
});
