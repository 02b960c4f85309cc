// Archives and manifests for the install and verify tests: a good release, and the bad inputs a
// download can be (corrupt, truncated, unsafe names, links, bombs, a manifest that lies).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync, type Zippable } from "fflate";
import type { BundleManifest } from "../src/manifest.js";
import { sha256 } from "../src/verify.js";
import { makeReproducibleZip } from "../src/write-zip.js";

export const GOOD_FILES: Record<string, string> = {
  "SKILL.md": "---\nname: aws-patterns\ndescription: Test skill. Use when testing.\nmetadata:\n  version: \"1.0.0\"\n---\n\n# Skill\n\nSee [compute](references/compute.md).\n",
  "references/compute.md": "# Compute\n",
  "scripts/bin/run.mjs": "console.log('ran');\n",
};

const temps: string[] = [];
export function tempDir(prefix = "skill-bundle-release-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A manifest that truly describes `files` (skill-relative paths) inside `zip`. */
export function manifestFor(zip: Uint8Array, files: Record<string, string | Uint8Array>, version = "1.0.0"): BundleManifest {
  const listed = Object.entries(files).map(([path, content]) => {
    const data = typeof content === "string" ? Buffer.from(content) : content;
    return { path, bytes: data.length, sha256: sha256(data), tokens: null };
  });
  const record = (file: string) => ({ file, bytes: zip.length, sha256: sha256(zip) });
  return {
    name: "aws-patterns",
    version,
    files: listed,
    totalBytes: listed.reduce((sum, file) => sum + file.bytes, 0),
    totalTokens: 0,
    readTokens: 0,
    tokenizer: "test",
    zip: record(`aws-patterns-${version}.zip`),
    skill: record(`aws-patterns-${version}.skill`),
  };
}

/** Writes `<dir>/aws-patterns-<version>.zip` and its manifest (the manifest as given, or a true one). */
export function writeRelease(zip: Uint8Array, files: Record<string, string | Uint8Array> = {}, manifest?: unknown): { dir: string; zip: string; manifest: string } {
  const dir = tempDir();
  const zipFile = join(dir, "aws-patterns-1.0.0.zip");
  const manifestFile = join(dir, "aws-patterns-1.0.0.manifest.json");
  writeFileSync(zipFile, zip);
  writeFileSync(manifestFile, JSON.stringify(manifest ?? manifestFor(zip, files)));
  return { dir, zip: zipFile, manifest: manifestFile };
}

export function goodZip(files: Record<string, string> = GOOD_FILES): Uint8Array {
  return makeReproducibleZip(Object.entries(files).map(([path, text]) => ({ path: `aws-patterns/${path}`, data: Buffer.from(text), executable: path.endsWith(".mjs") })));
}

/** A zip with raw entry names and unix modes, as an attacker would make it. */
export function rawZip(entries: { name: string; data?: string | Uint8Array; mode?: number }[]): Uint8Array {
  const zippable: Zippable = {};
  for (const entry of entries) {
    const data = typeof entry.data === "string" || entry.data === undefined ? Buffer.from(entry.data ?? "x") : entry.data;
    zippable[entry.name] = [data, { os: 3, attrs: (entry.mode ?? 0o100644) << 16, level: 9 }];
  }
  return zipSync(zippable);
}

/**
 * Rewrites every entry's declared uncompressed size (local header and central directory) to `size`:
 * a bomb that lies about how far it expands.
 */
export function lieAboutSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = Buffer.from(zip);
  for (let offset = 0; offset + 4 <= out.length; offset++) {
    const signature = out.readUInt32LE(offset);
    if (signature === 0x04034b50) out.writeUInt32LE(size, offset + 22);
    else if (signature === 0x02014b50) out.writeUInt32LE(size, offset + 24);
  }
  return out;
}

/** Every file of a folder, path → content, to show an install was left exactly as it was. */
export function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else state[`${prefix}${name}`] = sha256(readFileSync(full));
    }
  };
  walk(dir, "");
  return state;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, ...path.split("/").slice(0, -1)), { recursive: true });
    writeFileSync(join(dir, ...path.split("/")), text);
  }
}
