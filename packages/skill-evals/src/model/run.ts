/**
 * The model-backed eval: each scenario twice, with the skill installed (its name and description
 * in the system prompt, file tools over the bundle) and without it (no skill, no tools), each
 * answer graded; then the trigger cases against the description. Runs one call at a time, which
 * keeps rate limits and the replayed recordings simple.
 */
import type { BundleReader } from "../bundle.js";
import { UsageError } from "../errors.js";
import type { EvalSet, Located, Scenario, TriggerCase } from "../scenarios.js";
import type { SkillMetadata } from "../triggers.js";
import { runAgent, type AgentRun } from "./agent.js";
import { gradeAnswer, type Grade } from "./grade.js";
import { callModel, type CallLimits } from "./retry.js";
import { bundleTools, TOOL_SPECS } from "./tools.js";
import { addUsage, NO_USAGE, ProviderError, textOf, type ModelProvider, type Usage } from "./types.js";

export interface EvalOptions {
  provider: ModelProvider;
  /** Model grader; the same provider unless told otherwise. */
  grader: ModelProvider | undefined;
  bundle: BundleReader;
  metadata: SkillMetadata;
  set: EvalSet;
  /** Figures each scenario's answer must state (its own and its worked costs' totals), by id. */
  figures: ReadonlyMap<string, string[]>;
  limit: number | undefined;
  tokenBudget: number;
  maxTurns: number;
  maxTokensPerCall: number;
  scriptTimeoutMs: number;
  limits: CallLimits;
  triggers: boolean;
  log?: (line: string) => void;
}

export interface ArmResult {
  pass: boolean;
  failures: string[];
  stop: AgentRun["stop"];
  error?: string;
  usage: Usage;
  turns: number;
  retries: number;
  toolCalls: number;
  modelGraded: boolean;
}

export interface ScenarioResult {
  id: string;
  where: string;
  withSkill: ArmResult;
  withoutSkill: ArmResult;
}

export interface TriggerResult {
  id: string;
  expect: "trigger" | "no-trigger";
  chose: string | null | undefined;
  pass: boolean;
  error?: string;
}

export interface EvalSummary {
  provider: string;
  model: string;
  scenarios: ScenarioResult[];
  triggers: TriggerResult[];
  totals: {
    runs: number;
    withSkill: { passed: number; rate: number; errors: number; usage: Usage };
    withoutSkill: { passed: number; rate: number; errors: number; usage: Usage };
    /** Percentage points, with minus without. */
    difference: number;
    triggers: { passed: number; total: number };
    graderUsage: Usage;
  };
}

const BASE_SYSTEM = "You are a coding agent helping a user. Answer the user's question directly and concretely: name the services you choose, state figures with their units, and say where to start.";

export function systemWithSkill(metadata: SkillMetadata): string {
  return [
    BASE_SYSTEM,
    "",
    "These skills are installed. When one fits the task, read its SKILL.md with read_file first, then open only the files it links to that the task needs. Paths are relative to the skill folder.",
    `- ${metadata.name} (SKILL.md): ${metadata.description}`,
  ].join("\n");
}

async function runArm(options: EvalOptions, scenario: Scenario, withSkill: boolean): Promise<{ arm: ArmResult; graderUsage: Usage }> {
  const run = await runAgent({
    provider: options.provider,
    system: withSkill ? systemWithSkill(options.metadata) : BASE_SYSTEM,
    question: scenario.question,
    tools: withSkill ? TOOL_SPECS : [],
    runner: withSkill ? bundleTools(options.bundle, options.scriptTimeoutMs) : undefined,
    tokenBudget: options.tokenBudget,
    maxTurns: options.maxTurns,
    maxTokensPerCall: options.maxTokensPerCall,
    limits: options.limits,
  });
  let grade: Grade;
  if (run.stop === "answer") {
    grade = await gradeAnswer(scenario, options.figures.get(scenario.id) ?? [], run.answer, options.grader, options.limits);
  } else {
    grade = { pass: false, failures: [run.error ?? run.stop], modelGraded: false, graderUsage: NO_USAGE };
  }
  const arm: ArmResult = {
    pass: grade.pass,
    failures: grade.failures,
    stop: run.stop,
    ...(run.error ? { error: run.error } : {}),
    usage: run.usage,
    turns: run.turns,
    retries: run.retries,
    toolCalls: run.toolCalls.length,
    modelGraded: grade.modelGraded,
  };
  return { arm, graderUsage: grade.graderUsage };
}

