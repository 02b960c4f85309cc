/**
 * The agent loop: ask the model, run the tools it calls, hand back their results, until it answers
 * in text. Bounded three ways: a token budget per run (input + output, summed over turns), a
 * maximum number of turns, and each call's timeout and retries (retry.ts).
 */
import { callModel, type CallLimits } from "./retry.js";
import type { ToolRunner } from "./tools.js";
import { addUsage, NO_USAGE, ProviderError, textOf, type Block, type ModelProvider, type ToolSpec, type Turn, type Usage } from "./types.js";

export interface AgentOptions {
  provider: ModelProvider;
  system: string;
  question: string;
  tools: ToolSpec[];
  runner: ToolRunner | undefined;
  /** Input plus output tokens this run may spend. */
  tokenBudget: number;
  maxTurns: number;
  maxTokensPerCall: number;
  limits: CallLimits;
}

export interface ToolCall {
  name: string;
  input: unknown;
  isError: boolean;
}

export interface AgentRun {
  answer: string;
  usage: Usage;
  turns: number;
  retries: number;
  toolCalls: ToolCall[];
  /** answer: the model answered; budget, turns: stopped by a bound; error: the provider failed. */
  stop: "answer" | "budget" | "turns" | "error";
  error?: string;
}

export async function runAgent(options: AgentOptions): Promise<AgentRun> {
  const turns: Turn[] = [{ role: "user", blocks: [{ type: "text", text: options.question }] }];
  const run: AgentRun = { answer: "", usage: NO_USAGE, turns: 0, retries: 0, toolCalls: [], stop: "turns" };
  while (run.turns < options.maxTurns) {
    run.turns += 1;
    let result;
    try {
      result = await callModel(
        options.provider,
        { system: options.system, turns, tools: options.tools, maxTokens: options.maxTokensPerCall },
        options.limits,
      );
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return { ...run, stop: "error", error: `${error.kind}: ${error.message}` };
    }
    run.retries += result.retries;
    const response = result.response;
    run.usage = addUsage(run.usage, response.usage);
    const text = textOf(response.blocks);
    if (text) run.answer = text;
    const calls = response.blocks.filter((block): block is Extract<Block, { type: "tool_use" }> => block.type === "tool_use");
    if (run.usage.input + run.usage.output > options.tokenBudget) {
      return { ...run, stop: "budget", error: `token budget of ${options.tokenBudget.toLocaleString("en-US")} spent after ${run.turns} turns` };
    }
    if (calls.length === 0) return { ...run, stop: "answer" };
    turns.push({ role: "assistant", blocks: response.blocks });
    const results: Block[] = [];
    for (const call of calls) {
      const outcome = options.runner
        ? await options.runner.run(call.name, call.input)
        : { content: `no tools are available in this run`, isError: true };
      run.toolCalls.push({ name: call.name, input: call.input, isError: outcome.isError });
      results.push({ type: "tool_result", toolUseId: call.id, content: outcome.content, isError: outcome.isError });
    }
    turns.push({ role: "user", blocks: results });
  }
  return { ...run, stop: "turns", error: `no answer within ${options.maxTurns} turns` };
}
