/** The layout table on its own: bundle path ↔ repository path, exclusions, the file listing. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bundlePathToFile, detectLayout, fileToBundlePath, isExcludedName, isRunOnly, listBundleFiles } from "../src/index.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function tempTree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "bundle-layout-"));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(root, ...name.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}

describe("bundle layout", () => {
  const repo = { mode: "repo" as const, skillDir: "/r/skill", root: "/r" };
  const bundle = { mode: "bundle" as const, skillDir: "/b/aws-patterns", root: "/b/aws-patterns" };

  it("maps bundle paths to repository paths through the table", () => {
    expect(bundlePathToFile(repo, "SKILL.md")).toBe(path.join("/r", "skill", "SKILL.md"));
    expect(bundlePathToFile(repo, "references/a.md")).toBe(path.join("/r", "skill", "references", "a.md"));
    expect(bundlePathToFile(repo, "examples/cdk/x/lib/stack.ts")).toBe(path.join("/r", "examples", "cdk", "x", "lib", "stack.ts"));
    expect(bundlePathToFile(repo, "scripts/bin/cost-estimate.mjs")).toBe(path.join("/r", "scripts", "bin", "cost-estimate.mjs"));
    expect(bundlePathToFile(bundle, "examples/cdk/x/README.md")).toBe(path.join("/b", "aws-patterns", "examples", "cdk", "x", "README.md"));
  });

  it("maps nothing outside the table, excluded names or paths leaving the bundle", () => {
    expect(bundlePathToFile(repo, "data/prices.json")).toBeUndefined();
    expect(bundlePathToFile(repo, "package.json")).toBeUndefined();
    expect(bundlePathToFile(repo, "examples/cdk/x/node_modules/a.js")).toBeUndefined();
    expect(bundlePathToFile(repo, "examples/cdk/x/cdk.out/t.json")).toBeUndefined();
    expect(bundlePathToFile(repo, "../etc/passwd")).toBeUndefined();
    expect(isExcludedName("tsconfig.tsbuildinfo")).toBe(true);
    expect(isExcludedName("main.tf")).toBe(false);
  });

  it("maps files back to bundle paths", () => {
    expect(fileToBundlePath(repo, "/r/skill/references/a.md")).toBe("references/a.md");
    expect(fileToBundlePath(repo, "/r/examples/cdk/x/package.json")).toBe("examples/cdk/x/package.json");
    expect(fileToBundlePath(repo, "/r/skill/package.json")).toBeUndefined();
    expect(fileToBundlePath(repo, "/r/packages/skill-lint/src/cli.ts")).toBeUndefined();
    expect(fileToBundlePath(bundle, "/b/aws-patterns/SKILL.md")).toBe("SKILL.md");
    expect(fileToBundlePath(bundle, "/b/elsewhere.md")).toBeUndefined();
  });

  it("detects the repository layout and lists only shipped files", async () => {
    const root = await tempTree({
      "pnpm-workspace.yaml": "packages: [skill]\n",
      "skill/package.json": "{}\n",
      "skill/SKILL.md": "# S\n",
      "skill/data/x.json": "{}\n",
      "examples/demo/main.tf": "\n",
      "examples/demo/node_modules/dep/index.js": "\n",
      "examples/demo/.terraform/state": "\n",
      "scripts/bin/run.mjs": "\n",
    });
    const layout = detectLayout(path.join(root, "skill"));
    expect(layout.mode).toBe("repo");
    expect((await listBundleFiles(layout)).map((entry) => entry.bundlePath)).toEqual(["examples/demo/main.tf", "scripts/bin/run.mjs", "SKILL.md"]);
    expect(detectLayout(path.join(root, "examples")).mode).toBe("bundle");
  });
});

describe("the scripts package", () => {
  const scriptsPackage = {
    "scripts/README.md": "# Scripts\n",
    "scripts/bin/cost-estimate.mjs": "\n",
    "scripts/bin/cost-estimate.mjs.LEGAL.txt": "\n",
    "scripts/bin/hcl2json.wasm.gz": "\n",
    "scripts/iam/audit-policy.json": "{}\n",
    "scripts/src/cost-estimate/cli.ts": "\n",
    "scripts/test/cost.test.ts": "\n",
    "scripts/fixtures/cost/plan.json": "{}\n",
    "scripts/package.json": "{}\n",
    "scripts/build.mjs": "\n",
    "scripts/entries.json": "{}\n",
    "scripts/tsconfig.json": "{}\n",
    "scripts/vitest.config.ts": "\n",
  };
  const shipped = [
    "scripts/bin/cost-estimate.mjs",
    "scripts/bin/cost-estimate.mjs.LEGAL.txt",
    "scripts/bin/hcl2json.wasm.gz",
    "scripts/iam/audit-policy.json",
    "scripts/README.md",
  ];

  it("ships its README, bin/ and iam/ only: no source, tests, fixtures, manifest or build config", async () => {
    const root = await tempTree({ "pnpm-workspace.yaml": "packages: [skill]\n", "skill/package.json": "{}\n", "skill/SKILL.md": "# S\n", ...scriptsPackage });
    const layout = detectLayout(path.join(root, "skill"));
    expect((await listBundleFiles(layout)).map((entry) => entry.bundlePath).filter((file) => file.startsWith("scripts/"))).toEqual(shipped);
    expect(bundlePathToFile(layout, "scripts/src/cost-estimate/cli.ts")).toBeUndefined();
    expect(bundlePathToFile(layout, "scripts/package.json")).toBeUndefined();
    expect(bundlePathToFile(layout, "scripts/bin")).toBe(path.join(root, "scripts", "bin"));
    expect(fileToBundlePath(layout, path.join(root, "scripts", "test", "cost.test.ts"))).toBeUndefined();
    expect(isRunOnly("scripts/bin/cost-estimate.mjs")).toBe(true);
    expect(isRunOnly("scripts/README.md")).toBe(false);
  });

  it("lists the same files in an unpacked bundle that carries more", async () => {
    const root = await tempTree({ "SKILL.md": "# S\n", ...scriptsPackage });
    const entries = await listBundleFiles(detectLayout(root));
    expect(entries.map((entry) => entry.bundlePath).filter((file) => file.startsWith("scripts/"))).toEqual(shipped);
  });
});

describe("symbolic links", () => {
  it("are listed, not followed, with their target or why they do not resolve", async () => {
    const root = await tempTree({ "SKILL.md": "# S\n", "references/real.md": "# R\n" });
    await symlink("real.md", path.join(root, "references", "good.md"));
    await symlink("nowhere.md", path.join(root, "references", "dangling.md"));
    await symlink("loop.md", path.join(root, "references", "loop.md"));
    const entries = await listBundleFiles(detectLayout(root));
    const links = entries.filter((entry) => entry.symlinkTarget !== undefined).map((entry) => [entry.bundlePath, entry.symlinkTarget === null ? entry.symlinkError : "resolves"]);
    expect(links).toEqual([
      ["references/dangling.md", "ENOENT"],
      ["references/good.md", "resolves"],
      ["references/loop.md", "ELOOP"],
    ]);
  });
});
