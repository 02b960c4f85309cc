import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readReadmeCommands } from "../src/readme-commands.js";
import { findRepoRoot } from "../src/workspace.js";

const root = findRepoRoot(__dirname);
interface Step { uses?: string; run?: string; with?: Record<string, unknown> }
const workflow = parse(readFileSync(join(root, ".github/workflows/verify.yml"), "utf8")) as {
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: { node: string[] } } }>;
};

describe(".github/workflows/verify.yml", () => {
  it("runs the README's two commands, verbatim, in the verify job", () => {
    const commands = readReadmeCommands(readFileSync(join(root, "README.md"), "utf8"));
    const runs = workflow.jobs.verify!.steps.map((step) => step.run?.trim()).filter(Boolean);
    expect(runs.slice(-2)).toEqual(commands);
  });

  it("caches the pnpm store and turbo's cache", () => {
    const cached = workflow.jobs.verify!.steps.filter((step) => step.uses?.startsWith("actions/cache@")).map((step) => String(step.with?.path));
    expect(cached).toContain(".turbo/cache");
    expect(cached.some((path) => path.includes("pnpm-store"))).toBe(true);
  });

  it("tests every Node major that package.json's engines allows", () => {
    const { engines } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { engines: { node: string } };
    for (const major of workflow.jobs.verify!.strategy!.matrix.node) expect(engines.node).toContain(`^${major}.`.replace("^24.", ">=24."));
  });

  it("runs terraform fmt -check and validate with the official setup action", () => {
    const steps = workflow.jobs.terraform!.steps;
    expect(steps.some((step) => step.uses?.startsWith("hashicorp/setup-terraform@"))).toBe(true);
    const script = steps.map((step) => step.run ?? "").join("\n");
    expect(script).toContain("terraform fmt -check");
    expect(script).toMatch(/init -backend=false/);
    expect(script).toMatch(/validate/);
  });
});
