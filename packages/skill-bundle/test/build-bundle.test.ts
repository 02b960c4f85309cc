import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { BundleError } from "../src/bundle-error.js";
import { buildBundle } from "../src/build-bundle.js";

const SKILL_MD = `---\nname: aws-patterns\ndescription: Designs AWS systems. Use when asked to build on AWS.\nmetadata:\n  version: "1.2.3"\n---\n\n# AWS patterns\n\nSee [compute](references/compute.md).\n`;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A small monorepo with the folders the bundle layout maps (removed after each test). */
function makeRepo(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "skill-bundle-"));
  roots.push(root);
  const all: Record<string, string> = {
    "pnpm-workspace.yaml": "packages:\n  - skill\n",
    "skill/package.json": JSON.stringify({ name: "@aws-patterns/skill", version: "1.2.3" }),
    "skill/SKILL.md": SKILL_MD,
    "skill/references/compute.md": "# Compute\n",
    "examples/cdk/api/package.json": JSON.stringify({
      name: "@aws-patterns/example-cdk-api",
      scripts: { check: "iac-check .", synth: "cdk synth" },
      dependencies: { "aws-cdk-lib": "^2.0.0" },
      devDependencies: { "@aws-patterns/iac-check": "workspace:*" },
    }),
    "examples/cdk/api/lib/stack.ts": "export {};\n",
    "examples/cdk/api/turbo.json": JSON.stringify({ extends: ["//"] }),
    "examples/cdk/api/tsconfig.json": '{\n  // the shared base\n  "extends": "../../../tsconfig.base.json",\n  "compilerOptions": { "noEmit": true, "strict": false },\n  "include": ["lib"],\n}\n',
    "tsconfig.base.json": JSON.stringify({ compilerOptions: { strict: true, target: "ES2022" } }),
    "examples/cdk/api/node_modules/junk/index.js": "junk\n",
    "examples/cdk/api/cdk.out/manifest.json": "{}\n",
    "scripts/bin/audit.mjs": "#!/usr/bin/env node\nconsole.log('audit');\n",
    "scripts/README.md": "# Scripts\n",
    "scripts/entries.json": JSON.stringify({ audit: "src/audit/cli.ts" }),
    "scripts/src/audit/cli.ts": "console.log('audit');\n",
    "scripts/package.json": JSON.stringify({ name: "@aws-patterns/scripts" }),
    "packages/iac-check/package.json": JSON.stringify({ name: "@aws-patterns/iac-check", bin: { "iac-check": "./bin/iac-check.js" } }),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  chmodSync(join(root, "scripts/bin/audit.mjs"), 0o755);
  return root;
}

const build = (root: string, maxArchiveBytes?: number) => buildBundle({ skillDir: join(root, "skill"), outDir: join(root, "skill", "dist"), maxArchiveBytes });

async function problemsOf(root: string): Promise<string[]> {
  try {
    await build(root);
  } catch (error) {
    const problems = error instanceof AggregateError ? (error.errors as BundleError[]) : [error as BundleError];
    return problems.map((problem) => problem.format());
  }
  throw new Error("expected the bundle to fail");
}

