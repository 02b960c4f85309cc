// The scripts as a user gets them: build the skill bundle with skill-bundle's CLI, install it into
// a temp folder with `skill-bundle install`, and run each script from there with plain `node`
// (no NODE_PATH, no NODE_OPTIONS) and a working folder outside the repository. Every script answers
// --help; cost-estimate and security-check also do real work on this package's fixtures, which
// stay in the repository (the bundle does not ship them) and are passed by absolute path.
// Needs packages/skill-bundle built: scripts' turbo.json makes this package's test task depend on it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const scriptsDir = join(import.meta.dirname, "..");
const repo = join(scriptsDir, "..");
const skillBundle = join(repo, "packages", "skill-bundle", "bin", "skill-bundle.js");
const scratch = mkdtempSync(join(tmpdir(), "scripts-bundle-e2e-"));
const outside = mkdtempSync(join(tmpdir(), "scripts-bundle-cwd-"));
const entries = Object.keys(JSON.parse(readFileSync(join(scriptsDir, "entries.json"), "utf8")) as Record<string, string>);
let installed = "";

/** The environment of a user's shell: none of pnpm's or vitest's module paths. */
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  return env;
}

function run(command: string, args: string[], cwd = outside, timeout = 600_000) {
  const result = spawnSync(command, args, { cwd, env: userEnv(), encoding: "utf8", timeout });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, all: `${result.stdout}\n${result.stderr}` };
}

const script = (name: string, ...args: string[]) => run(process.execPath, [join(installed, "scripts", "bin", `${name}.mjs`), ...args]);

beforeAll(() => {
  const built = run(process.execPath, [skillBundle, join(repo, "skill"), "--out", join(scratch, "dist")], repo);
  expect(built.code, built.all).toBe(0);
  const install = run(process.execPath, [skillBundle, "install", "--target", join(scratch, "skills"), "--from", join(scratch, "dist")], outside);
  expect(install.code, install.all).toBe(0);
  installed = join(scratch, "skills", "aws-patterns");
  expect(existsSync(join(installed, "SKILL.md"))).toBe(true);
}, 900_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe("the installed bundle", () => {
  it("ships every script's bin file and security-check's companion", () => {
    for (const name of entries) expect(existsSync(join(installed, "scripts", "bin", `${name}.mjs`)), name).toBe(true);
    for (const file of ["security-check-companion.mjs", "hcl2json.wasm.gz"]) {
      expect(existsSync(join(installed, "scripts", "bin", file)), file).toBe(true);
    }
  });

  it.each(entries)("%s --help exits 0 from the install", (name) => {
    const help = script(name, "--help");
    expect(help.code, help.all).toBe(0);
    expect(help.stdout).toMatch(/usage/i);
  });
});

describe("cost-estimate from the install", () => {
  it("prices a NAT gateway for a month", () => {
    const result = script("cost-estimate", join(scriptsDir, "fixtures", "cost", "nat-gateway.yaml"), "--gb-processed", "100", "--json");
    expect(result.code, result.all).toBe(0);
    const estimate = JSON.parse(result.stdout) as { resources: { lines: { dimension: string; monthlyText: string }[] }[] };
    expect(estimate.resources[0]!.lines.map((l) => `${l.dimension} ${l.monthlyText}`)).toEqual(["NAT gateway hours $32.85", "Data processed $4.50"]);
  });
});

describe("security-check from the install", () => {
  it("fails a Terraform security group open on port 22 to 0.0.0.0/0 and names the rule", () => {
    const result = script("security-check", join(scriptsDir, "fixtures", "security", "terraform-open-ssh"));
    expect(result.code, result.all).toBe(1);
    expect(result.stdout).toMatch(/\| error +\| tf-sec\/no-public-admin-ingress +\|/);
  });

  it("passes a clean Terraform module", () => {
    const result = script("security-check", join(scriptsDir, "fixtures", "security", "terraform-clean"));
    expect(result.code, result.all).toBe(0);
  });

  it("fails a template open on port 22, with the validation engine of the aws-cdk-lib given by --with", () => {
    const result = script("security-check", "--with", scriptsDir, join(scriptsDir, "fixtures", "security", "template-open-ssh", "template.yaml"));
    expect(result.code, result.all).toBe(1);
    expect(result.stdout).toMatch(/\| error +\| AwsSolutions-EC23 +\|/);
    expect(result.stdout).toMatch(/\| warning +\| cfn-validate\/W2508 +\|/);
  });

  it("synthesizes a CDK app with the app's own aws-cdk-lib and names the rule", () => {
    const result = script("security-check", join(scriptsDir, "fixtures", "security", "cdk-app-open-ssh"));
    expect(result.code, result.all).toBe(1);
    expect(result.stdout).toMatch(/\| error +\| AwsSolutions-EC23 +\| .*bin\/app\.mjs:\d+ +\| OpenSsh\/Admin/);
  });
});
