// install and verify through the API: the good path, then each bad input a download can be, each
// leaving the previous install exactly as it was.
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InstallError, installSkill, resolveSkillsFolder } from "../src/install.js";
import { INSTALLED_MANIFEST } from "../src/manifest.js";
import { verifySkill } from "../src/verify.js";
import { folderState, GOOD_FILES, goodZip, lieAboutSizes, manifestFor, rawZip, removeTemps, tempDir, writeRelease } from "./release-fixtures.js";

afterEach(removeTemps);

async function installError(promise: Promise<unknown>): Promise<InstallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof InstallError)) throw new Error(`expected an InstallError, got ${String(error)}`);
  return error;
}

describe("install", () => {
  it("unpacks into <skills folder>/<name>/ with the manifest it came with, and verify finds it whole", async () => {
    const release = writeRelease(goodZip(), GOOD_FILES);
    const skills = join(tempDir(), ".claude", "skills");
    const result = await installSkill({ archive: release.zip, skillsFolder: skills });
    expect(result.installedAt).toBe(join(skills, "aws-patterns"));
    expect(readFileSync(join(skills, "aws-patterns", "references", "compute.md"), "utf8")).toBe("# Compute\n");
    expect(existsSync(join(skills, "aws-patterns", INSTALLED_MANIFEST))).toBe(true);
    expect(readdirSync(skills)).toEqual(["aws-patterns"]);
    const report = await verifySkill(join(skills, "aws-patterns"));
    expect(report.found).toEqual({ changed: [], missing: [], extra: [], notFiles: [] });
  });

  it("knows the folders agents scan", () => {
    expect(resolveSkillsFolder("claude-user", "/work", "/home/me")).toBe("/home/me/.claude/skills");
    expect(resolveSkillsFolder("claude-project", "/work", "/home/me")).toBe("/work/.claude/skills");
    expect(resolveSkillsFolder("agents", "/work", "/home/me")).toBe("/work/.agents/skills");
    expect(resolveSkillsFolder("custom/skills", "/work", "/home/me")).toBe("/work/custom/skills");
  });

  it("replaces an unchanged install, refuses one changed by hand, and replaces that only with force", async () => {
    const skills = join(tempDir(), "skills");
    await installSkill({ archive: writeRelease(goodZip(), GOOD_FILES).zip, skillsFolder: skills });
    const newer = { ...GOOD_FILES, "references/compute.md": "# Compute, newer\n" };
    await installSkill({ archive: writeRelease(goodZip(newer), newer).zip, skillsFolder: skills });
    expect(readFileSync(join(skills, "aws-patterns/references/compute.md"), "utf8")).toBe("# Compute, newer\n");

    writeFileSync(join(skills, "aws-patterns/SKILL.md"), "my edits\n");
    writeFileSync(join(skills, "aws-patterns/notes.md"), "mine\n");
    rmSync(join(skills, "aws-patterns/scripts/bin/run.mjs"));
    const before = folderState(join(skills, "aws-patterns"));
    const refused = await installError(installSkill({ archive: writeRelease(goodZip(), GOOD_FILES).zip, skillsFolder: skills }));
    expect(refused.exitCode).toBe(1);
    expect(refused.message).toContain("files were changed by hand since aws-patterns 1.0.0 was installed:\n  changed  SKILL.md\n  missing  scripts/bin/run.mjs\n  extra    notes.md\n");
    expect(refused.message).toContain("pass --force");
    expect(folderState(join(skills, "aws-patterns"))).toEqual(before);

    await installSkill({ archive: writeRelease(goodZip(), GOOD_FILES).zip, skillsFolder: skills, force: true });
    expect((await verifySkill(join(skills, "aws-patterns"))).found.changed).toEqual([]);
    expect(existsSync(join(skills, "aws-patterns/notes.md"))).toBe(false);
    expect(readdirSync(skills)).toEqual(["aws-patterns"]);
  });

  it("refuses to replace a folder it did not install, unless forced", async () => {
    const skills = tempDir();
    const own = join(skills, "aws-patterns");
    await installSkill({ archive: writeRelease(goodZip(), GOOD_FILES).zip, skillsFolder: skills });
    rmSync(join(own, INSTALLED_MANIFEST));
    const refused = await installError(installSkill({ archive: writeRelease(goodZip(), GOOD_FILES).zip, skillsFolder: skills }));
    expect(refused.message).toMatch(/aws-patterns: exists but was not installed by skill-bundle \(no \.skill-manifest\.json\); move it away or pass --force/);
  });
});

