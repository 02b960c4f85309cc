/**
 * One lint run over a skill folder: list the bundle, read the markdown, parse everything, then
 * run the rules with a shared context; with `fix`, rewrite drifted embeds and lint again.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkLint from "remark-lint";
import type { Root } from "mdast";
import type { VFile } from "vfile";
import { detectLayout, listBundleFiles, type BundleEntry, type SkillLayout } from "@aws-patterns/bundle-layout";
import { checkConfigNames, isSkillMarkdown, loadConfig, type SkillLintConfig } from "./config.js";
import { fileData, type LintContext, type UrlProbe } from "./context.js";
import { applyFixes } from "./fix.js";
import { fixFactTables } from "./facts/fix-tables.js";
import { isoDay, loadFactData, type FactData } from "./facts/load.js";
import { checkSize, checkSymlink, loadMessage, newFile, readMarkdown } from "./load.js";
import { pageAnchors } from "./anchors.js";
import { markdownParser } from "./markdown.js";
import { probeUrl as defaultProbe } from "./probe-url.js";
import {
  ALL_RULE_IDS,
  DATA_RULES,
  DEFAULT_SEVERITY,
  DOC_RULE_IDS,
  DOC_STYLE_PLUGINS,
  SKILL_RULES,
  STYLE_GROUP,
  STYLE_PLUGINS,
  STYLE_RULE_IDS,
} from "./rules/index.js";
import { typescriptBlocks } from "./rules/typescript-snippets.js";
import { DEFAULT_CACHE_DIR, TypeScriptSnippets, typeRoot } from "./snippets/typescript.js";
import { TokenCounter } from "./token-counter.js";

export interface LintOptions {
  skillDir: string;
  fix?: boolean;
  checkExternalLinks?: boolean;
  /** Explicit config file; otherwise looked up next to the skill (see config.ts). */
  configFile?: string;
  /** Only these rule ids (and load checks with these ids); default: all. */
  rules?: readonly string[];
  probeUrl?: UrlProbe;
  /**
   * Folder for the caches of TypeScript results and token counts (keyed by text and tool
   * versions); default `node_modules/.cache/skill-lint` of this package, `false` disables them.
   */
  cacheDir?: string | false;
  /** Today as YYYY-MM-DD, for the age and future-date checks of skill/data; default the UTC date. */
  today?: string;
}

export interface FileStats {
  bundlePath: string;
  lines: number;
  tokens: number;
  budgetLines: number;
  budgetTokens: number;
}

export interface LintResult {
  layout: SkillLayout;
  files: VFile[];
  stats: FileStats[];
  /** Files rewritten by `fix`. */
  fixed: string[];
  /** skill/data as loaded (records, worked costs); for the report's oldest records. */
  facts?: FactData;
}

/** A problem with how skill-lint was called (exit 2), as opposed to a problem in the skill. */
export class UsageError extends Error {}

/** Every markdown file the bundle ships is read: SKILL.md and references fully, other docs with DOC_RULE_IDS. */
const isLintedMarkdown = (bundlePath: string) => bundlePath.endsWith(".md");

export async function lintSkill(options: LintOptions): Promise<LintResult> {
  const skillDir = path.resolve(options.skillDir);
  if (!existsSync(skillDir) || !statSync(skillDir).isDirectory()) {
    throw new UsageError(`${options.skillDir}: no such folder; pass the folder that holds SKILL.md`);
  }
  const layout = detectLayout(skillDir);
  const { config, file: configFile } = await loadConfig(layout, options.configFile);
  if (configFile) {
    const shipped = (await listBundleFiles(layout)).map((entry) => entry.bundlePath);
    const references = shipped.filter((bundlePath) => bundlePath.startsWith("references/"));
    const docs = shipped.filter((bundlePath) => isLintedMarkdown(bundlePath) && !isSkillMarkdown(bundlePath));
    checkConfigNames(config, configFile, { ruleIds: [...ALL_RULE_IDS, ...STYLE_RULE_IDS], references, docs });
  }
  const first = await runOnce(layout, config, options, options.fix === true);
  if (!options.fix) return first;
  const fixed = [...new Set([...(await applyFixes(first.files)), ...(await fixFactTables(first.files, first.facts))])];
  if (fixed.length === 0) return first;
  const second = await runOnce(layout, config, options, false);
  return { ...second, fixed };
}

