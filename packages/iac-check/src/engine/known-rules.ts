// The rule ids an acknowledgement may name, read from the installed cdk-nag packs (so the list
// follows the cdk-nag version) plus iac-check's own pack. An acknowledgement of an id nobody
// reports (a typo, a rule that was renamed, a cfn-lint id) silences nothing: it gets a warning.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { IAC_CHECK_RULE_IDS } from "./iac-check-pack-ids.js";

let known: { ids: Set<string>; packs: string[] } | undefined;

/** Pack names and rule ids, from each pack's `this.applyRule({...})` calls (the suffix, or the rule function's name). */
function knownRules(): { ids: Set<string>; packs: string[] } {
  if (known) return known;
  const ids = new Set(IAC_CHECK_RULE_IDS);
  const packs = ["IacCheck"];
  const packsDir = join(dirname(createRequire(import.meta.url).resolve("cdk-nag")), "packs");
  for (const file of readdirSync(packsDir).filter((f) => f.endsWith(".js"))) {
    const source = readFileSync(join(packsDir, file), "utf8");
    const pack = /packName = '([^']+)'/.exec(source)?.[1];
    if (!pack) continue;
    packs.push(pack);
    for (const call of source.split("this.applyRule(").slice(1)) {
      const body = call.slice(0, call.indexOf("});"));
      const suffix = /ruleSuffixOverride: '([^']+)'/.exec(body)?.[1] ?? /rule: (?:\w+\.)?(\w+)/.exec(body)?.[1];
      if (suffix) ids.add(`${pack}-${suffix}`);
    }
  }
  known = { ids, packs };
  return known;
}

/** The pack names and rule ids as plain data (a program that bundles iac-check computes them at build time). */
export function knownRuleList(): { ids: string[]; packs: string[] } {
  const { ids, packs } = knownRules();
  return { ids: [...ids].sort(), packs: [...packs] };
}

/**
 * Uses `list` (from knownRuleList) instead of reading cdk-nag's pack sources, which a bundled
 * program does not ship: the skill's security-check bundles cdk-nag's code but not its files.
 */
export function presetKnownRules(list: { ids: string[]; packs: string[] }): void {
  known = { ids: new Set(list.ids), packs: [...list.packs] };
}

/**
 * Undefined when `id` names a rule that exists (`AwsSolutions-IAM5[Action::*]` counts as
 * AwsSolutions-IAM5); otherwise what is wrong and the closest id. `onlyNagLike` leaves alone ids
 * that are not written like a pack rule (CDK apps also acknowledge their own annotation warnings).
 */
export function unknownRuleMessage(id: string, onlyNagLike: boolean): string | undefined {
  const { ids, packs } = knownRules();
  const base = id.replace(/\[.*\]$/, "");
  if (ids.has(base)) return undefined;
  const prefix = base.includes("-") ? base.slice(0, base.indexOf("-")) : base;
  const looksLikeNag = packs.some((pack) => distance(pack.toLowerCase(), prefix.toLowerCase()) <= 2);
  if (onlyNagLike && !looksLikeNag) return undefined;
  const closest = [...ids].map((candidate) => ({ candidate, d: distance(candidate.toLowerCase(), base.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
  const hint = closest && closest.d <= Math.max(2, Math.floor(base.length / 4)) ? `; did you mean ${closest.candidate}?` : "";
  const cfnLint = /^[EWIF]\d{4}$/.test(base) ? "; CloudFormation validation findings (E/W/F ids) cannot be acknowledged, only fixed" : "";
  return `the acknowledgement names ${id}, which is not a rule of any cdk-nag pack (${packs.join(", ")}), so it silences nothing${hint}${cfnLint}`;
}

/** Levenshtein distance; ids are short. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
