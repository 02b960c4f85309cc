/**
 * skill-lint.config.json: the budgets and settings, validated with zod so a typo in the config
 * is a message with the key's path rather than a silently ignored budget.
 */
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { SkillLayout } from "@aws-patterns/bundle-layout";

export const CONFIG_FILE_NAME = "skill-lint.config.json";

const budgetSchema = z.strictObject({
  lines: z.int().positive().describe("Most lines allowed"),
  tokens: z.int().positive().describe("Most o200k_base tokens allowed"),
});
export type Budget = z.infer<typeof budgetSchema>;

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  skillName: z
    .string()
    .optional()
    .describe("The skill's folder name in the bundle; defaults to the skill folder's own name."),
  budgets: z
    .strictObject({
      skillBody: budgetSchema.default({ lines: 500, tokens: 5000 }),
      referenceDefault: budgetSchema.default({ lines: 400, tokens: 6000 }),
      references: z
        .record(z.string().regex(/^references\/.+\.md$/, "keys are bundle paths like references/x.md"), budgetSchema)
        .default({}),
      // Every other markdown file the bundle ships (example and script READMEs).
      docDefault: budgetSchema.default({ lines: 400, tokens: 6000 }),
      docs: z
        .record(
          z.string().regex(/^(?!SKILL\.md$)(?!references\/).+\.md$/, "keys are bundle paths of shipped markdown outside references/, like examples/cdk/x/README.md"),
          budgetSchema,
        )
        .default({}),
    })
    .default({
      skillBody: { lines: 500, tokens: 5000 },
      referenceDefault: { lines: 400, tokens: 6000 },
      references: {},
      docDefault: { lines: 400, tokens: 6000 },
      docs: {},
    }),
  maxFileBytes: z.int().positive().default(1024 * 1024),
  tocMinLines: z.int().positive().default(100),
  factMaxAgeDays: z.int().positive().default(180).describe("Records in skill/data checked longer ago than this are warnings."),
  severity: z.record(z.string(), z.enum(["error", "warn", "off"])).default({}),
});
export type SkillLintConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses config text; errors name the file and each bad key. */
export function parseConfig(text: string, file: string): SkillLintConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new ConfigError(`${file}: invalid config\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

/**
 * The config is looked up at the monorepo root (repo layout) or beside the unpacked bundle's
 * folder; without one, the defaults (the Agent Skills recommendations) apply.
 */
export async function loadConfig(layout: SkillLayout, explicit?: string): Promise<{ config: SkillLintConfig; file?: string }> {
  const candidates = explicit
    ? [path.resolve(explicit)]
    : [path.join(layout.root, CONFIG_FILE_NAME), path.join(path.dirname(layout.skillDir), CONFIG_FILE_NAME)];
  for (const candidate of candidates) {
    if (explicit || existsSync(candidate)) {
      let text: string;
      try {
        text = await readFile(candidate, "utf8");
      } catch (error) {
        throw new ConfigError(`${candidate}: cannot read config (${(error as NodeJS.ErrnoException).code ?? "error"})`);
      }
      return { config: parseConfig(text, candidate), file: candidate };
    }
  }
  return { config: configSchema.parse({}) };
}

/**
 * What the schema cannot know: `severity` keys must be rule ids (a typo would silently keep a
 * rule on) and `budgets.references` keys must name references the bundle has (a typo would
 * silently apply the default budget). Throws one ConfigError listing every bad key.
 */
export function checkConfigNames(
  config: SkillLintConfig,
  file: string,
  known: { ruleIds: readonly string[]; references: readonly string[]; docs?: readonly string[] },
): void {
  const problems: string[] = [];
  for (const key of Object.keys(config.severity)) {
    if (known.ruleIds.includes(key)) continue;
    problems.push(`severity.${key}: not a rule id${didYouMean(key, known.ruleIds)}`);
  }
  for (const key of Object.keys(config.budgets.references)) {
    if (known.references.includes(key)) continue;
    problems.push(`budgets.references.${key}: no such reference in the skill${didYouMean(key, known.references)}`);
  }
  for (const key of Object.keys(config.budgets.docs)) {
    if (!known.docs || known.docs.includes(key)) continue;
    problems.push(`budgets.docs.${key}: no such markdown file in the bundle${didYouMean(key, known.docs)}`);
  }
  if (problems.length > 0) throw new ConfigError(`${file}: invalid config\n  ${problems.join("\n  ")}`);
}

/** `; did you mean \`x\`?` for the closest candidate within a few edits, else nothing. */
function didYouMean(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best === undefined ? "" : `; did you mean \`${best}\`?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** SKILL.md and references are the skill's own text; every other shipped markdown file is a doc. */
export function isSkillMarkdown(bundlePath: string): boolean {
  return bundlePath === "SKILL.md" || (bundlePath.startsWith("references/") && bundlePath.endsWith(".md"));
}

/** The budget of one markdown file, by bundle path. */
export function budgetFor(config: SkillLintConfig, bundlePath: string): Budget {
  if (bundlePath === "SKILL.md") return config.budgets.skillBody;
  if (!isSkillMarkdown(bundlePath)) return config.budgets.docs[bundlePath] ?? config.budgets.docDefault;
  return config.budgets.references[bundlePath] ?? config.budgets.referenceDefault;
}
