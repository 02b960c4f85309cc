/**
 * A provider-neutral conversation, so the agent loop, the graders and the trigger check are written
 * once and each provider (Messages API, Bedrock Converse) only translates to and from its wire form.
 */
export type Block =
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: unknown }
  | { type: "tool_result"; toolUseId: string; content: string; isError: boolean };

export interface Turn {
  role: "user" | "assistant";
  blocks: Block[];
}

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the input object. */
  inputSchema: Record<string, unknown>;
}

export interface ModelRequest {
  system: string;
  turns: Turn[];
  tools: ToolSpec[];
  maxTokens: number;
}

export interface Usage {
  input: number;
  output: number;
}

export interface ModelResponse {
  blocks: Block[];
  stopReason: "end_turn" | "tool_use" | "max_tokens" | "other";
  usage: Usage;
}

export interface ModelProvider {
  /** `anthropic` or `bedrock`. */
  readonly name: string;
  readonly model: string;
  complete(request: ModelRequest, signal: AbortSignal): Promise<ModelResponse>;
}

export type ProviderErrorKind = "rate-limit" | "timeout" | "malformed" | "auth" | "server" | "request";

/** A provider failure, classified so the loop knows whether to retry and what to tell the user. */
export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    /** Seconds the service asked us to wait (retry-after), when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === "rate-limit" || this.kind === "timeout" || this.kind === "server";
  }
}

export function addUsage(total: Usage, more: Usage): Usage {
  return { input: total.input + more.input, output: total.output + more.output };
}

export const NO_USAGE: Usage = { input: 0, output: 0 };

/** The text blocks of a response, joined. */
export function textOf(blocks: readonly Block[]): string {
  return blocks
    .filter((block): block is Extract<Block, { type: "text" }> => block.type === "text")
    .map((block) => block.text)
    .join("\n")
    .trim();
}
