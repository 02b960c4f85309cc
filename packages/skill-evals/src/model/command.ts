/**
 * `skill-evals eval` (`pnpm eval` at the root): flags, keys, providers, and where results go.
 * Nothing here runs in `pnpm verify`; the tests drive it offline with `--replay`.
 */
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import writeFileAtomic from "write-file-atomic";
import { isoDay, loadFactData } from "@aws-patterns/skill-lint/facts";
import { openBundle } from "../bundle.js";
import { costTotals } from "../coverage.js";
import { UsageError } from "../errors.js";
import { DEFAULT_RESULTS_DIR, DEFAULT_SCENARIOS_DIR, DEFAULT_SKILL_DIR } from "../paths.js";
import { loadEvalSet, type EvalSet } from "../scenarios.js";
import { loadSkillMetadata } from "../triggers.js";
import { createAnthropicProvider } from "./anthropic.js";
import { createBedrockProvider } from "./bedrock.js";
import { DEFAULT_LIMITS } from "./retry.js";
import { runModelEval } from "./run.js";
import { evalMarkdown } from "./summary.js";
import { Recorder, Replay, ReplayError, replayFetch, replayHandler } from "./transport.js";
import type { ModelProvider } from "./types.js";

export const DEFAULT_MODELS = { anthropic: "claude-sonnet-4-5", bedrock: "us.anthropic.claude-sonnet-4-5-20250929-v1:0" } as const;

export const EVAL_HELP = `Usage: skill-evals eval [options]     (pnpm eval [options] at the repository root)

Runs each scenario twice through an agent loop, with the skill installed (file tools: read_file,
list_files, run_script over the bundle) and without it, grades each answer (deterministic checks
first, a model grader only for rubric items), runs the trigger cases against the skill's
description, and prints pass rates with and without the skill, the difference and tokens used.

Providers and keys:
  --provider anthropic   The Messages API (@anthropic-ai/sdk). Needs ANTHROPIC_API_KEY;
                         ANTHROPIC_BASE_URL points it at a proxy or gateway. (default)
  --provider bedrock     Amazon Bedrock, Converse API. Credentials from the standard AWS chain
                         (AWS_PROFILE, AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, SSO, an instance
                         or task role); Region from --region, AWS_REGION or AWS_DEFAULT_REGION.
  SKILL_EVALS_PROVIDER, SKILL_EVALS_MODEL set the defaults of --provider and --model.
  --model <id>           Model to evaluate (anthropic: ${DEFAULT_MODELS.anthropic};
                         bedrock: ${DEFAULT_MODELS.bedrock})
  --grader-model <id>    Model for rubric items (default: --model)
  --region <region>      Bedrock Region

Budget and bounds:
  --limit <n>            Run only the first n scenarios (each runs twice)
  --only <id,...>        Run only these scenarios
  --max-tokens-per-run <n>  Input + output tokens one agent run may spend (default 80000);
                         a run over it stops and fails
  --max-turns <n>        Model calls per run (default 12)
  --max-output <n>       max_tokens of each call (default 2048)
  --timeout <seconds>    Per model call (default 120); a call that takes longer is aborted
  --retries <n>          Retries on 429s, throttling, timeouts and 5xx, with exponential
                         backoff or the service's retry-after (default 4)
  --backoff <seconds>    First retry delay, doubled on each retry (default 2)
  --script-timeout <seconds>  Per bundled script the agent runs (default 30)
  --no-triggers          Skip the trigger cases

Input and output:
  --skill <dir>          Skill folder or unpacked bundle (default: the monorepo's skill/)
  --scenarios <dir>      Scenario YAML folder (default: packages/skill-evals/scenarios)
  --json <file>          Where the JSON result goes (default: packages/skill-evals/results/eval.json)
  --summary <file>       Append the markdown table to this file (CI: "$GITHUB_STEP_SUMMARY")
  --record <file>        Save every HTTP exchange (no request headers, so no key) as a recording
  --replay <file>        Answer from a recording instead of the network (tests; no key needed)
  -h, --help             This help

Exit status: 0 when the eval ran (read the rates), 1 when every run errored, 2 on a usage error,
a missing key, or a key or model the provider refused (the eval stops at the first such run).
`;

