/**
 * What every rule may look at besides its own file: the bundle's files, the other parsed
 * markdown files, the config and the shared snippet checkers. One context per run, so the
 * expensive parts (the TypeScript program, the HCL parser, the tokenizer) are built once.
 */
import type { Root } from "mdast";
import type { VFile } from "vfile";
import type { BundleEntry, SkillLayout } from "@aws-patterns/bundle-layout";
import type { SkillLintConfig } from "./config.js";
import type { FactData } from "./facts/load.js";
import type { TypeScriptSnippets } from "./snippets/typescript.js";
import type { TokenCounter } from "./token-counter.js";

/** Per-file data rules attach to a VFile (`file.data`). */
export interface SkillFileData {
  /** The file's path inside the bundle, for instance `references/security-baseline.md`. */
  bundlePath: string;
  /** Lines and tokens of the budgeted text, set by the budget rule for the report. */
  stats?: { lines: number; tokens: number; budgetLines: number; budgetTokens: number };
  /** Pending rewrites of embedded code blocks, applied by `--fix`. */
  fixes?: EmbedFix[];
  /** Set by fact-tables when a generated table is stale or missing; `--fix` rewrites it. */
  staleFactTables?: boolean;
}

export interface EmbedFix {
  /** 1-based line of the opening fence. */
  openLine: number;
  /** 1-based line of the closing fence (the block's content lies strictly between). */
  closeLine: number;
  /** Indentation of the fence, prefixed to every rewritten line. */
  indent: string;
  content: string;
  /** The opening and closing fence lines to write (without indentation), long enough for the content. */
  openFence: string;
  closeFence: string;
}

/** Result of probing an external URL: an HTTP status, or a short network error text. */
export type UrlProbe = (url: string) => Promise<number | string>;

export interface LintContext {
  readonly layout: SkillLayout;
  readonly config: SkillLintConfig;
  /** The name the frontmatter must carry (the skill's folder name in the bundle). */
  readonly skillName: string;
  readonly fix: boolean;
  readonly checkExternalLinks: boolean;
  readonly probeUrl: UrlProbe;
  /** Every file the bundle would ship, by bundle path. */
  readonly bundleFiles: ReadonlyMap<string, BundleEntry>;
  /** Bundle folders (derived from bundleFiles), so links to folders resolve. */
  readonly bundleFolders: ReadonlySet<string>;
  /** The linted markdown files (SKILL.md and references), parsed. */
  readonly markdown: ReadonlyMap<string, { tree: Root; file: VFile }>;
  /** Anchors (heading slugs, HTML ids) of a markdown file in the bundle (parsed on demand for files not linted). */
  headingSlugs(bundlePath: string): Promise<Set<string> | undefined>;
  /** Text of a file in the bundle, or undefined when it is missing or unreadable. */
  readBundleText(bundlePath: string): Promise<string | undefined>;
  readonly typescript: TypeScriptSnippets;
  readonly tokens: TokenCounter;
  /** skill/data, loaded once per run (records, worked costs, and the problems found in them). */
  readonly facts: FactData;
}

export function fileData(file: VFile): SkillFileData {
  return file.data as unknown as SkillFileData;
}
