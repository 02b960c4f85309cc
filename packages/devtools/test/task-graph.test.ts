import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot, listWorkspacePackages } from "../src/workspace.js";

const root = findRepoRoot(__dirname);
const turbo = JSON.parse(readFileSync(join(root, "turbo.json"), "utf8")) as {
  tasks: Record<string, { dependsOn?: string[]; outputs?: string[] }>;
};
const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
const packages = listWorkspacePackages(root);
const GRAPH_TASKS = ["build", "lint", "typecheck", "test", "check", "bundle"];

describe("the turbo task graph", () => {
  it("finds the workspace packages pnpm-workspace.yaml names", () => {
    const names = packages.map((pkg) => pkg.name);
    expect(names).toContain("@aws-patterns/devtools");
    expect(names).toContain("@aws-patterns/skill");
  });

  it("defines every graph task that a package has a script for", () => {
    for (const pkg of packages) {
      for (const script of Object.keys(pkg.scripts).filter((name) => GRAPH_TASKS.includes(name))) {
        expect(turbo.tasks, `${pkg.name} has a "${script}" script`).toHaveProperty(script);
      }
    }
  });

  it("runs every package's tests with the JSON reporter the summary reads", () => {
    for (const pkg of packages.filter((p) => p.scripts.test)) {
      expect(pkg.scripts.test, pkg.name).toContain("--outputFile.json=.vitest-results/results.json");
    }
    expect(turbo.tasks.test?.outputs).toContain(".vitest-results/**");
  });

  it("verify runs the whole graph and test ends with the summary", () => {
    expect(rootManifest.scripts.verify).toMatch(/^turbo run lint typecheck test check bundle\b/);
    expect(rootManifest.scripts.test).toMatch(/^turbo run test\b.*&& test-summary$/);
  });
});