interface Environment {
  readonly [name: string]: string | undefined;
}

function positiveNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new UsageError(`--${flag} must be a positive number, not "${value}"`);
  return parsed;
}

async function buildProvider(
  kind: string,
  model: string,
  values: { region?: string; replay?: string },
  env: Environment,
  recorder: Recorder | undefined,
  replays: Replay[],
): Promise<ModelProvider> {
  const replay = values.replay ? await Replay.load(path.resolve(values.replay)) : undefined;
  if (replay) replays.push(replay);
  if (kind === "anthropic") {
    const apiKey = env.ANTHROPIC_API_KEY ?? (replay ? "replay" : undefined);
    if (!apiKey) {
      throw new UsageError("no ANTHROPIC_API_KEY set: export it to run the eval with the Messages API, or use --provider bedrock with AWS credentials (see --help)");
    }
    const fetchImpl = replay ? replayFetch(replay) : recorder ? recorder.wrapFetch(globalThis.fetch) : undefined;
    return createAnthropicProvider({ apiKey, model, ...(env.ANTHROPIC_BASE_URL ? { baseURL: env.ANTHROPIC_BASE_URL } : {}), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  }
  if (kind === "bedrock") {
    const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (replay ? "us-east-1" : undefined);
    if (!region) throw new UsageError("no AWS Region for Bedrock: pass --region or set AWS_REGION (see --help)");
    if (replay) {
      return createBedrockProvider({ region, model, requestHandler: replayHandler(replay), credentials: { accessKeyId: "AKIDREPLAY", secretAccessKey: "replay" } });
    }
    let requestHandler: unknown;
    if (recorder) {
      const { BedrockRuntimeClient } = await import("@aws-sdk/client-bedrock-runtime");
      requestHandler = recorder.wrapHandler(new BedrockRuntimeClient({ region }).config.requestHandler as never);
    }
    const provider = createBedrockProvider({ region, model, ...(requestHandler ? { requestHandler } : {}) });
    try {
      await provider.checkCredentials();
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    return provider;
  }
  throw new UsageError(`--provider must be anthropic or bedrock, not "${kind}"`);
}

export async function runEvalCommand(args: string[], env: Environment = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      provider: { type: "string" },
      model: { type: "string" },
      "grader-model": { type: "string" },
      region: { type: "string" },
      limit: { type: "string" },
      only: { type: "string" },
      "max-tokens-per-run": { type: "string" },
      "max-turns": { type: "string" },
      "max-output": { type: "string" },
      timeout: { type: "string" },
      retries: { type: "string" },
      backoff: { type: "string" },
      "script-timeout": { type: "string" },
      "no-triggers": { type: "boolean" },
      skill: { type: "string" },
      scenarios: { type: "string" },
      json: { type: "string" },
      summary: { type: "string" },
      record: { type: "string" },
      replay: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(EVAL_HELP);
    return 0;
  }
  if (values.record && values.replay) throw new UsageError("--record and --replay exclude each other");
  const kind = values.provider ?? env.SKILL_EVALS_PROVIDER ?? "anthropic";
  const model = values.model ?? env.SKILL_EVALS_MODEL ?? DEFAULT_MODELS[kind as keyof typeof DEFAULT_MODELS] ?? "";
  const retries = values.retries === undefined ? DEFAULT_LIMITS.retries : Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0) throw new UsageError(`--retries must be a whole number, not "${values.retries}"`);
  const limits = {
    ...DEFAULT_LIMITS,
    retries,
    timeoutMs: positiveNumber("timeout", values.timeout, DEFAULT_LIMITS.timeoutMs / 1000) * 1000,
    baseDelayMs: positiveNumber("backoff", values.backoff, DEFAULT_LIMITS.baseDelayMs / 1000) * 1000,
    onRetry: (error: { kind: string; message: string }, attempt: number, delayMs: number) =>
      process.stderr.write(`retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s after ${error.kind}: ${error.message}\n`),
  };
  const limit = values.limit === undefined ? undefined : Math.floor(positiveNumber("limit", values.limit, 1));
  const skillDir = path.resolve(values.skill ?? DEFAULT_SKILL_DIR);
  const bundle = openBundle(skillDir);
  if ((await bundle.read("SKILL.md")) === undefined) throw new UsageError(`${skillDir}: no SKILL.md (pass --skill <skill folder>)`);
  let set: EvalSet = await loadEvalSet(path.resolve(values.scenarios ?? DEFAULT_SCENARIOS_DIR));
  if (values.only) {
    const ids = new Set(values.only.split(",").map((id) => id.trim()));
    const unknown = [...ids].filter((id) => !set.scenarios.some((s) => s.value.id === id));
    if (unknown.length > 0) throw new UsageError(`--only: no scenario ${unknown.join(", ")}`);
    set = { ...set, scenarios: set.scenarios.filter((s) => ids.has(s.value.id)) };
  }
  const recorder = values.record ? new Recorder(kind === "bedrock" ? "bedrock" : "anthropic") : undefined;
  const replays: Replay[] = [];
  const provider = await buildProvider(kind, model, values, env, recorder, replays);
  // A second model for grading shares the recording: the calls are made in one order either way.
  const grader = values["grader-model"] && values["grader-model"] !== model && !values.replay ? await buildProvider(kind, values["grader-model"], values, env, recorder, replays) : provider;

  const facts = await loadFactData(bundle.layout.skillDir, isoDay(new Date()));
  const totals = costTotals(facts, set.scenarios.flatMap((s) => s.value.answer.costs.map((c) => c.id)));
  const figures = new Map(
    set.scenarios.map((s) => [
      s.value.id,
      [...s.value.answer.figures, ...s.value.answer.costs.flatMap((c) => { const total = totals.get(c.id); return typeof total === "string" ? [total] : []; })],
    ]),
  );
  const summary = await runModelEval({
    provider,
    grader,
    bundle,
    metadata: await loadSkillMetadata(bundle),
    set,
    figures,
    limit,
    tokenBudget: positiveNumber("max-tokens-per-run", values["max-tokens-per-run"], 80_000),
    maxTurns: Math.floor(positiveNumber("max-turns", values["max-turns"], 12)),
    maxTokensPerCall: Math.floor(positiveNumber("max-output", values["max-output"], 2048)),
    scriptTimeoutMs: positiveNumber("script-timeout", values["script-timeout"], 30) * 1000,
    limits,
    triggers: values["no-triggers"] !== true,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const markdown = evalMarkdown(summary);
  process.stdout.write(markdown);
  const jsonFile = path.resolve(values.json ?? path.join(DEFAULT_RESULTS_DIR, "eval.json"));
  await mkdir(path.dirname(jsonFile), { recursive: true });
  await writeFileAtomic(jsonFile, `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`results: ${jsonFile}\n`);
  if (values.summary) await appendFile(values.summary, markdown);
  if (recorder && values.record) await recorder.write(path.resolve(values.record));
  const unused = replays.reduce((sum, replay) => sum + replay.remaining, 0);
  if (unused > 0) throw new ReplayError(`${values.replay}: ${unused} recorded exchanges were not used (the run made fewer model calls than were recorded)`);
  const runs = summary.totals.runs * 2;
  const errored = summary.totals.withSkill.errors + summary.totals.withoutSkill.errors;
  return runs > 0 && errored === runs ? 1 : 0;
}
