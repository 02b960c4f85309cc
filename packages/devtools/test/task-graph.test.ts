import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { findRepoRoot, listWorkspacePackages } from "../src/workspace.js";

const root = findRepoRoot(__dirname);
const turbo = JSON.parse(readFileSync(join(root, "turbo.json"), "utf8")) as {
  tasks: Record<string, { dependsOn?: string[]; outputs?: string[]; passThroughEnv?: string[] }>;
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
    // iac-check-share: every check task of the run shares one engine host and one TypeScript compiler.
    expect(rootManifest.scripts.verify).toMatch(/^iac-check-share -- turbo run lint typecheck test check bundle\b/);
    // The socket's path changes from run to run: it must reach the check tasks without entering their hash.
    expect(turbo.tasks.check?.passThroughEnv).toContain("IAC_CHECK_SHARED_ENGINE");
    expect(rootManifest.scripts.test).toMatch(/^turbo run test\b.*&& test-summary$/);
  });

  it("a test that reads the cloud assembly an example's check wrote depends on that check, which keeps the assembly as an output", () => {
    const ASSEMBLY_OUTPUT = "cdk.out/iac-check-assembly/**";
    const cdkExamples = packages.filter((p) => p.dir.includes(join("examples", "cdk")));
    expect(cdkExamples.length).toBeGreaterThan(0);
    for (const example of cdkExamples) expect(packageTasks(example.dir).check?.outputs, example.name).toContain(ASSEMBLY_OUTPUT);
    // cost-readmes prices every CDK example from its assembly; pattern-parity compares two of them.
    const checksOf = (name: string) => (packageTasks(packages.find((p) => p.name === name)!.dir).test?.dependsOn ?? []).filter((d) => d.endsWith("#check"));
    expect(checksOf("@aws-patterns/scripts").sort()).toEqual(cdkExamples.map((e) => `${e.name}#check`).sort());
    expect(checksOf("@aws-patterns/devtools").sort()).toEqual(["@aws-patterns/example-cdk-ecs-fargate#check", "@aws-patterns/example-cdk-serverless-api#check"]);
    // A package's own test.dependsOn replaces the root's: it must still build first.
    for (const name of ["@aws-patterns/scripts", "@aws-patterns/devtools"]) {
      expect(packageTasks(packages.find((p) => p.name === name)!.dir).test?.dependsOn, name).toEqual(expect.arrayContaining(turbo.tasks.test!.dependsOn!));
    }
    // Every such edge names a package with a check script.
    for (const pkg of packages) {
      for (const dependency of Object.values(packageTasks(pkg.dir)).flatMap((t) => t.dependsOn ?? []).filter((d) => d.endsWith("#check"))) {
        expect(packages.find((p) => `${p.name}#check` === dependency)?.scripts.check, `${pkg.name} depends on ${dependency}`).toBeDefined();
      }
    }
  });

  // turbo hashes every task's inputs when the run starts, before any task writes: a task whose
  // inputs take in what another task writes (its outputs, its logs, its test results) hashes
  // differently on the next run and misses the cache. What another task builds reaches a task
  // through dependsOn (the dependency's hash is part of its own), never through its inputs.
  it("a task reading another package's folder leaves out everything that package's tasks write", () => {
    const rootTasks = turbo.tasks as Record<string, { outputs?: string[] }>;
    const written = (pkg: (typeof packages)[number]): string[] => {
      const own = existsSync(join(pkg.dir, "turbo.json")) ? (JSON.parse(readFileSync(join(pkg.dir, "turbo.json"), "utf8")) as { tasks: Record<string, { outputs?: string[] }> }).tasks : {};
      const outputs = Object.keys(pkg.scripts)
        .filter((task) => GRAPH_TASKS.includes(task))
        .flatMap((task) => own[task]?.outputs ?? rootTasks[task]?.outputs ?? []);
      return [...outputs, ".turbo/**", "node_modules/**"];
    };
    for (const reader of packages.filter((pkg) => existsSync(join(pkg.dir, "turbo.json")))) {
      const config = JSON.parse(readFileSync(join(reader.dir, "turbo.json"), "utf8")) as { tasks: Record<string, { inputs?: string[] }> };
      for (const [task, { inputs = [] }] of Object.entries(config.tasks)) {
        const excluded = inputs.filter((g) => g.startsWith("!$TURBO_ROOT$/")).map((g) => picomatch(g.slice("!$TURBO_ROOT$/".length), { dot: true }));
        for (const glob of inputs.filter((g) => g.startsWith("$TURBO_ROOT$/"))) {
          const reads = picomatch(glob.slice("$TURBO_ROOT$/".length), { dot: true });
          for (const pkg of packages.filter((p) => p !== reader)) {
            const folder = relative(root, pkg.dir);
            for (const output of written(pkg)) {
              // A file the output glob names, e.g. scripts/bin/x/y.mjs for bin/**.
              const sample = `${folder}/${output.replace(/\*\*/g, "x/y").replace(/\*/g, "x")}`;
              if (!reads(sample)) continue;
              expect(excluded.some((isExcluded) => isExcluded(sample)), `${relative(root, reader.dir)}/turbo.json ${task}: ${glob} reads ${sample}, which ${pkg.name}'s tasks write`).toBe(true);
            }
          }
        }
      }
    }
  });
});

/** The tasks a package's own turbo.json configures (none without one). */
function packageTasks(dir: string): Record<string, { dependsOn?: string[]; outputs?: string[] }> {
  const file = join(dir, "turbo.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { tasks: Record<string, { dependsOn?: string[]; outputs?: string[] }> }).tasks : {};
}