const TRIGGER_SYSTEM = [
  "You route a user's message to at most one installed skill, judging only by each skill's description.",
  'Reply with JSON only: {"skill": "<name>"} to load a skill, or {"skill": null} when none fits.',
].join("\n");

async function runTrigger(options: EvalOptions, located: Located<TriggerCase>): Promise<{ result: TriggerResult; usage: Usage }> {
  const { value } = located;
  const prompt = `Installed skills:\n- ${options.metadata.name}: ${options.metadata.description}\n\nUser message:\n${value.prompt}`;
  try {
    const { response } = await callModel(options.provider, { system: TRIGGER_SYSTEM, turns: [{ role: "user", blocks: [{ type: "text", text: prompt }] }], tools: [], maxTokens: 100 }, options.limits);
    const json = /\{[\s\S]*\}/.exec(textOf(response.blocks))?.[0];
    let chose: unknown;
    try {
      chose = json === undefined ? undefined : (JSON.parse(json) as { skill?: unknown }).skill;
    } catch {
      chose = undefined;
    }
    if (chose !== null && typeof chose !== "string") {
      return { result: { id: value.id, expect: value.expect, chose: undefined, pass: false, error: `malformed reply: ${textOf(response.blocks).slice(0, 120)}` }, usage: response.usage };
    }
    const triggered = chose === options.metadata.name;
    return { result: { id: value.id, expect: value.expect, chose, pass: triggered === (value.expect === "trigger") }, usage: response.usage };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { result: { id: value.id, expect: value.expect, chose: undefined, pass: false, error: `${error.kind}: ${error.message}` }, usage: NO_USAGE };
  }
}

/** A refused key or an unknown model fails every run the same way: stop at the first with a message. */
function stopOnConfigurationError<T extends { arm: ArmResult }>(result: T): T {
  const error = result.arm.error;
  if (error?.startsWith("auth:") || error?.startsWith("request:")) {
    throw new UsageError(`${error.replace(/^\w+: /, "")} (stopped: every run would fail the same way; check the key, --model and --region)`);
  }
  return result;
}

const rate = (passed: number, runs: number) => (runs === 0 ? 0 : Math.round((passed / runs) * 1000) / 10);

export async function runModelEval(options: EvalOptions): Promise<EvalSummary> {
  const log = options.log ?? (() => {});
  const chosen = options.set.scenarios.slice(0, options.limit ?? options.set.scenarios.length);
  const scenarios: ScenarioResult[] = [];
  let graderUsage = NO_USAGE;
  for (const [index, located] of chosen.entries()) {
    const withSkill = stopOnConfigurationError(await runArm(options, located.value, true));
    const withoutSkill = stopOnConfigurationError(await runArm(options, located.value, false));
    graderUsage = addUsage(addUsage(graderUsage, withSkill.graderUsage), withoutSkill.graderUsage);
    scenarios.push({ id: located.value.id, where: located.where, withSkill: withSkill.arm, withoutSkill: withoutSkill.arm });
    const mark = (arm: ArmResult) => (arm.pass ? "pass" : arm.error ? `error (${arm.error})` : `fail (${arm.failures.join("; ")})`);
    log(`[${index + 1}/${chosen.length}] ${located.value.id}: with skill ${mark(withSkill.arm)}; without ${mark(withoutSkill.arm)}`);
  }
  const triggers: TriggerResult[] = [];
  let triggerUsage = NO_USAGE;
  if (options.triggers) {
    for (const located of options.set.triggers) {
      const { result, usage } = await runTrigger(options, located);
      triggers.push(result);
      triggerUsage = addUsage(triggerUsage, usage);
    }
  }
  const arm = (pick: (s: ScenarioResult) => ArmResult) => {
    const arms = scenarios.map(pick);
    const passed = arms.filter((a) => a.pass).length;
    return { passed, rate: rate(passed, arms.length), errors: arms.filter((a) => a.stop === "error").length, usage: arms.reduce((sum, a) => addUsage(sum, a.usage), NO_USAGE) };
  };
  const withSkill = arm((s) => s.withSkill);
  const withoutSkill = arm((s) => s.withoutSkill);
  return {
    provider: options.provider.name,
    model: options.provider.model,
    scenarios,
    triggers,
    totals: {
      runs: scenarios.length,
      withSkill,
      withoutSkill,
      difference: Math.round((withSkill.rate - withoutSkill.rate) * 10) / 10,
      triggers: { passed: triggers.filter((t) => t.pass).length, total: triggers.length },
      graderUsage: addUsage(graderUsage, triggerUsage),
    },
  };
}
