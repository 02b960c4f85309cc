/**
 * Trigger cases, offline: an agent picks a skill from its name and description alone, so what can
 * be checked without a model is the description's wording: it names the concepts each
 * should-trigger prompt turns on, and none of the words that mark a near miss (another cloud, a
 * non-AWS host). Whether a model actually activates the skill is measured only by `skill-evals eval`.
 */
import { parse } from "yaml";
import type { BundleReader } from "./bundle.js";
import { UsageError } from "./errors.js";
import type { Located, TriggerCase } from "./scenarios.js";

export interface SkillMetadata {
  readonly name: string;
  readonly description: string;
}

export function readSkillMetadata(skillMd: string): SkillMetadata | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(skillMd);
  if (!match) return undefined;
  try {
    const data = parse(match[1]!) as { name?: unknown; description?: unknown };
    if (typeof data.name !== "string" || typeof data.description !== "string") return undefined;
    return { name: data.name, description: data.description };
  } catch {
    return undefined;
  }
}

export async function loadSkillMetadata(bundle: BundleReader): Promise<SkillMetadata> {
  const text = await bundle.read("SKILL.md");
  const metadata = text === undefined ? undefined : readSkillMetadata(text);
  if (!metadata) throw new UsageError("SKILL.md has no frontmatter with a name and a description");
  return metadata;
}

/** Whole-word, case-insensitive, plural allowed: `AWS` is not inside `laws`; `gateway endpoints` names `gateway endpoint`. */
export function mentions(text: string, concept: string): boolean {
  const escaped = concept.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9])${escaped}(?:e?s)?($|[^A-Za-z0-9])`, "i").test(text);
}

export interface TriggerCheck {
  readonly id: string;
  readonly expect: TriggerCase["expect"];
  readonly pass: boolean;
  readonly reason: string | undefined;
}

export function checkTriggersOffline(metadata: SkillMetadata, cases: readonly Located<TriggerCase>[]): TriggerCheck[] {
  const results: TriggerCheck[] = [];
  if (!/\buse when\b/i.test(metadata.description)) {
    results.push({ id: "(description)", expect: "trigger", pass: false, reason: 'SKILL.md description must say when to use the skill ("Use when ...")' });
  }
  for (const { value, where } of cases) {
    const missing = value.expect === "trigger" ? value.concepts.filter((c) => !mentions(metadata.description, c)) : [];
    const present = value.expect === "no-trigger" ? value.concepts.filter((c) => mentions(metadata.description, c)) : [];
    const reason =
      missing.length > 0
        ? `${where}: trigger ${value.id}: the description does not name ${missing.map((c) => `"${c}"`).join(", ")}, which "${value.prompt}" turns on`
        : present.length > 0
          ? `${where}: near miss ${value.id}: the description names ${present.map((c) => `"${c}"`).join(", ")}, so "${value.prompt}" could activate it`
          : undefined;
    results.push({ id: value.id, expect: value.expect, pass: reason === undefined, reason });
  }
  return results;
}