async function runOnce(layout: SkillLayout, config: SkillLintConfig, options: LintOptions, fix: boolean): Promise<LintResult> {
  const selected = (id: string) => !options.rules || options.rules.includes(id);
  const entries = await listBundleFiles(layout);
  const bundleFiles = new Map<string, BundleEntry>(entries.map((entry) => [entry.bundlePath, entry]));
  const bundleFolders = new Set<string>();
  for (const bundlePath of bundleFiles.keys()) {
    for (let dir = path.posix.dirname(bundlePath); dir !== "."; dir = path.posix.dirname(dir)) bundleFolders.add(dir);
  }

  const problemFiles: VFile[] = [];
  const skipped = new Set<string>();
  for (const entry of entries) {
    const problem = checkSymlink(layout, entry) ?? (await checkSize(entry, config.maxFileBytes));
    if (!problem) continue;
    skipped.add(entry.bundlePath);
    problemFiles.push(problem);
  }
  if (!bundleFiles.has("SKILL.md")) {
    const missing = newFile(path.join(layout.skillDir, "SKILL.md"), "SKILL.md");
    loadMessage(missing, "file-readable", `No SKILL.md in ${layout.skillDir}; a skill starts with SKILL.md`);
    problemFiles.push(missing);
  }

  const parser = markdownParser();
  const markdown = new Map<string, { tree: Root; file: VFile }>();
  for (const entry of entries) {
    if (!isLintedMarkdown(entry.bundlePath) || skipped.has(entry.bundlePath)) continue;
    const outcome = await readMarkdown(entry.file, entry.bundlePath, config.maxFileBytes);
    if (!outcome.ok) {
      problemFiles.push(outcome.file);
      continue;
    }
    markdown.set(entry.bundlePath, { tree: parser.parse(outcome.file), file: outcome.file });
  }

  const facts = await loadFactData(layout.skillDir, options.today ?? isoDay(new Date()));
  const context = createContext(layout, config, options, fix, bundleFiles, bundleFolders, markdown, facts);
  // Register every TypeScript block before any rule runs, so one ts.Program covers them all.
  if (selected("typescript-snippets")) {
    for (const [bundlePath, { tree }] of markdown) {
      if (!isSkillMarkdown(bundlePath)) continue;
      for (const block of typescriptBlocks(tree)) context.typescript.add(block.value, block);
    }
  }
  const style = selected(STYLE_GROUP);
  const processor = buildProcessor(context, selected, style ? STYLE_PLUGINS : []);
  const docProcessor = buildProcessor(context, (id) => selected(id) && DOC_RULE_IDS.has(id), style ? DOC_STYLE_PLUGINS : []);
  for (const [bundlePath, { tree, file }] of markdown) {
    try {
      await (isSkillMarkdown(bundlePath) ? processor : docProcessor).run(tree, file);
    } catch (error) {
      // A plugin outside our rules threw (our rules' errors are caught by unified-lint-rule):
      // report it on the file instead of losing the other files' results.
      const message = file.message(`skill-lint failed on this file: ${(error as Error).message}; please report it`, {
        place: { line: 1, column: 1 },
        ruleId: "internal-error",
        source: "skill-lint",
        cause: error as Error,
      });
      message.fatal = true;
    }
  }
  await context.tokens.flush();
  for (const [id, rule] of DATA_RULES) if (selected(id)) rule(facts, config);

  const files = [
    ...problemFiles.filter((file) => file.messages.some((m) => selected(m.ruleId ?? ""))),
    ...[...markdown.values()].map((m) => m.file),
    ...facts.files.map((data) => data.vfile).filter((file) => file.messages.length > 0),
  ];
  for (const file of files) applySeverity(file, config, selected);
  // SKILL.md first, then the rest by bundle path: the order a reader follows.
  const order = (file: VFile) => {
    const bundlePath = fileData(file).bundlePath;
    return bundlePath === "SKILL.md" ? "" : bundlePath;
  };
  files.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const stats = [...markdown.values()].flatMap(({ file }) => {
    const found = fileData(file).stats;
    return found ? [{ bundlePath: fileData(file).bundlePath, ...found }] : [];
  });
  return { layout, files, stats, fixed: [], facts };
}

