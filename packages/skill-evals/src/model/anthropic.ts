/**
 * The Messages API through @anthropic-ai/sdk. The SDK's own retries are off (maxRetries 0): the
 * eval retries every provider the same way (retry.ts), so a test of one covers both. `fetch` is
 * injectable: tests replay recorded exchanges through it, with no network.
 */
import Anthropic from "@anthropic-ai/sdk";
import { ReplayError } from "./transport.js";
import { ProviderError, type Block, type ModelProvider, type ModelRequest, type ModelResponse } from "./types.js";

export interface AnthropicOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  fetch?: typeof fetch;
}

type WireBlock = Record<string, unknown> & { type?: unknown };

function toWire(request: ModelRequest) {
  return {
    system: request.system,
    max_tokens: request.maxTokens,
    messages: request.turns.map((turn) => ({
      role: turn.role,
      content: turn.blocks.map((block) => {
        if (block.type === "text") return { type: "text" as const, text: block.text };
        if (block.type === "tool_use") return { type: "tool_use" as const, id: block.id, name: block.name, input: block.input };
        return { type: "tool_result" as const, tool_use_id: block.toolUseId, content: block.content, is_error: block.isError };
      }),
    })),
    ...(request.tools.length > 0
      ? { tools: request.tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.inputSchema as { type: "object" } })) }
      : {}),
  };
}

/** Checks the parts of the response the loop relies on; anything else is a malformed response. */
export function fromAnthropicWire(body: unknown): ModelResponse {
  const message = body as { content?: unknown; stop_reason?: unknown; usage?: { input_tokens?: unknown; output_tokens?: unknown } };
  if (!message || !Array.isArray(message.content)) throw new ProviderError("malformed", "malformed response: no content array in the message");
  const blocks: Block[] = [];
  for (const raw of message.content as WireBlock[]) {
    if (raw.type === "text" && typeof raw.text === "string") blocks.push({ type: "text", text: raw.text });
    else if (raw.type === "tool_use" && typeof raw.id === "string" && typeof raw.name === "string") {
      blocks.push({ type: "tool_use", id: raw.id, name: raw.name, input: raw.input });
    } else if (raw.type === "thinking" || raw.type === "redacted_thinking") continue;
    else throw new ProviderError("malformed", `malformed response: a content block of type ${JSON.stringify(raw.type)} the loop cannot use`);
  }
  const stop = message.stop_reason;
  const usage = message.usage;
  if (typeof usage?.input_tokens !== "number" || typeof usage.output_tokens !== "number") {
    throw new ProviderError("malformed", "malformed response: no token usage");
  }
  return {
    blocks,
    stopReason: stop === "end_turn" || stop === "tool_use" || stop === "max_tokens" ? stop : "other",
    usage: { input: usage.input_tokens, output: usage.output_tokens },
  };
}

function classify(error: unknown): unknown {
  if (error instanceof ProviderError) return error;
  // The SDK wraps whatever fetch threw; a replay mismatch must surface as itself.
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof ReplayError) return cause;
  if (error instanceof Anthropic.APIError && error.status !== undefined) {
    const retryAfter = Number(error.headers?.get?.("retry-after"));
    const seconds = Number.isFinite(retryAfter) ? retryAfter : undefined;
    if (error.status === 429) return new ProviderError("rate-limit", `rate limited (429): ${error.message}`, seconds);
    if (error.status === 529 || error.status >= 500) return new ProviderError("server", `server error (${error.status}): ${error.message}`, seconds);
    if (error.status === 401 || error.status === 403) return new ProviderError("auth", `the API key was refused (${error.status}): check ANTHROPIC_API_KEY`);
    return new ProviderError("request", `request refused (${error.status}): ${error.message}`);
  }
  if (error instanceof SyntaxError) return new ProviderError("malformed", `malformed response: ${error.message}`);
  if (error instanceof Anthropic.APIConnectionError && !(error instanceof Anthropic.APIUserAbortError)) {
    return new ProviderError("server", `connection error: ${error.message}${cause instanceof Error ? ` (${cause.message})` : ""}`);
  }
  return error;
}

export function createAnthropicProvider(options: AnthropicOptions): ModelProvider {
  const client = new Anthropic({
    apiKey: options.apiKey,
    maxRetries: 0,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    name: "anthropic",
    model: options.model,
    async complete(request, signal) {
      let body: unknown;
      try {
        body = await client.messages.create({ model: options.model, ...toWire(request) }, { signal });
      } catch (error) {
        throw classify(error);
      }
      return fromAnthropicWire(body);
    },
  };
}
