/**
 * One model call, bounded: a timeout per attempt (the request is aborted, not left running) and
 * retries with exponential backoff on rate limits, throttling, timeouts and server errors. A
 * retry-after the service sends wins over the backoff, up to a ceiling.
 */
import { ProviderError, type ModelProvider, type ModelRequest, type ModelResponse } from "./types.js";

export interface CallLimits {
  /** Milliseconds one attempt may take. */
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  /** First backoff, doubled each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected in tests so no test waits. */
  sleep?: (ms: number) => Promise<void>;
  /** Told about each retry (the CLI prints it). */
  onRetry?: (error: ProviderError, attempt: number, delayMs: number) => void;
}

export const DEFAULT_LIMITS: CallLimits = { timeoutMs: 120_000, retries: 4, baseDelayMs: 2_000, maxDelayMs: 60_000 };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function attempt(provider: ModelProvider, request: ModelRequest, timeoutMs: number): Promise<ModelResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await provider.complete(request, controller.signal);
  } catch (error) {
    if (timedOut) throw new ProviderError("timeout", `no response within ${timeoutMs / 1000} s`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export interface CallResult {
  response: ModelResponse;
  retries: number;
}

export async function callModel(provider: ModelProvider, request: ModelRequest, limits: CallLimits): Promise<CallResult> {
  const sleep = limits.sleep ?? realSleep;
  for (let retry = 0; ; retry++) {
    try {
      return { response: await attempt(provider, request, limits.timeoutMs), retries: retry };
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable || retry >= limits.retries) {
        if (error instanceof ProviderError && error.retryable) {
          throw new ProviderError(error.kind, `${error.message} (gave up after ${retry + 1} attempts)`);
        }
        throw error;
      }
      const backoff = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** retry);
      const delay = error.retryAfterSeconds !== undefined ? Math.min(limits.maxDelayMs, error.retryAfterSeconds * 1000) : backoff;
      limits.onRetry?.(error, retry + 1, delay);
      await sleep(delay);
    }
  }
}
