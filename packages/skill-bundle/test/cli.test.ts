// The CLI as a user runs it: help, usage errors, install and verify exit codes, and the permission
// problems (an unreadable file, a read-only target) with a message and no stack trace. The built
// bin is spawned where the process itself is what is checked (exit status 0, 1 and 2 reaching the
// shell, stdout and stderr wiring, running without root's permission overrides); everything else
// calls the same main in this process, with the same working folder, HOME and output.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli.js";
import { folderState, GOOD_FILES, goodZip, rawZip, removeTemps, tempDir, writeFiles, writeRelease } from "./release-fixtures.js";

const BIN = fileURLToPath(new URL("../bin/skill-bundle.js", import.meta.url));
afterEach(removeTemps);

// Root ignores file modes: as root, run the CLI without the capabilities that override them.
const isRoot = process.getuid?.() === 0;
const DROP_OVERRIDES = ["--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search"];
const setpriv = (() => {
  try {
    return execFileSync("sh", ["-c", "command -v setpriv"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
const canDropOverrides = !isRoot || (setpriv !== undefined && spawnSync(setpriv, [...DROP_OVERRIDES, "true"], { timeout: 10_000 }).status === 0);

function run(args: string[], cwd = tempDir(), unprivileged = false) {
  const [command, prefix] = unprivileged && isRoot ? [setpriv!, [...DROP_OVERRIDES, process.execPath, BIN]] : [process.execPath, [BIN]];
  const result = spawnSync(command, [...prefix, ...args], { cwd, encoding: "utf8", timeout: 120_000, env: { ...process.env, HOME: cwd } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** main() as the bin runs it, in this process: cwd and HOME as given, console output captured. */
async function call(args: string[], cwd = tempDir()) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void stdout.push(`${format(...parts)}\n`));
  const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void stderr.push(`${format(...parts)}\n`));
  const [cwdBefore, homeBefore] = [process.cwd(), process.env.HOME];
  process.chdir(cwd);
  process.env.HOME = cwd;
  try {
    const code = await main(args);
    return { code, stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    process.chdir(cwdBefore);
    if (homeBefore === undefined) delete process.env.HOME;
    else process.env.HOME = homeBefore;
    log.mockRestore();
    error.mockRestore();
  }
}

type Way = "spawn" | "in-process";
const runBy = (way: Way, args: string[]) => (way === "spawn" ? Promise.resolve(run(args)) : call(args));

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);

describe("help and usage", () => {
  it.each([
    [["--help"], "spawn"],
    [["install", "--help"], "in-process"],
    [["verify", "-h"], "in-process"],
    [["stamp-version", "--help"], "in-process"],
  ] as [string[], Way][])("%j prints the usage and exits 0 (%s)", async (args, way) => {
    const result = await runBy(way, args);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("skill-bundle install [--target claude-user|claude-project|agents|<dir>]");
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'", "spawn"],
    [["install", "--target"], "Option '--target <value>' argument missing", "in-process"],
    [["install", "extra"], "unexpected argument extra; pass the archive with --from", "in-process"],
    [["install", "--from", "nowhere.zip"], "--from nowhere.zip: no such file or folder", "in-process"],
    [["verify"], "give one installed skill folder or archive to verify", "in-process"],
    [["missing-folder"], "missing-folder: no such folder; pass the monorepo's skill/ folder", "in-process"],
    [["."], ".: not the monorepo's skill folder", "in-process"],
    [["--max-archive-bytes", "lots"], "--max-archive-bytes must be a positive whole number, not lots", "in-process"],
  ] as [string[], string, Way][])("%j is a usage error (exit 2): %s (%s)", async (args, message, way) => {
    const result = await runBy(way, args);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("run `skill-bundle --help` for usage");
    expect(result.code).toBe(2);
    noStackTrace(result.stderr);
  });
});

describe("install and verify", () => {
  it("installs from a folder holding one archive, verifies, then names every changed, missing and extra file (exit 1)", async () => {
    const release = writeRelease(goodZip(), GOOD_FILES);
    const project = tempDir();
    const installed = await call(["install", "--target", "claude-project", "--from", release.dir], project);
    expect(installed.stdout).toBe(`installed aws-patterns 1.0.0 in ${join(project, ".claude/skills/aws-patterns")} (3 files)\n`);
    expect(installed.code).toBe(0);
    const skill = join(project, ".claude/skills/aws-patterns");
    expect(await call(["verify", skill], project)).toMatchObject({ code: 0, stdout: `${skill}: all 3 files match the manifest of aws-patterns 1.0.0\n` });

    writeFiles(skill, { "SKILL.md": "edited\n", "references/new.md": "# New\n" });
    chmodSync(join(skill, "scripts/bin/run.mjs"), 0o755);
    rmSync(join(skill, "references/compute.md"));
    symlinkSync("/etc/hostname", join(skill, "references/link.md"));
    // Spawned: exit status 1 and the report on stdout, as a shell sees them.
    const result = run(["verify", skill], project);
    expect(result.stdout).toBe(
      "changed  SKILL.md\nmissing  references/compute.md\nextra    references/new.md\nnot a file  references/link.md (a symbolic link or other special file)\n" +
        `${skill}: 4 difference(s) from the manifest of aws-patterns 1.0.0\n`,
    );
    expect(result.code).toBe(1);
  });

  it("verifies a downloaded archive, and says when the archive is not the manifest's", async () => {
    const release = writeRelease(goodZip(), GOOD_FILES);
    expect((await call(["verify", release.zip])).code).toBe(0);
    writeFileSync(release.zip, goodZip({ ...GOOD_FILES, "references/compute.md": "# Altered\n" }));
    const result = await call(["verify", release.zip]);
    expect(result.stdout).toMatch(/^changed {2}\(the archive itself: its SHA-256 is not the manifest's [0-9a-f]{64}\)\nchanged {2}references\/compute\.md\n/);
    expect(result.code).toBe(1);
  });

  it("a folder with no manifest, or an unreadable archive, is an input error (exit 2)", async () => {
    const folder = tempDir();
    const noManifest = await call(["verify", folder]);
    expect(noManifest.stderr).toContain(`${join(folder, ".skill-manifest.json")}: no manifest`);
    expect(noManifest.code).toBe(2);
    const release = writeRelease(Buffer.from("not a zip"));
    const corrupt = await call(["verify", release.zip]);
    expect(corrupt.stderr).toContain("is not a readable zip archive");
    expect(corrupt.code).toBe(2);
    noStackTrace(corrupt.stderr);
  });

  it("refuses a zip bomb at the default bounds, leaving the install as it was (exit 2)", async () => {
    const project = tempDir();
    expect((await call(["install", "--target", "agents", "--from", writeRelease(goodZip(), GOOD_FILES).zip], project)).code).toBe(0);
    const before = folderState(join(project, ".agents"));
    const bomb = writeRelease(rawZip([{ name: "aws-patterns/SKILL.md", data: new Uint8Array(65 * 1024 * 1024) }]));
    const result = await call(["install", "--target", "agents", "--from", bomb.zip], project);
    expect(result.stderr).toMatch(/expands to 68157440 bytes; at most 67108864 are accepted \(a zip bomb, or not a skill archive\)/);
    expect(result.code).toBe(2);
    expect(folderState(join(project, ".agents"))).toEqual(before);
  });
});

describe.skipIf(!canDropOverrides)("permissions (as a user file modes apply to)", () => {
  it("a read-only target: a clear error, the existing install untouched", async () => {
    const skills = join(tempDir(), "skills");
    mkdirSync(skills);
    expect((await call(["install", "--target", skills, "--from", writeRelease(goodZip(), GOOD_FILES).zip])).code).toBe(0);
    const before = folderState(skills);
    chmodSync(skills, 0o555);
    const newer = { ...GOOD_FILES, "references/compute.md": "# Compute, newer\n" };
    const result = run(["install", "--target", skills, "--from", writeRelease(goodZip(newer), newer).zip], tempDir(), true);
    chmodSync(skills, 0o755);
    expect(result.stderr).toBe(`skill-bundle install: ${skills}: cannot write there (EACCES: it is read-only for you); choose another --target or change its permissions. Nothing was changed.\n`);
    expect(result.code).toBe(2);
    expect(folderState(skills)).toEqual(before);
  });

  it("an unreadable file in the skill: file and reason, no stack trace, no bundle", () => {
    const root = tempDir();
    writeFiles(root, {
      "pnpm-workspace.yaml": "packages: [skill]\n",
      "skill/package.json": JSON.stringify({ name: "@aws-patterns/skill", version: "1.0.0" }),
      "skill/SKILL.md": GOOD_FILES["SKILL.md"]!,
      "skill/references/locked.md": "# Locked\n",
    });
    chmodSync(join(root, "skill/references/locked.md"), 0o000);
    const result = run(["skill", "--out", "out"], root, true);
    chmodSync(join(root, "skill/references/locked.md"), 0o644);
    expect(result.stderr).toBe("skill/references/locked.md  error  cannot be read (EACCES); check its permissions or remove it\nskill-bundle: 1 problem(s); no bundle written\n");
    expect(result.code).toBe(1);
  });
});

describe.skipIf(canDropOverrides)("permissions", () => {
  it("need setpriv allowed to drop root's permission overrides; not available here, so they were skipped", () => {
    expect(canDropOverrides).toBe(false);
  });
});

describe("stamp-version", () => {
  it("writes skill/package.json's version into SKILL.md's metadata.version, touching nothing else", async () => {
    const skill = tempDir();
    writeFiles(skill, { "package.json": JSON.stringify({ version: "1.1.0" }), "SKILL.md": GOOD_FILES["SKILL.md"]! });
    const result = await call(["stamp-version", skill]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(skill, "SKILL.md"), "utf8")).toBe(GOOD_FILES["SKILL.md"]!.replace('version: "1.0.0"', 'version: "1.1.0"'));
    expect((await call(["stamp-version", skill])).stdout).toContain("metadata.version already 1.1.0");
  });
});
