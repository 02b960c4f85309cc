// The repository's real skill, as a consumer gets it: bundle it, install the archive into a temporary
// .claude/skills/, lint the installed folder (every link resolves inside it, the name matches the
// folder), verify it against its manifest, and run each built script from there.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
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

let manifest: BundleManifest;
let installed: string;
beforeAll(async () => {
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

  it("runs each built script from the installed folder (--help exits 0)", () => {
    const entries = Object.keys(JSON.parse(readFileSync(join(REPO, "scripts", "entries.json"), "utf8")) as Record<string, string>);
    for (const name of entries) {
      const result = spawnSync(process.execPath, [join(installed, "scripts", "bin", `${name}.mjs`), "--help"], { cwd: installed, encoding: "utf8", timeout: 60_000 });
      expect({ name, status: result.status, stderr: result.stderr }).toEqual({ name, status: 0, stderr: "" });
      expect(result.stdout.length).toBeGreaterThan(0);
    }
  });
});
