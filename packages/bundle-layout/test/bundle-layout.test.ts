/** The layout table on its own: bundle path ↔ repository path, exclusions, the file listing. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bundlePathToFile, detectLayout, fileToBundlePath, isExcludedName, listBundleFiles } from "../src/index.js";

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
    expect(bundlePathToFile(repo, "scripts/cost-estimate.sh")).toBe(path.join("/r", "scripts", "cost-estimate.sh"));
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
      "scripts/run.sh": "\n",
    });
    const layout = detectLayout(path.join(root, "skill"));
    expect(layout.mode).toBe("repo");
    expect((await listBundleFiles(layout)).map((entry) => entry.bundlePath)).toEqual(["examples/demo/main.tf", "scripts/run.sh", "SKILL.md"]);
    expect(detectLayout(path.join(root, "examples")).mode).toBe("bundle");
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
