// The output folder may hold anything (`--out ~/Downloads`): only files this tool wrote are ever
// removed. A file is ours when a manifest of this skill in the folder names it and its bytes match
// the manifest's hash; then the older version's zip, .skill and manifest go, nothing else.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { BundleManifest } from "./manifest.js";
import { sha256 } from "./verify.js";

export function removeOwnOlderOutputs(outDir: string, name: string, currentBase: string): string[] {
  const removed: string[] = [];
  for (const file of readdirSync(outDir)) {
    if (!file.endsWith(".manifest.json") || file === `${currentBase}.manifest.json`) continue;
    let manifest: Partial<BundleManifest>;
    try {
      manifest = JSON.parse(readFileSync(join(outDir, file), "utf8")) as Partial<BundleManifest>;
    } catch {
      continue;
    }
    const base = `${manifest.name}-${manifest.version}`;
    if (manifest.name !== name || file !== `${base}.manifest.json` || typeof manifest.zip?.sha256 !== "string") continue;
    const archives = [manifest.zip.file, manifest.skill?.file].filter((archive): archive is string => typeof archive === "string");
    // Our archive names only, and only with the bytes the manifest recorded: a user's file of the same name stays.
    const ours = archives.filter(
      (archive) => (archive === `${base}.zip` || archive === `${base}.skill`) && existsSync(join(outDir, archive)) && sha256(readFileSync(join(outDir, archive))) === manifest.zip!.sha256,
    );
    for (const archive of [...ours, file]) {
      rmSync(join(outDir, archive), { force: true });
      removed.push(archive);
    }
  }
  return removed;
}
