import { existsSync, readFileSync } from "node:fs";
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

  // A task that reads another package's whole folder must not read what that package's own tasks
  // write there (turbo's logs, test results): a later run would see a changed input and miss the
  // cache. A warm verify is a full hit only if this holds.
  it("a task reading another package's folder leaves out the folders its tasks write", () => {
    const packageTurbos = packages.map((pkg) => join(pkg.dir, "turbo.json")).filter((file) => existsSync(file));
    for (const file of packageTurbos) {
      const config = JSON.parse(readFileSync(file, "utf8")) as { tasks: Record<string, { inputs?: string[] }> };
      for (const [task, { inputs = [] }] of Object.entries(config.tasks)) {
        for (const glob of inputs.filter((g) => /^\$TURBO_ROOT\$\/[^!*]+\/\*\*$/.test(g))) {
          const folder = glob.slice(0, -"/**".length);
          const onDisk = join(root, folder.slice("$TURBO_ROOT$/".length));
          // Only folders that hold packages get those folders written into them.
          if (!packages.some((pkg) => pkg.dir === onDisk || pkg.dir.startsWith(`${onDisk}/`))) continue;
          for (const written of ["node_modules", ".turbo", ".vitest-results"]) {
            expect(inputs, `${file} ${task}: ${glob} without !${folder}/**/${written}/**`).toSatisfy((all: string[]) => all.includes(`!${folder}/**/${written}/**`) || all.includes(`!${folder}/${written}/**`));
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
