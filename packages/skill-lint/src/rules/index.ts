/** Every skill-lint rule, by id, and the remark-lint style rules we adopt as one group. */
import type { Plugin } from "unified";
import type { Root } from "mdast";
import remarkPresetLintRecommended from "remark-preset-lint-recommended";
import remarkPresetLintConsistent from "remark-preset-lint-consistent";
import remarkLintFencedCodeFlag from "remark-lint-fenced-code-flag";
import remarkLintHeadingIncrement from "remark-lint-heading-increment";
import remarkLintNoDuplicateHeadings from "remark-lint-no-duplicate-headings";
import remarkLintNoMultipleToplevelHeadings from "remark-lint-no-multiple-toplevel-headings";
import remarkLintTableCellPadding from "remark-lint-table-cell-padding";
import remarkLintTablePipes from "remark-lint-table-pipes";
import type { LintContext } from "../context.js";
import type { DataRule } from "../facts/messages.js";
import budget from "./budget.js";
import dataRecords from "./data-records.js";
import dataSnippets from "./data-snippets.js";
import embeddedCode from "./embedded-code.js";
import externalLinks from "./external-links.js";
import factFreshness from "./fact-freshness.js";
import factNumbers from "./fact-numbers.js";
import factTables from "./fact-tables.js";
import fileFormat from "./file-format.js";
import frontmatter from "./frontmatter.js";
import hclSnippets from "./hcl-snippets.js";
import referenceToc from "./reference-toc.js";
import referencesLinked from "./references-linked.js";
import relativeLinks from "./relative-links.js";
import packageScripts from "./package-scripts.js";
import scriptPaths from "./script-paths.js";
import typescriptSnippets from "./typescript-snippets.js";

type SkillRule = (config?: [level: "error", option: LintContext]) => unknown;

/** Our rules; the id is the file name in src/rules/ and the `rule-id` in every message. */
export const SKILL_RULES: ReadonlyMap<string, SkillRule> = new Map<string, SkillRule>([
  ["file-format", fileFormat as SkillRule],
  ["frontmatter", frontmatter as SkillRule],
  ["budget", budget as SkillRule],
  ["relative-links", relativeLinks as SkillRule],
  ["script-paths", scriptPaths as SkillRule],
  ["package-scripts", packageScripts as SkillRule],
  ["external-links", externalLinks as SkillRule],
  ["references-linked", referencesLinked as SkillRule],
  ["reference-toc", referenceToc as SkillRule],
  ["embedded-code", embeddedCode as SkillRule],
  ["typescript-snippets", typescriptSnippets as SkillRule],
  ["hcl-snippets", hclSnippets as SkillRule],
  ["data-snippets", dataSnippets as SkillRule],
  ["fact-tables", factTables as SkillRule],
  ["fact-numbers", factNumbers as SkillRule],
]);

/**
 * The rules run on the other markdown files the bundle ships (example and script READMEs): what a
 * reader of the installed skill follows (links, anchors, embedded code, code fences that parse) and
 * their budgets. Frontmatter, references and facts rules are about SKILL.md and references only.
 */
export const DOC_RULE_IDS: ReadonlySet<string> = new Set([
  "file-format",
  "budget",
  "relative-links",
  "script-paths",
  "package-scripts",
  "external-links",
  "embedded-code",
  "hcl-snippets",
  "data-snippets",
]);

/** Of remark-lint's style rules, shipped docs get only the one that makes every fence name its language. */
export const DOC_STYLE_PLUGINS: readonly Plugin<[], Root>[] = [remarkLintFencedCodeFlag as unknown as Plugin<[], Root>];

/** Rules over skill/data itself (not a markdown file): run once per lint, messages on the data files. */
export const DATA_RULES: ReadonlyMap<string, DataRule> = new Map<string, DataRule>([
  ["data-records", dataRecords],
  ["fact-freshness", factFreshness],
]);

/** Severity of a rule when the config does not set one (every other rule: error). */
export const DEFAULT_SEVERITY: Readonly<Record<string, "warn">> = { "fact-freshness": "warn" };

/**
 * Rules checked before markdown is parsed (the file cannot be read, or is a symbolic link
 * leaving the skill); they have fixtures but no module, since no tree exists to lint.
 */
export const LOAD_RULES = ["file-readable", "bundle-symlink"] as const;

/** The group id under which remark-lint's own rules are selected. */
export const STYLE_GROUP = "style";

/**
 * remark-lint's recommended and consistent presets (list indentation, markers, emphasis …),
 * the fenced-code language flag, and the rules that keep tables and headings tidy.
 */
export const STYLE_PLUGINS: readonly (Plugin<[], Root> | [Plugin<[unknown], Root>, unknown])[] = [
  remarkPresetLintRecommended as unknown as Plugin<[], Root>,
  remarkPresetLintConsistent as unknown as Plugin<[], Root>,
  remarkLintFencedCodeFlag as unknown as Plugin<[], Root>,
  remarkLintHeadingIncrement as unknown as Plugin<[], Root>,
  remarkLintNoDuplicateHeadings as unknown as Plugin<[], Root>,
  remarkLintNoMultipleToplevelHeadings as unknown as Plugin<[], Root>,
  [remarkLintTableCellPadding as unknown as Plugin<[unknown], Root>, "padded"],
  remarkLintTablePipes as unknown as Plugin<[], Root>,
];

export const ALL_RULE_IDS: readonly string[] = [...LOAD_RULES, ...SKILL_RULES.keys(), ...DATA_RULES.keys(), STYLE_GROUP];

/** Ids of the remark-lint rules in STYLE_PLUGINS (`heading-increment` …), valid `severity` keys. */
export const STYLE_RULE_IDS: readonly string[] = [...new Set(STYLE_PLUGINS.flatMap(styleRuleIds))];

/** A plugin's rule id (unified-lint-rule names the function `remark-lint:<id>`), or a preset's. */
function styleRuleIds(plugin: unknown): string[] {
  if (Array.isArray(plugin)) return styleRuleIds(plugin[0]);
  if (typeof plugin === "function") return plugin.name.startsWith("remark-lint:") ? [plugin.name.slice("remark-lint:".length)] : [];
  const preset = plugin as { plugins?: unknown[] } | null;
  return preset?.plugins ? preset.plugins.flatMap(styleRuleIds) : [];
}
