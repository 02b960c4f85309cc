// The repository's real skill, as a consumer gets it: bundle it, install the archive into a temporary
// .claude/skills/, lint the installed folder (every link resolves inside it, the name matches the
// folder), verify it against its manifest, and run each built script from there as a user's agent
// would: plain `node` (no NODE_PATH, no NODE_OPTIONS) in a folder outside the repository, on the
// scripts' fixtures, which stay in the repository and are passed by absolute path. (One bundle for
// both: the scripts' package tests everything else about them without reading skill/.)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundle, type BundleManifest } from "../src/build-bundle.js";
import { installSkill } from "../src/install.js";
import { verifySkill } from "../src/verify.js";
import { removeTemps, tempDir } from "./release-fixtures.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
// The workspace link pnpm made for the devDependency (the package exports no package.json to resolve).
const SKILL_LINT = fileURLToPath(new URL("../node_modules/@aws-patterns/skill-lint/bin/skill-lint.js", import.meta.url));

const SCRIPTS = join(REPO, "scripts");
const FIXTURES = join(SCRIPTS, "fixtures");
const ENTRIES = Object.keys(JSON.parse(readFileSync(join(SCRIPTS, "entries.json"), "utf8")) as Record<string, string>);

let manifest: BundleManifest;
let installed: string;
let outside: string;

/** The environment of a user's shell: none of pnpm's or vitest's module paths. */
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  return env;
}

function script(name: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(installed, "scripts", "bin", `${name}.mjs`), ...args], { cwd: outside, env: userEnv(), encoding: "utf8", timeout: 600_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, all: `${result.stdout}\n${result.stderr}` };
}

beforeAll(async () => {
  outside = tempDir("skill-bundle-e2e-cwd-");
  const out = tempDir("skill-bundle-e2e-");
  manifest = await buildBundle({ skillDir: join(REPO, "skill"), outDir: out });
  const project = tempDir("skill-bundle-e2e-project-");
  installed = (await installSkill({ archive: join(out, manifest.zip.file), skillsFolder: join(project, ".claude", "skills") })).installedAt;
}, 600_000);
afterAll(removeTemps);

describe("the repository's skill, built, installed and checked as a consumer would", () => {
  it("installs into .claude/skills/<name>/ with the name SKILL.md declares", () => {
    expect(installed.endsWith(join(".claude", "skills", manifest.name))).toBe(true);
    expect(readFileSync(join(installed, "SKILL.md"), "utf8")).toMatch(new RegExp(`^---\\n[\\s\\S]*?^name: ${manifest.name}$[\\s\\S]*?^  version: "?${manifest.version.replace(/\./g, "\\.")}"?$`, "m"));
  });

  it("lints clean where it is installed: every link and anchor resolves inside the bundle, budgets from the repository's config", () => {
    // V8 single-threaded: its helper threads (GC, compilers) cost several times this lint's CPU on a busy box.
    const result = spawnSync(process.execPath, ["--single-threaded", SKILL_LINT, installed, "--config", join(REPO, "skill-lint.config.json"), "--format", "json"], {
      encoding: "utf8",
      timeout: 300_000,
    });
    const report = JSON.parse(result.stdout) as { messages: { file: string; line: number; message: string; ruleId: string }[] };
    expect(report.messages.map((message) => `${message.file}:${message.line} ${message.message} (${message.ruleId})`)).toEqual([]);
    expect(result.status).toBe(0);
  }, 300_000);

  it("matches its manifest file for file", async () => {
    const report = await verifySkill(installed);
    expect(report.found).toEqual({ changed: [], missing: [], extra: [], notFiles: [] });
    expect(report.manifest.files.length).toBe(manifest.files.length);
  });

  it("ships every script's bin file and security-check's companion", () => {
    for (const name of ENTRIES) expect(existsSync(join(installed, "scripts", "bin", `${name}.mjs`)), name).toBe(true);
    for (const file of ["security-check-companion.mjs", "hcl2json.wasm.gz"]) expect(existsSync(join(installed, "scripts", "bin", file)), file).toBe(true);
  });

  it("runs each built script from the installed folder (--help exits 0 with the usage)", () => {
    for (const name of ENTRIES) {
      const result = script(name, "--help");
      expect({ name, status: result.code, stderr: result.stderr }).toEqual({ name, status: 0, stderr: "" });
      expect(result.stdout).toMatch(/usage/i);
    }
  });
});

describe("cost-estimate from the install", () => {
  it("prices a NAT gateway for a month", () => {
    const result = script("cost-estimate", join(FIXTURES, "cost", "nat-gateway.yaml"), "--gb-processed", "100", "--json");
    expect(result.code, result.all).toBe(0);
    const estimate = JSON.parse(result.stdout) as { resources: { lines: { dimension: string; monthlyText: string }[] }[] };
    expect(estimate.resources[0]!.lines.map((l) => `${l.dimension} ${l.monthlyText}`)).toEqual(["NAT gateway hours $32.85", "Data processed $4.50"]);
  });
});

describe("security-check from the install", () => {
  it("fails a Terraform security group open on port 22 to 0.0.0.0/0 and names the rule", () => {
    const result = script("security-check", join(FIXTURES, "security", "terraform-open-ssh"));
    expect(result.code, result.all).toBe(1);
    expect(result.stdout).toMatch(/\| error +\| tf-sec\/no-public-admin-ingress +\|/);
  });

  it("passes a clean Terraform module", () => {
    const result = script("security-check", join(FIXTURES, "security", "terraform-clean"));
    expect(result.code, result.all).toBe(0);
  });

  it("fails a template open on port 22, with the validation engine of the aws-cdk-lib given by --with", () => {
    const result = script("security-check", "--with", SCRIPTS, join(FIXTURES, "security", "template-open-ssh", "template.yaml"));
    expect(result.code, result.all).toBe(1);
    expect(result.stdout).toMatch(/\| error +\| AwsSolutions-EC23 +\|/);
    expect(result.stdout).toMatch(/\| warning +\| cfn-validate\/W2508 +\|/);
  });

  it("synthesizes a CDK app with the app's own aws-cdk-lib (the scripts package's, up the tree) and names the rule", () => {
    const result = script("security-check", join(FIXTURES, "security", "cdk-app-open-ssh"));
    expect(result.code, result.all).toBe(1);
    expect(result.stdout).toMatch(/\| error +\| AwsSolutions-EC23 +\| .*bin\/app\.mjs:\d+ +\| OpenSsh\/Admin/);
  });
});
