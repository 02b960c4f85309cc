/**
 * Grading an answer against its scenario. Deterministic checks first (services named, the example
 * to start from, figures stated, no stale answer); only when they all pass, and the scenario has
 * rubric items they cannot decide, a model grader judges those, answering in JSON.
 */
import type { Scenario } from "../scenarios.js";
import { mentions } from "../triggers.js";
import { callModel, type CallLimits } from "./retry.js";
import { ProviderError, textOf, type ModelProvider, type Usage } from "./types.js";

export interface Grade {
  pass: boolean;
  /** What failed, deterministic checks first. */
  failures: string[];
  /** True when a model grader was asked. */
  modelGraded: boolean;
  graderUsage: Usage;
}

/** `$1,234.50` → `1234.50`; used to compare figures however the answer formats them. */
function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((match) => match[0].replace(/,/g, ""));
}

/** A figure with a number matches that number anywhere (any currency sign, thousands separator or trailing zero). */
export function statesFigure(answer: string, figure: string): boolean {
  const wanted = numbersIn(figure);
  if (wanted.length === 0 || /^\d{4}-\d{2}-\d{2}$/.test(figure.trim()) || /[a-z_]{3,}/i.test(figure.replace(/\b(USD|seconds?|minutes?|GB|MB|TB|percent)\b/gi, ""))) {
    return answer.toLowerCase().includes(figure.toLowerCase());
  }
  const stated = new Set(numbersIn(answer).map((n) => String(Number(n))));
  return wanted.every((n) => stated.has(String(Number(n))));
}

/** The example is named by its folder (`cdk/serverless-api`), with or without `examples/`. */
export function namesExample(answer: string, example: string): boolean {
  const folder = example.replace(/^examples\//, "").replace(/\/$/, "");
  return answer.includes(folder);
}

export function gradeDeterministic(scenario: Scenario, figures: readonly string[], answer: string): string[] {
  const failures: string[] = [];
  for (const service of scenario.answer.services) if (!mentions(answer, service)) failures.push(`does not name ${service}`);
  if (scenario.answer.example && !namesExample(answer, scenario.answer.example)) {
    failures.push(`does not point to the example ${scenario.answer.example}`);
  }
  for (const figure of figures) if (!statesFigure(answer, figure)) failures.push(`does not state ${figure}`);
  for (const stale of scenario.answer.stale) if (answer.toLowerCase().includes(stale.toLowerCase())) failures.push(`gives a stale answer: "${stale}"`);
  return failures;
}

const GRADER_SYSTEM = [
  "You grade an answer to a user's AWS question against rubric items.",
  "For each item decide whether the answer satisfies it. Reply with JSON only, no prose, in exactly this shape:",
  '{"items": [{"pass": true, "reason": "one sentence"}]} with one entry per rubric item, in order.',
].join("\n");

/** Parses the grader's reply; anything but the expected JSON is a malformed response. */
export function parseGraderReply(text: string, count: number): { pass: boolean; reason: string }[] {
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  let parsed: unknown;
  try {
    parsed = json === undefined ? undefined : JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  const items = (parsed as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items) || items.length !== count || !items.every((i) => typeof (i as { pass?: unknown }).pass === "boolean")) {
    throw new ProviderError("malformed", `malformed grader reply (expected {"items": [...]} with ${count} verdicts): ${text.slice(0, 200)}`);
  }
  return items.map((item) => ({ pass: (item as { pass: boolean }).pass, reason: String((item as { reason?: unknown }).reason ?? "") }));
}

export async function gradeAnswer(
  scenario: Scenario,
  figures: readonly string[],
  answer: string,
  grader: ModelProvider | undefined,
  limits: CallLimits,
): Promise<Grade> {
  const noUsage = { input: 0, output: 0 };
  if (answer.trim() === "") return { pass: false, failures: ["no answer"], modelGraded: false, graderUsage: noUsage };
  const failures = gradeDeterministic(scenario, figures, answer);
  if (failures.length > 0 || scenario.answer.rubric.length === 0) return { pass: failures.length === 0, failures, modelGraded: false, graderUsage: noUsage };
  if (!grader) return { pass: true, failures: [], modelGraded: false, graderUsage: noUsage };
  const rubric = scenario.answer.rubric.map((item, index) => `${index + 1}. ${item}`).join("\n");
  const question = `Question:\n${scenario.question}\n\nAnswer:\n${answer}\n\nRubric items:\n${rubric}`;
  try {
    const { response } = await callModel(grader, { system: GRADER_SYSTEM, turns: [{ role: "user", blocks: [{ type: "text", text: question }] }], tools: [], maxTokens: 1024 }, limits);
    const verdicts = parseGraderReply(textOf(response.blocks), scenario.answer.rubric.length);
    const failed = verdicts.flatMap((verdict, index) => (verdict.pass ? [] : [`rubric: ${scenario.answer.rubric[index]} (${verdict.reason})`]));
    return { pass: failed.length === 0, failures: failed, modelGraded: true, graderUsage: response.usage };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { pass: false, failures: [`grader ${error.kind}: ${error.message}`], modelGraded: true, graderUsage: noUsage };
  }
}