describe("buildBundle", () => {
  it("ships SKILL.md, references, examples and scripts under the skill's name, and nothing excluded", async () => {
    const root = makeRepo();
    const manifest = await build(root);
    const zip = unzipSync(readFileSync(join(root, "skill/dist/aws-patterns-1.2.3.zip")));
    expect(Object.keys(zip).sort()).toEqual([
      "aws-patterns/SKILL.md",
      "aws-patterns/examples/cdk/api/lib/stack.ts",
      "aws-patterns/examples/cdk/api/package.json",
      "aws-patterns/examples/cdk/api/tsconfig.json",
      "aws-patterns/references/compute.md",
      "aws-patterns/scripts/README.md",
      "aws-patterns/scripts/bin/audit.mjs",
    ]);
    expect(manifest.files.map((file) => file.path)).toContain("references/compute.md");
    const written = JSON.parse(readFileSync(join(root, "skill/dist/aws-patterns-1.2.3.manifest.json"), "utf8"));
    expect(written.zip.sha256).toBe(manifest.zip.sha256);
  });

  it("is reproducible: the same files give the same bytes, whatever their timestamps", async () => {
    const root = makeRepo();
    const first = await build(root);
    utimesSync(join(root, "skill/references/compute.md"), new Date(2020, 5, 5), new Date(2020, 5, 5));
    const second = await build(root);
    expect(second.zip.sha256).toBe(first.zip.sha256);
    writeFileSync(join(root, "skill/references/compute.md"), "# Compute, changed\n");
    const third = await build(root);
    expect(third.zip.sha256).not.toBe(first.zip.sha256);
  });

  it("drops workspace-only dependencies and the scripts that call them from an example's package.json", async () => {
    const root = makeRepo();
    await build(root);
    const zip = unzipSync(readFileSync(join(root, "skill/dist/aws-patterns-1.2.3.zip")));
    const manifest = JSON.parse(Buffer.from(zip["aws-patterns/examples/cdk/api/package.json"]!).toString("utf8"));
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts).toEqual({ synth: "cdk synth" });
    expect(manifest.dependencies).toEqual({ "aws-cdk-lib": "^2.0.0" });
  });

  it("merges an example's tsconfig base from outside the example into the shipped copy", async () => {
    const root = makeRepo();
    await build(root);
    const zip = unzipSync(readFileSync(join(root, "skill/dist/aws-patterns-1.2.3.zip")));
    const tsconfig = JSON.parse(Buffer.from(zip["aws-patterns/examples/cdk/api/tsconfig.json"]!).toString("utf8"));
    expect(tsconfig).toEqual({ compilerOptions: { strict: false, target: "ES2022", noEmit: true }, include: ["lib"] });
  });

  it("names the tsconfig whose base is missing", async () => {
    const root = makeRepo({ "examples/cdk/api/tsconfig.json": JSON.stringify({ extends: "../../../nowhere.json" }) });
    expect((await problemsOf(root)).join("\n")).toMatch(/tsconfig\.json {2}error {2}cannot be made standalone: .*nowhere\.json, which does not exist/);
  });

  it("refuses a secret, names the file and line, and writes no zip", async () => {
    const body = Array.from({ length: 20 }, () => "MIIEpAIBAAKCAQEA7bq98yS1kKqN5pWmVQ8c2Zz3k9nQ").join("\n");
    const root = makeRepo({ "scripts/iam/key.pem": `# a key\n-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n` });
    const problems = await problemsOf(root);
    expect(problems.join("\n")).toMatch(/key\.pem:2 {2}error {2}.*private ?key/i);
    expect(existsSync(join(root, "skill/dist/aws-patterns-1.2.3.zip"))).toBe(false);
  });

  it("refuses a symbolic link", async () => {
    const root = makeRepo();
    symlinkSync("/etc/hostname", join(root, "skill/references/outside.md"));
    expect((await problemsOf(root)).join("\n")).toMatch(/outside\.md {2}error {2}is a symbolic link/);
  });

  it("refuses a SKILL.md whose metadata.version disagrees with the package version", async () => {
    const root = makeRepo({ "skill/SKILL.md": SKILL_MD.replace('"1.2.3"', '"9.9.9"') });
    expect((await problemsOf(root)).join("\n")).toMatch(/metadata\.version is 9\.9\.9 but skill\/package\.json says 1\.2\.3/);
  });

  it("replaces only its own older outputs: files it did not write stay, whatever their names", async () => {
    const root = makeRepo({ "skill/package.json": JSON.stringify({ name: "@aws-patterns/skill", version: "1.0.0" }), "skill/SKILL.md": SKILL_MD.replace('"1.2.3"', '"1.0.0"') });
    await build(root);
    const dist = join(root, "skill/dist");
    writeFileSync(join(dist, "aws-patterns-notes.txt"), "mine");
    writeFileSync(join(dist, "aws-patterns-0.9.0.zip"), "a zip I downloaded");
    writeFileSync(join(dist, "aws-patterns-0.9.0.manifest.json"), JSON.stringify({ name: "aws-patterns", version: "0.9.0", zip: { file: "aws-patterns-0.9.0.zip", sha256: "0".repeat(64) } }));
    writeFileSync(join(root, "skill/package.json"), JSON.stringify({ name: "@aws-patterns/skill", version: "1.2.3" }));
    writeFileSync(join(root, "skill/SKILL.md"), SKILL_MD);
    await build(root);
    expect(readdirSync(dist).sort()).toEqual([
      "aws-patterns-0.9.0.zip",
      "aws-patterns-1.2.3.manifest.json",
      "aws-patterns-1.2.3.skill",
      "aws-patterns-1.2.3.zip",
      "aws-patterns-notes.txt",
    ]);
  });

  it("writes the same archive as .skill, and a manifest with each file's tokens and the totals", async () => {
    const root = makeRepo();
    const manifest = await build(root);
    const dist = join(root, "skill/dist");
    expect(readFileSync(join(dist, "aws-patterns-1.2.3.skill")).equals(readFileSync(join(dist, "aws-patterns-1.2.3.zip")))).toBe(true);
    expect(manifest.skill).toEqual({ ...manifest.zip, file: "aws-patterns-1.2.3.skill" });
    const compute = manifest.files.find((file) => file.path === "references/compute.md")!;
    expect(compute.tokens).toBeGreaterThan(0);
    expect(manifest.totalTokens).toBe(manifest.files.reduce((sum, file) => sum + (file.tokens ?? 0), 0));
    const script = manifest.files.find((file) => file.path === "scripts/bin/audit.mjs")!;
    expect(manifest.readTokens).toBe(manifest.totalTokens - script.tokens!);
  });

  it("writes the release version into the bundled SKILL.md when the repository's has none", async () => {
    const root = makeRepo({ "skill/SKILL.md": SKILL_MD.replace('metadata:\n  version: "1.2.3"\n', "") });
    await build(root);
    const zip = unzipSync(readFileSync(join(root, "skill/dist/aws-patterns-1.2.3.zip")));
    expect(Buffer.from(zip["aws-patterns/SKILL.md"]!).toString("utf8")).toMatch(/^---\nname: aws-patterns\n[\s\S]*metadata:\n {2}version: "?1\.2\.3"?\n---\n/);
  });

  it("refuses an archive over its size budget, naming the largest files", async () => {
    const root = makeRepo();
    const problems = await build(root, 100).then(
      () => [],
      (error: AggregateError) => (error.errors as BundleError[]).map((problem) => problem.format()),
    );
    expect(problems.join("\n")).toMatch(/aws-patterns-1\.2\.3\.zip {2}error {2}is \d+ bytes, over the archive budget of 100; the largest files: /);
    expect(existsSync(join(root, "skill/dist/aws-patterns-1.2.3.zip"))).toBe(false);
  });

  it("refuses to bundle when entries.json names a script whose bin file is not built", async () => {
    const root = makeRepo({ "scripts/entries.json": JSON.stringify({ audit: "src/audit/cli.ts", "cost-estimate": "src/cost/cli.ts" }) });
    expect((await problemsOf(root)).join("\n")).toMatch(
      /entries\.json {2}error {2}names the script `cost-estimate` but scripts\/bin\/cost-estimate\.mjs is not built: run `pnpm --filter @aws-patterns\/scripts build`/,
    );
  });

  it("writes the zip and manifest atomically: an existing file keeps its mode, no temp file stays", async () => {
    const root = makeRepo();
    const zip = join(root, "skill/dist/aws-patterns-1.2.3.zip");
    mkdirSync(join(root, "skill/dist"), { recursive: true });
    writeFileSync(zip, "previous build");
    chmodSync(zip, 0o640);
    await build(root);
    expect(statSync(zip).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(root, "skill/dist")).sort()).toEqual(["aws-patterns-1.2.3.manifest.json", "aws-patterns-1.2.3.skill", "aws-patterns-1.2.3.zip"]);
  });
});
