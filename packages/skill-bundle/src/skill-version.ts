// The skill's version lives in skill/package.json (changesets bumps it); SKILL.md carries it in
// `metadata.version` (the Agent Skills spec has no version field), in the repository and in the bundle.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { parseDocument } from "yaml";
import { BundleError } from "./bundle-error.js";

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/;

function readText(file: string, what: string): string {
  if (!existsSync(file)) throw new BundleError(file, `no ${what}: run skill-bundle in the skill folder`);
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new BundleError(file, `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check its permissions`);
  }
}

/** The skill's name from SKILL.md's frontmatter; its version from the skill package. */
export function readNameAndVersion(skillDir: string): { name: string; version: string; metadataVersion?: string } {
  const skillMd = join(skillDir, "SKILL.md");
  const frontmatter = FRONTMATTER.exec(readText(skillMd, "SKILL.md"));
  const document = frontmatter ? parseDocument(frontmatter[1]!) : undefined;
  const data = (document && document.errors.length === 0 ? (document.toJS() as Record<string, unknown> | null) : null) ?? {};
  if (typeof data.name !== "string") throw new BundleError(skillMd, "frontmatter has no `name`: run skill-lint for details");
  const manifestPath = join(skillDir, "package.json");
  let version: unknown;
  try {
    ({ version } = JSON.parse(readText(manifestPath, "package.json")) as { version?: unknown });
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(manifestPath, `is not valid JSON (${(error as Error).message})`);
  }
  if (typeof version !== "string" || version === "") throw new BundleError(manifestPath, "no `version`: the bundle is named after it");
  const metadata = data.metadata as Record<string, unknown> | undefined;
  const metadataVersion = metadata?.version === undefined ? undefined : String(metadata.version);
  if (metadataVersion !== undefined && metadataVersion !== version) {
    throw new BundleError(
      skillMd,
      `metadata.version is ${metadataVersion} but skill/package.json says ${version}: run \`pnpm version-packages\` (or \`skill-bundle stamp-version\`) to make them equal`,
    );
  }
  return { name: data.name, version, metadataVersion };
}

/** SKILL.md's text with `metadata.version` set to `version` (added when absent; the rest of the file as it was). */
export function withMetadataVersion(text: string, version: string): string {
  const match = FRONTMATTER.exec(text);
  if (!match) return text;
  const yamlText = match[1]!;
  // The usual shape, `metadata:` then an indented `version:` line: replace the value in place.
  const inPlace = /^(metadata:[ \t]*\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+version:[ \t]*)(?:"[^"\n]*"|'[^'\n]*'|[^\s#][^\n#]*?)?([ \t]*(?:#.*)?)$/m;
  let updated: string;
  if (inPlace.test(yamlText)) {
    updated = yamlText.replace(inPlace, (_all, head: string, tail: string) => `${head}"${version}"${tail}`);
  } else {
    const document = parseDocument(yamlText);
    document.setIn(["metadata", "version"], version);
    updated = document.toString({ lineWidth: 0 }).replace(/\n$/, "");
  }
  return text.slice(0, match.index) + `---\n${updated}\n---${match[2]}` + text.slice(match.index + match[0].length);
}

/** `skill-bundle stamp-version`: writes skill/package.json's version into SKILL.md (after `changeset version`). */
export function stampVersion(skillDir: string): { file: string; version: string; changed: boolean } {
  const skillMd = join(skillDir, "SKILL.md");
  const manifestPath = join(skillDir, "package.json");
  const { version } = JSON.parse(readText(manifestPath, "package.json")) as { version?: string };
  if (!version) throw new BundleError(manifestPath, "no `version` to stamp");
  const text = readText(skillMd, "SKILL.md");
  if (!FRONTMATTER.test(text)) throw new BundleError(skillMd, "no frontmatter to carry metadata.version");
  const updated = withMetadataVersion(text, version);
  if (updated !== text) writeFileAtomic.sync(skillMd, updated);
  return { file: skillMd, version, changed: updated !== text };
}