function createContext(
  layout: SkillLayout,
  config: SkillLintConfig,
  options: LintOptions,
  fix: boolean,
  bundleFiles: Map<string, BundleEntry>,
  bundleFolders: Set<string>,
  markdown: Map<string, { tree: Root; file: VFile }>,
  facts: FactData,
): LintContext {
  const slugCache = new Map<string, Promise<Set<string> | undefined>>();
  const cacheFile = (name: string) => (options.cacheDir === false ? undefined : path.join(options.cacheDir ?? DEFAULT_CACHE_DIR, name));
  const probes = new Map<string, Promise<number | string>>();
  const probe = options.probeUrl ?? defaultProbe;
  const readBundleText = async (bundlePath: string): Promise<string | undefined> => {
    const entry = bundleFiles.get(bundlePath);
    if (!entry || entry.symlinkTarget === null) return undefined;
    const outcome = await readMarkdown(entry.file, bundlePath, config.maxFileBytes);
    return outcome.ok ? outcome.text : undefined;
  };
  return {
    layout,
    config,
    skillName: config.skillName ?? path.basename(layout.skillDir),
    fix,
    checkExternalLinks: options.checkExternalLinks === true,
    probeUrl: (url) => {
      if (!probes.has(url)) probes.set(url, probe(url));
      return probes.get(url)!;
    },
    bundleFiles,
    bundleFolders,
    markdown,
    headingSlugs(bundlePath) {
      const parsed = markdown.get(bundlePath);
      if (parsed) return Promise.resolve(pageAnchors(parsed.tree));
      if (!slugCache.has(bundlePath)) {
        slugCache.set(
          bundlePath,
          readBundleText(bundlePath).then((text) => (text === undefined ? undefined : pageAnchors(markdownParser().parse(text)))),
        );
      }
      return slugCache.get(bundlePath)!;
    },
    readBundleText,
    typescript: new TypeScriptSnippets(typeRoot(layout.mode === "repo" ? layout.root : undefined), cacheFile("typescript-snippets.json")),
    tokens: new TokenCounter(cacheFile("token-counts.json")),
    facts,
  };
}

function buildProcessor(context: LintContext, selected: (id: string) => boolean, stylePlugins: typeof STYLE_PLUGINS) {
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm).use(remarkLint);
  for (const [id, rule] of SKILL_RULES) {
    if (selected(id)) processor.use(rule as never, ["error", context] as never);
  }
  for (const plugin of stylePlugins) {
    if (Array.isArray(plugin)) processor.use(plugin[0] as never, plugin[1] as never);
    else processor.use(plugin as never);
  }
  return processor;
}

/**
 * Every message is an error unless the config says otherwise (remark-lint's style rules report
 * warnings by default, but the skill must be clean); `off` drops the message.
 */
function applySeverity(file: VFile, config: SkillLintConfig, selected: (id: string) => boolean): void {
  file.messages = file.messages.filter((message) => {
    const id = message.ruleId ?? "";
    const group = message.source === "remark-lint" ? STYLE_GROUP : id;
    if (!selected(group)) return false;
    // A style rule's own id wins over the `style` group's setting.
    const severity = config.severity[id] ?? (group === STYLE_GROUP ? config.severity[STYLE_GROUP] : undefined) ?? DEFAULT_SEVERITY[id] ?? "error";
    if (severity === "off") return false;
    message.fatal = severity === "error";
    return true;
  });
  file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