describe("bad input leaves the previous install untouched", () => {
  let skills: string;
  let before: Record<string, string>;
  beforeEach(async () => {
    skills = join(tempDir(), "skills");
    await installSkill({ archive: writeRelease(goodZip(), GOOD_FILES).zip, skillsFolder: skills });
    before = folderState(skills);
  });
  afterEach(() => {
    // Nothing half-written beside it either: no staging folder stays.
    expect(folderState(skills)).toEqual(before);
  });

  const attempt = (zip: Uint8Array, manifest?: unknown, limits?: { maxExpandedBytes: number; maxEntries: number }) => {
    const release = writeRelease(zip, {}, manifest ?? manifestFor(zip, {}));
    return installError(installSkill({ archive: release.zip, skillsFolder: skills, limits }));
  };

  it("a corrupt archive", async () => {
    const error = await attempt(Buffer.from("this is not a zip at all, just text that ends here"));
    expect(error.message).toMatch(/aws-patterns-1\.0\.0\.zip: is not a readable zip archive \(.*\); it may be truncated or corrupt: download it again/);
    expect(error.exitCode).toBe(2);
  });

  it("a truncated archive", async () => {
    const zip = goodZip();
    expect((await attempt(zip.subarray(0, Math.floor(zip.length / 2)))).message).toMatch(/is not a readable zip archive .*truncated or corrupt/);
  });

  it("entries that climb out with ../ or are absolute paths, all named", async () => {
    const error = await attempt(
      rawZip([{ name: "aws-patterns/SKILL.md" }, { name: "aws-patterns/../../.bashrc" }, { name: "/etc/cron.d/x" }, { name: "aws-patterns\\..\\evil" }]),
    );
    expect(error.message).toContain('entry "aws-patterns/../../.bashrc" climbs out of the folder with `..`');
    expect(error.message).toContain('entry "/etc/cron.d/x" is an absolute path');
    expect(error.message).toContain('entry "aws-patterns\\\\..\\\\evil" uses a backslash');
    expect(error.message).toContain("Nothing was installed.");
  });

  it("a symbolic link", async () => {
    const error = await attempt(rawZip([{ name: "aws-patterns/SKILL.md" }, { name: "aws-patterns/references/x.md", data: "/etc/passwd", mode: 0o120777 }]));
    expect(error.message).toContain('entry "aws-patterns/references/x.md" is a symbolic link; a skill archive holds plain files only');
  });

  it("a zip bomb that declares its size", async () => {
    const error = await attempt(rawZip([{ name: "aws-patterns/SKILL.md", data: new Uint8Array(5000) }]), undefined, { maxExpandedBytes: 1000, maxEntries: 10 });
    expect(error.message).toContain("expands to 5000 bytes; at most 1000 are accepted (a zip bomb, or not a skill archive)");
  });

  it("a zip bomb that lies about its size", async () => {
    const zip = lieAboutSizes(rawZip([{ name: "aws-patterns/SKILL.md", data: new Uint8Array(5000) }]), 10);
    const error = await attempt(zip, undefined, { maxExpandedBytes: 1000, maxEntries: 10 });
    expect(error.message).toContain("aws-patterns-1.0.0.zip: an entry expands to more bytes than it declares (a zip bomb, or a damaged archive)");
  });

  it("too many entries", async () => {
    const entries = Array.from({ length: 12 }, (_, index) => ({ name: `aws-patterns/f${index}.md` }));
    expect((await attempt(rawZip(entries), undefined, { maxExpandedBytes: 1000, maxEntries: 10 })).message).toContain("has 12 entries; at most 10 are accepted");
  });

  it("a missing manifest", async () => {
    const release = writeRelease(goodZip(), GOOD_FILES);
    rmSync(release.manifest);
    const error = await installError(installSkill({ archive: release.zip, skillsFolder: skills }));
    expect(error.message).toBe(`${release.manifest}: no manifest; download it with the archive (each release has both) or pass --manifest <file>`);
  });

  it("a manifest that is not one", async () => {
    const zip = goodZip();
    const error = await attempt(zip, { name: "aws-patterns", files: "all of them" });
    expect(error.message).toMatch(/not a skill-bundle manifest: `version` is missing; `files` is not a list/);
  });

  it("a tampered manifest: a file's hash changed", async () => {
    const zip = goodZip();
    const manifest = manifestFor(zip, GOOD_FILES);
    manifest.files[0]!.sha256 = "f".repeat(64);
    const error = await attempt(zip, manifest);
    expect(error.message).toMatch(/manifest\.json: does not match the archive's files:\n {2}changed {2}SKILL\.md\nDownload both again\./);
  });

  it("an archive that is not the one its manifest records", async () => {
    const manifest = manifestFor(goodZip(), GOOD_FILES);
    const other = goodZip({ ...GOOD_FILES, "references/compute.md": "# Altered\n" });
    expect((await attempt(other, manifest)).message).toMatch(/its SHA-256 is not the one .*manifest\.json records; the archive or the manifest was damaged or altered/);
  });

  it("an archive whose files are not in one skill folder", async () => {
    const error = await attempt(rawZip([{ name: "aws-patterns/SKILL.md" }, { name: "other/SKILL.md" }, { name: "loose.md" }]));
    expect(error.message).toContain('entry "loose.md" is outside the skill\'s folder');
    expect(error.message).toContain("has 3 top-level entries (aws-patterns, loose.md, other)");
  });

  it("a link planted where the install goes is replaced, never followed", async () => {
    const outside = tempDir();
    rmSync(join(skills, "aws-patterns"), { recursive: true });
    symlinkSync(outside, join(skills, "aws-patterns"));
    before = folderState(skills);
    const error = await installError(installSkill({ archive: writeRelease(goodZip(), GOOD_FILES).zip, skillsFolder: skills }));
    expect(error.message).toMatch(/was not installed by skill-bundle/);
    expect(readdirSync(outside)).toEqual([]);
  });
});
