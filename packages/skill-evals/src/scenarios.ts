/**
 * The eval set: scenarios (a user's question, what a right answer contains, which bundle files
 * carry it) and trigger cases (prompts that should or should not activate the skill). Each YAML
 * file in scenarios/ holds `scenarios:` and/or `triggers:` lists; a zod schema validates them and
 * every problem is reported with its file and line, never as a stack trace.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from "yaml";
import { z } from "zod";

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const bundlePath = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith("/") && !value.startsWith("..") && !value.includes("\\"), {
    message: "must be a bundle path relative to the skill root, with forward slashes (references/x.md)",
  });

/** A fact the answer needs and the bundle file that carries it. */
export const carrierSchema = z.strictObject({
  file: bundlePath,
  text: z.string().min(3).describe("Text that must appear in the file (case and whitespace insensitive, ** and ` ignored)"),
});

/** A worked cost from skill/data/costs whose total the answer must state. */
export const costNeedSchema = z.strictObject({
  id: z.string().regex(KEBAB, "must be a cost record id from skill/data/costs (kebab-case)"),
  file: bundlePath.describe("The bundle file whose worked-cost table shows the total"),
});

export const scenarioSchema = z.strictObject({
  id: z.string().regex(KEBAB, "must be kebab-case"),
  question: z.string().min(10),
  answer: z.strictObject({
    /** Services (or tools) a right answer chooses; each must appear in it. */
    services: z.array(z.string().min(2)).default([]),
    /** The example folder to start from, as a bundle path ending in `/`. */
    example: bundlePath.refine((value) => value.startsWith("examples/") && value.endsWith("/"), {
      message: "must be an example folder such as examples/cdk/serverless-api/",
    }).optional(),
    /** Figures (numbers with units) the answer must state, besides worked-cost totals. */
    figures: z.array(z.string().min(1)).default([]),
    /** Worked costs whose total (computed from skill/data) the answer must state. */
    costs: z.array(costNeedSchema).default([]),
    /** Stale answers that must not appear (a closed service, an old version). */
    stale: z.array(z.string().min(2)).default([]),
    /** What only a model grader can decide; asked only when the deterministic checks pass. */
    rubric: z.array(z.string().min(5)).default([]),
  }),
  /** Which bundle files carry the facts the answer needs. */
  carriers: z.array(carrierSchema).min(1),
  /** Tokens the agent may read to reach everything it needs (SKILL.md body counts). */
  budget: z.number().int().positive(),
  /** Bundled scripts the agent may run for this scenario (documentation; not needed offline). */
  scripts: z.array(z.string().min(3)).default([]),
});

export const triggerSchema = z.strictObject({
  id: z.string().regex(KEBAB, "must be kebab-case"),
  prompt: z.string().min(5),
  expect: z.enum(["trigger", "no-trigger"]),
  /**
   * trigger: concepts the description must name for this prompt to match it (each one, case
   * insensitive). no-trigger: words of the near miss the description must not contain.
   */
  concepts: z.array(z.string().min(2)).min(1),
  why: z.string().min(5),
});

export const evalFileSchema = z.strictObject({
  scenarios: z.array(scenarioSchema).default([]),
  triggers: z.array(triggerSchema).default([]),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type TriggerCase = z.infer<typeof triggerSchema>;

export interface Located<T> {
  readonly value: T;
  /** scenarios/<file>.yaml:<line> */
  readonly where: string;
}

export interface EvalSet {
  readonly scenarios: Located<Scenario>[];
  readonly triggers: Located<TriggerCase>[];
}

export class EvalSetError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/** The line a YAML path points at, or the nearest parent that exists. */
function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, jsonPath: PropertyKey[]): number {
  let node: YamlNode | null | undefined = doc.contents as YamlNode | null;
  let offset = node?.range?.[0] ?? 0;
  for (const key of jsonPath) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key] as YamlNode | null;
      if (!node) break;
      offset = node.range?.[0] ?? offset;
    } else break;
  }
  return counter.linePos(offset).line;
}

/** Parses one file's text; `name` is how messages name it (scenarios/x.yaml). */
export function parseEvalFile(name: string, text: string): { set: EvalSet; problems: string[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const problems = doc.errors.map((error) => {
    const line = error.linePos?.[0]?.line ?? 1;
    return `${name}:${line}: not valid YAML: ${error.message.split("\n")[0]}`;
  });
  if (problems.length > 0) return { set: { scenarios: [], triggers: [] }, problems };
  const parsed = evalFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.map(String).join(".");
      problems.push(`${name}:${lineOf(doc, counter, issue.path)}: ${where || "file"}: ${issue.message}`);
    }
    return { set: { scenarios: [], triggers: [] }, problems };
  }
  const at = (list: "scenarios" | "triggers", index: number) => `${name}:${lineOf(doc, counter, [list, index])}`;
  return {
    set: {
      scenarios: parsed.data.scenarios.map((value, index) => ({ value, where: at("scenarios", index) })),
      triggers: parsed.data.triggers.map((value, index) => ({ value, where: at("triggers", index) })),
    },
    problems,
  };
}

/** Loads every *.yaml in the folder; throws EvalSetError listing every problem (ids must be unique). */
export async function loadEvalSet(dir: string): Promise<EvalSet> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".yaml")).sort();
  } catch {
    throw new EvalSetError([`${dir}: no scenarios folder (expected YAML files of scenarios and triggers)`]);
  }
  const scenarios: Located<Scenario>[] = [];
  const triggers: Located<TriggerCase>[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const label = `${path.basename(dir)}/${name}`;
    const result = parseEvalFile(label, await readFile(path.join(dir, name), "utf8"));
    problems.push(...result.problems);
    scenarios.push(...result.set.scenarios);
    triggers.push(...result.set.triggers);
  }
  for (const list of [scenarios, triggers] as Located<{ id: string }>[][]) {
    const seen = new Map<string, string>();
    for (const item of list) {
      const first = seen.get(item.value.id);
      if (first) problems.push(`${item.where}: id \`${item.value.id}\` is already used at ${first}`);
      else seen.set(item.value.id, item.where);
    }
  }
  if (problems.length > 0) throw new EvalSetError(problems);
  return { scenarios, triggers };
}
