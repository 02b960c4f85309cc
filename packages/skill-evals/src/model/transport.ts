/**
 * Recorded model traffic. `--record <file>` saves each HTTP exchange (request path and body,
 * response status, a few headers and body; never request headers, so no key is written) while a
 * real run goes on; `--replay <file>` serves those responses in order instead of the network, as
 * the tests do. A replayed exchange can also be `{"hang": true}`: no response until the caller
 * aborts, which is how a timeout is recorded.
 */
import { readFile } from "node:fs/promises";
import writeFileAtomic from "write-file-atomic";
import { UsageError } from "../errors.js";

export interface Exchange {
  note?: string;
  request: { path: string; bodyIncludes?: string[]; body?: unknown };
  response: { status: number; headers?: Record<string, string>; body: unknown } | { hang: true };
}

export interface Recording {
  provider: "anthropic" | "bedrock";
  /** How the recording was made, for whoever reads the fixture. */
  source?: string;
  exchanges: Exchange[];
}

/** A recording that does not match the run: a message naming the exchange, exit 2. */
export class ReplayError extends UsageError {}

const KEPT_HEADERS = ["content-type", "retry-after", "x-amzn-errortype", "anthropic-ratelimit-requests-remaining"];

/** Serves a recording's exchanges in order and checks each request against what was recorded. */
export class Replay {
  private index = 0;
  constructor(readonly recording: Recording, private readonly label: string) {}

  static async load(file: string): Promise<Replay> {
    let recording: Recording;
    try {
      recording = JSON.parse(await readFile(file, "utf8")) as Recording;
    } catch (error) {
      throw new UsageError(`${file}: not a readable recording (${(error as Error).message})`);
    }
    if (!Array.isArray(recording.exchanges)) throw new UsageError(`${file}: a recording needs an "exchanges" list`);
    return new Replay(recording, file);
  }

  next(path: string, body: string): Exchange {
    const exchange = this.recording.exchanges[this.index];
    if (!exchange) throw new ReplayError(`${this.label}: request ${this.index + 1} (${path}) has no recorded response; the recording holds ${this.recording.exchanges.length}`);
    const where = `${this.label}: exchange ${this.index + 1}${exchange.note ? ` (${exchange.note})` : ""}`;
    this.index += 1;
    if (exchange.request.path !== path) throw new ReplayError(`${where}: recorded for ${exchange.request.path}, requested ${path}`);
    for (const text of exchange.request.bodyIncludes ?? []) {
      if (!body.includes(text)) throw new ReplayError(`${where}: the request body does not contain ${JSON.stringify(text)}`);
    }
    return exchange;
  }

  get remaining(): number {
    return this.recording.exchanges.length - this.index;
  }
}

function hangUntilAborted(signal: AbortSignal | undefined | null): Promise<never> {
  return new Promise((_, reject) => {
    const abort = () => reject(Object.assign(new Error("The operation was aborted"), { name: "AbortError" }));
    if (signal?.aborted) abort();
    else signal?.addEventListener("abort", abort, { once: true });
  });
}

/** A request body as text, whatever the SDK built it as (string, bytes). */
function requestText(body: unknown): string {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return "";
}

const bodyText = (body: unknown) => (typeof body === "string" ? body : JSON.stringify(body));

/** A `fetch` for @anthropic-ai/sdk that answers from a replay. */
export function replayFetch(replay: Replay): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const exchange = replay.next(url.pathname, requestText(init?.body));
    if ("hang" in exchange.response) return hangUntilAborted(init?.signal);
    const { status, headers, body } = exchange.response;
    return new Response(bodyText(body), { status, headers: { "content-type": "application/json", ...headers } });
  }) as typeof fetch;
}

/** A Smithy HttpHandler for the Bedrock client that answers from a replay. */
export function replayHandler(replay: Replay) {
  return {
    async handle(request: { path: string; body?: unknown }, options?: { abortSignal?: AbortSignal }) {
      const exchange = replay.next(decodeURIComponent(request.path), requestText(request.body));
      if ("hang" in exchange.response) return hangUntilAborted(options?.abortSignal);
      const { status, headers, body } = exchange.response;
      return {
        response: {
          statusCode: status,
          reason: undefined,
          headers: { "content-type": "application/json", ...headers },
          body: new TextEncoder().encode(bodyText(body)),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}

const parseMaybe = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

function keptHeaders(entries: Iterable<[string, string]>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of entries) if (KEPT_HEADERS.includes(name.toLowerCase())) kept[name.toLowerCase()] = value;
  return kept;
}

/** Collects exchanges from a real run and writes them as a recording. */
export class Recorder {
  readonly exchanges: Exchange[] = [];
  constructor(private readonly provider: Recording["provider"]) {}

  wrapFetch(real: typeof fetch): typeof fetch {
    return (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
      const response = await real(input, init);
      const text = await response.clone().text();
      this.exchanges.push({
        request: { path: url.pathname, body: parseMaybe(requestText(init?.body)) },
        response: { status: response.status, headers: keptHeaders(response.headers.entries()), body: parseMaybe(text) },
      });
      return response;
    }) as typeof fetch;
  }

  /** Wraps the SDK's own Node handler; the response body stream is read once and re-served. */
  wrapHandler(real: { handle: (request: never, options?: never) => Promise<{ response: { statusCode: number; headers: Record<string, string>; body: unknown } }> }) {
    return {
      handle: async (request: { path: string; body?: unknown }, options?: unknown) => {
        const result = await real.handle(request as never, options as never);
        const chunks: Buffer[] = [];
        for await (const chunk of result.response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
        const bytes = Buffer.concat(chunks);
        this.exchanges.push({
          request: { path: decodeURIComponent(request.path), body: parseMaybe(requestText(request.body)) },
          response: { status: result.response.statusCode, headers: keptHeaders(Object.entries(result.response.headers)), body: parseMaybe(bytes.toString("utf8")) },
        });
        return { response: { ...result.response, body: new Uint8Array(bytes) } };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs() {
        return {};
      },
    };
  }

  async write(file: string): Promise<void> {
    const recording: Recording = { provider: this.provider, source: `recorded by skill-evals eval --record on ${new Date().toISOString().slice(0, 10)}`, exchanges: this.exchanges };
    await writeFileAtomic(file, `${JSON.stringify(recording, null, 2)}\n`);
  }
}
