/**
 * Amazon Bedrock's Converse API through @aws-sdk/client-bedrock-runtime, with the standard
 * credential chain (environment, profile, SSO, instance role). The SDK's retries are off
 * (maxAttempts 1) for the same reason as the Messages API provider; `requestHandler` is
 * injectable so tests replay recorded HTTP exchanges with no network.
 */
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ContentBlock,
  type ConverseCommandOutput,
  type Message,
  type Tool,
} from "@aws-sdk/client-bedrock-runtime";
import { ProviderError, type Block, type ModelProvider, type ModelRequest, type ModelResponse } from "./types.js";

export interface BedrockOptions {
  region: string;
  model: string;
  /** Smithy HttpHandler (replay or recording); default: the SDK's Node handler. */
  requestHandler?: unknown;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

function toMessages(request: ModelRequest): Message[] {
  return request.turns.map((turn) => ({
    role: turn.role,
    content: turn.blocks.map((block): ContentBlock => {
      if (block.type === "text") return { text: block.text };
      if (block.type === "tool_use") return { toolUse: { toolUseId: block.id, name: block.name, input: block.input as never } };
      return {
        toolResult: { toolUseId: block.toolUseId, content: [{ text: block.content }], status: block.isError ? "error" : "success" },
      };
    }),
  }));
}

export function fromConverseOutput(output: Partial<ConverseCommandOutput>): ModelResponse {
  const content = output.output?.message?.content;
  if (!Array.isArray(content)) throw new ProviderError("malformed", "malformed response: no output.message.content");
  const blocks: Block[] = [];
  for (const raw of content) {
    if (typeof raw.text === "string") blocks.push({ type: "text", text: raw.text });
    else if (raw.toolUse?.toolUseId && raw.toolUse.name) {
      blocks.push({ type: "tool_use", id: raw.toolUse.toolUseId, name: raw.toolUse.name, input: raw.toolUse.input });
    } else if (raw.reasoningContent) continue;
    else throw new ProviderError("malformed", `malformed response: a content block the loop cannot use (${Object.keys(raw).join(", ") || "empty"})`);
  }
  const usage = output.usage;
  if (typeof usage?.inputTokens !== "number" || typeof usage.outputTokens !== "number") {
    throw new ProviderError("malformed", "malformed response: no token usage");
  }
  const stop = output.stopReason;
  return {
    blocks,
    stopReason: stop === "end_turn" || stop === "tool_use" || stop === "max_tokens" ? stop : "other",
    usage: { input: usage.inputTokens, output: usage.outputTokens },
  };
}

const THROTTLED = new Set(["ThrottlingException", "ServiceQuotaExceededException", "TooManyRequestsException"]);
const SERVER = new Set(["InternalServerException", "ServiceUnavailableException", "ModelNotReadyException"]);
const AUTH = new Set(["AccessDeniedException", "UnrecognizedClientException", "ExpiredTokenException", "CredentialsProviderError", "InvalidSignatureException"]);

function classify(error: unknown): unknown {
  if (error instanceof ProviderError) return error;
  const name = (error as { name?: string }).name ?? "";
  const message = (error as Error).message ?? String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (THROTTLED.has(name) || status === 429) return new ProviderError("rate-limit", `throttled (${name || status}): ${message}`);
  if (name === "ModelTimeoutException") return new ProviderError("timeout", `the model timed out: ${message}`);
  if (SERVER.has(name) || (status !== undefined && status >= 500)) return new ProviderError("server", `server error (${name || status}): ${message}`);
  if (AUTH.has(name)) return new ProviderError("auth", `AWS refused the credentials (${name}): ${message}`);
  const code = (error as { code?: string }).code ?? "";
  if (name === "TimeoutError" || ["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN", "EPIPE"].includes(code)) {
    return new ProviderError("server", `connection error (${code || name}): ${message}`);
  }
  if (error instanceof SyntaxError || name === "SyntaxError") return new ProviderError("malformed", `malformed response: ${message}`);
  if (name === "ValidationException" || name === "ResourceNotFoundException") return new ProviderError("request", `request refused (${name}): ${message}`);
  return error;
}

export function createBedrockProvider(options: BedrockOptions): ModelProvider & { checkCredentials(): Promise<void> } {
  const client = new BedrockRuntimeClient({
    region: options.region,
    maxAttempts: 1,
    ...(options.requestHandler ? { requestHandler: options.requestHandler as never } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  return {
    name: "bedrock",
    model: options.model,
    /** Resolves the credential chain once, so a missing credential is a message before any run. */
    async checkCredentials() {
      try {
        await client.config.credentials();
      } catch (error) {
        throw new ProviderError(
          "auth",
          `no AWS credentials found (${(error as Error).message.split("\n")[0]}): set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an instance or task role applies`,
        );
      }
    },
    async complete(request, signal) {
      const tools: Tool[] = request.tools.map((tool) => ({
        toolSpec: { name: tool.name, description: tool.description, inputSchema: { json: tool.inputSchema as never } },
      }));
      let output: ConverseCommandOutput;
      try {
        output = await client.send(
          new ConverseCommand({
            modelId: options.model,
            system: [{ text: request.system }],
            messages: toMessages(request),
            inferenceConfig: { maxTokens: request.maxTokens },
            ...(tools.length > 0 ? { toolConfig: { tools } } : {}),
          }),
          { abortSignal: signal },
        );
      } catch (error) {
        throw classify(error);
      }
      return fromConverseOutput(output);
    },
  };
}
