/** Temp folders and a temp copy of the monorepo's skill and examples, removed after each test. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";
import { isExcludedName } from "@aws-patterns/bundle-layout";
import { REPO_ROOT } from "../src/paths.js";

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A copy of skill/ and examples/ in a folder shaped like the monorepo (the layout detects it by
 * skill/package.json beside pnpm-workspace.yaml), without dependencies or build output.
 * Returns the copied skill folder.
 */
export function copySkill(): string {
  const root = tempDir("skill-evals-copy-");
  const filter = (source: string) => !isExcludedName(path.basename(source));
  cpSync(path.join(REPO_ROOT, "skill"), path.join(root, "skill"), { recursive: true, filter });
  cpSync(path.join(REPO_ROOT, "examples"), path.join(root, "examples"), { recursive: true, filter });
  writeFileSync(path.join(root, "pnpm-workspace.yaml"), "packages: [skill]\n");
  return path.join(root, "skill");
}
