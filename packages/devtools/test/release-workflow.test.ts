// The release workflow cannot run here (it needs GitHub): its structure is held to what the
// actions' documentation requires and to the names the repository's own scripts and bundler use.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findRepoRoot } from "../src/workspace.js";

const root = findRepoRoot(__dirname);
interface Step { id?: string; name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { if?: string; steps: Step[]; permissions?: Record<string, string> }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: { "cancel-in-progress"?: boolean }; jobs: Record<string, Job> }

const read = (file: string) => parse(readFileSync(join(root, ".github/workflows", file), "utf8")) as Workflow;
const rootScripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

describe(".github/workflows/release.yml", () => {
  const workflow = read("release.yml");
  const steps = workflow.jobs.release!.steps;
  const changesets = steps.find((step) => step.uses?.startsWith("changesets/action@"))!;

  it("runs on pushes to main only, one run at a time, never cancelled half-way", () => {
    expect(workflow.on).toEqual({ push: { branches: ["main"] } });
    expect(workflow.concurrency?.["cancel-in-progress"]).toBe(false);
  });

  it("may push the version branch, open its pull request and create releases, and nothing else", () => {
    expect(workflow.permissions).toEqual({ contents: "write", "pull-requests": "write" });
  });

  it("checks out the full history and installs with the frozen lockfile before anything runs", () => {
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@v\d+$/);
    expect(steps[0]!.with?.["fetch-depth"]).toBe(0);
    const install = steps.findIndex((step) => step.run?.includes("pnpm install --frozen-lockfile"));
    expect(install).toBeGreaterThan(0);
    expect(install).toBeLessThan(steps.indexOf(changesets));
  });

  it("lets changesets' action open the version pull request with the root version-packages script", () => {
    expect(changesets.uses).toBe("changesets/action@v1");
    expect(changesets.id).toBe("changesets");
    expect(changesets.with?.version).toBe("pnpm version-packages");
    expect(rootScripts["version-packages"]).toMatch(/^changeset version && skill-bundle stamp-version skill$/);
    expect(changesets.env?.GITHUB_TOKEN).toBe("${{ secrets.GITHUB_TOKEN }}");
    // No publish command: nothing goes to npm, the action only versions.
    expect(changesets.with?.publish).toBeUndefined();
  });

  it("releases only once no changeset is pending, and only a version not released yet", () => {
    const after = steps.slice(steps.indexOf(changesets) + 1);
    const gate = after.find((step) => step.id === "skill")!;
    expect(gate.if).toBe("steps.changesets.outputs.hasChangesets == 'false'");
    expect(gate.run).toContain('gh release view "v${version}"');
    for (const step of after.filter((candidate) => candidate !== gate)) expect(step.if).toBe("steps.skill.outputs.released == 'false'");
  });

  it("builds the bundle, verifies the archive, and attaches the zip, the .skill and the manifest", () => {
    const runs = steps.map((step) => step.run ?? "");
    const build = runs.findIndex((run) => run.trim() === "pnpm bundle");
    const verify = runs.findIndex((run) => run.includes("skill-bundle verify"));
    const release = runs.findIndex((run) => run.includes("gh release create"));
    expect(rootScripts.bundle).toBe("turbo run bundle");
    expect(build).toBeGreaterThan(0);
    expect(verify).toBeGreaterThan(build);
    expect(release).toBeGreaterThan(verify);
    // The names skill-bundle writes: dist/<name>-<version>.{zip,skill,manifest.json} in the skill package
    // (the skill's name is fixed by the design; skill-lint holds SKILL.md's `name` to it).
    const name = "aws-patterns";
    for (const suffix of ["zip", "skill", "manifest.json"]) expect(runs[release]).toContain(`"skill/dist/${name}-\${VERSION}.${suffix}"`);
    expect(steps[release]!.env?.VERSION).toBe("${{ steps.skill.outputs.version }}");
    expect(runs[release]).toContain("skill/CHANGELOG.md");
  });

  it("pins every action to a major version", () => {
    for (const step of steps.filter((candidate) => candidate.uses)) expect(step.uses).toMatch(/@v\d+$/);
  });
});

describe(".github/workflows/verify.yml: a changeset for a change the skill ships", () => {
  const job = read("verify.yml").jobs.changeset!;
  const script = job.steps.map((step) => step.run ?? "").join("\n");

  it("runs on pull requests only, with the history changesets compares against", () => {
    expect(job.if).toBe("github.event_name == 'pull_request'");
    expect(job.steps[0]!.with?.["fetch-depth"]).toBe(0);
  });

  it("asks only when skill/ or examples/ changed, with changesets' own status command", () => {
    expect(script).toContain("git diff --quiet origin/main...HEAD -- skill examples");
    expect(script).toContain("pnpm exec changeset status --since=origin/main");
  });

  it("fails with a message that says what to run", () => {
    expect(script).toMatch(/::error title=Missing changeset::/);
    expect(script).toContain("Run \\`pnpm changeset\\`, select @aws-patterns/skill");
    expect(rootScripts.changeset).toBe("changeset");
  });
});
