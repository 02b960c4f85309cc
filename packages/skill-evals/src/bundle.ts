/**
 * The bundle as an agent sees it: files addressed by bundle path (`references/x.md`), read
 * through @aws-patterns/bundle-layout so the same code works on the monorepo and on an unpacked
 * bundle, and the markdown links an agent would follow from each file.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { bundlePathToFile, detectLayout, listBundleFiles, type SkillLayout } from "@aws-patterns/bundle-layout";
import { TokenCounter } from "@aws-patterns/skill-lint/tokens";

export interface BundleReader {
  readonly layout: SkillLayout;
  /** Text of a bundle file, or undefined when the bundle does not ship it (or it is binary). */
  read(bundlePath: string): Promise<string | undefined>;
  /** Every bundle path the bundle ships (files only). */
  list(): Promise<string[]>;
  /** Tokens an agent pays to read the file, counted as skill-lint counts them. */
  tokens(bundlePath: string): Promise<number>;
  /** Saves new token counts to the cache file, if there is one. */
  flush(): Promise<void>;
}

/**
 * skill-lint budgets SKILL.md's body (frontmatter excluded: it is always in context as the
 * skill's metadata) and each reference whole; other files are read whole too.
 */
export function budgetedText(bundlePath: string, text: string): string {
  if (bundlePath !== "SKILL.md") return text;
  const frontmatter = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?=\r?\n|$)/.exec(text);
  return frontmatter ? text.slice(frontmatter[0].length).replace(/^\r?\n/, "") : text;
}

/**
 * `tokenCache`: a file of counts keyed by the text's hash (skill-lint's cache format), so a run
 * over unchanged files never loads the tokenizer; the count of a changed text is never reused.
 */
export function openBundle(skillDir: string, tokenCache?: string): BundleReader {
  const layout = detectLayout(skillDir);
  const texts = new Map<string, Promise<string | undefined>>();
  const counter = new TokenCounter(tokenCache);
  let listing: Promise<string[]> | undefined;
  const read = (bundlePath: string) => {
    const key = path.posix.normalize(bundlePath);
    let cached = texts.get(key);
    if (!cached) {
      const file = bundlePathToFile(layout, key);
      cached = file
        ? readFile(file, "utf8").then(
            (text) => (text.includes("\u0000") ? undefined : text),
            () => undefined,
          )
        : Promise.resolve(undefined);
      texts.set(key, cached);
    }
    return cached;
  };
  return {
    layout,
    read,
    list() {
      listing ??= listBundleFiles(layout).then((entries) =>
        entries.filter((entry) => entry.symlinkTarget === undefined).map((entry) => entry.bundlePath),
      );
      return listing;
    },
    async tokens(bundlePath: string) {
      const text = await read(bundlePath);
      return text === undefined ? 0 : counter.count(budgetedText(bundlePath, text));
    },
    flush: () => counter.flush(),
  };
}

/** Blanks fenced code blocks (keeping line count) so links inside code are not followed. */
function withoutFencedCode(text: string): string {
  const lines = text.split("\n");
  let fence: string | undefined;
  return lines
    .map((line) => {
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === undefined && marker) {
        fence = marker[0]!.repeat(marker.length);
        return "";
      }
      if (fence !== undefined) {
        if (marker && marker.startsWith(fence)) fence = undefined;
        return "";
      }
      return line.replace(/`[^`\n]*`/g, "");
    })
    .join("\n");
}

/**
 * The bundle paths a markdown file links to: inline `[text](target)` and reference definitions
 * `[label]: target`, relative to the file, anchors dropped. External URLs and paths that leave the
 * bundle are not followed. A folder link keeps its trailing `/` (the agent opens its README.md).
 */
export function linkTargets(fromBundlePath: string, text: string): string[] {
  const body = withoutFencedCode(text);
  const raw: string[] = [];
  for (const match of body.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) raw.push(match[1]!);
  for (const match of body.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) raw.push(match[1]!);
  const base = path.posix.dirname(fromBundlePath);
  const targets = new Set<string>();
  for (const target of raw) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#") || target.startsWith("/")) continue;
    const rawPath = target.split("#")[0]!.split("?")[0]!;
    let withoutAnchor: string;
    try {
      withoutAnchor = decodeURI(rawPath);
    } catch {
      continue; // A malformed %-escape: skill-lint reports the link; the walk cannot follow it.
    }
    if (withoutAnchor === "") continue;
    const joined = path.posix.normalize(path.posix.join(base, withoutAnchor));
    if (joined.startsWith("..") || joined === ".") continue;
    targets.add(withoutAnchor.endsWith("/") && !joined.endsWith("/") ? `${joined}/` : joined);
  }
  return [...targets];
}

/** Case-, whitespace- and emphasis-insensitive form used to look for a needed text. */
export function normaliseForSearch(text: string): string {
  return text.replace(/\*\*|`/g, "").replace(/\s+/g, " ").toLowerCase().trim();
}
