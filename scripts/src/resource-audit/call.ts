// One way to call AWS: through the command registry, with a timeout on every call and retries
// with backoff when AWS throttles. Errors come back classified so a check can record what it could
// not see and the audit goes on.
import { buildCommand, CLIENT_CLASSES, COMMANDS, type CommandInput, type CommandName, type CommandOutput, type ServiceName } from "./registry.js";

export interface CallSettings {
  /** Per-call limit; also given to the SDK's HTTP handler as its request timeout. */
  timeoutMs: number;
  /** Attempts of our own on throttling, on top of the SDK's retries (its quota can run dry on a large account). */
  throttleAttempts: number;
  /** First backoff; doubled per attempt, with jitter. */
  backoffBaseMs: number;
  endpointUrl?: string;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_CALL_SETTINGS: CallSettings = {
  timeoutMs: 20_000,
  throttleAttempts: 4,
  backoffBaseMs: 1_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface SendingClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
}

export class AwsCaller {
  private readonly clients = new Map<string, SendingClient>();

  constructor(readonly settings: CallSettings) {}

  private client(service: ServiceName, region: string): SendingClient {
    const key = `${service}:${region}`;
    let client = this.clients.get(key);
    if (!client) {
      const Client = CLIENT_CLASSES[service] as unknown as new (config: object) => SendingClient;
      client = new Client({
        region,
        // The SDK's own retries: standard backoff, plus client-side rate limiting once AWS throttles.
        maxAttempts: 3,
        retryMode: "adaptive",
        requestHandler: { connectionTimeout: 5_000, requestTimeout: this.settings.timeoutMs },
        ...(this.settings.endpointUrl ? { endpoint: this.settings.endpointUrl } : {}),
        // Emulators and custom endpoints do not resolve virtual-hosted bucket names.
        ...(service === "s3" && (this.settings.endpointUrl || process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3)
          ? { forcePathStyle: true }
          : {}),
      });
      this.clients.set(key, client);
    }
    return client;
  }

  async call<N extends CommandName>(name: N, region: string, input: CommandInput<N>): Promise<CommandOutput<N>> {
    const client = this.client(COMMANDS[name].service, region);
    for (let attempt = 1; ; attempt++) {
      try {
        return (await sendWithTimeout(client, buildCommand(name, input), this.settings.timeoutMs, name)) as CommandOutput<N>;
      } catch (error) {
        if (classifyError(error) !== "throttled" || attempt >= this.settings.throttleAttempts) throw error;
        const backoff = this.settings.backoffBaseMs * 2 ** (attempt - 1);
        await this.settings.sleep(backoff + Math.floor(Math.random() * backoff * 0.25));
      }
    }
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}

export class CallTimeoutError extends Error {
  override readonly name = "CallTimeoutError";
  constructor(readonly command: string, readonly timeoutMs: number) {
    super(`${command} did not answer within ${timeoutMs / 1000} s`);
  }
}

// Races the call against a timer as well as aborting it: a call that ignores the signal still ends.
async function sendWithTimeout(client: SendingClient, command: unknown, timeoutMs: number, name: string): Promise<unknown> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CallTimeoutError(name, timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([client.send(command, { abortSignal: controller.signal }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type ErrorKind = "denied" | "throttled" | "timeout" | "credentials" | "other";

const DENIED = new Set(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError", "Forbidden", "AuthFailure"]);
const THROTTLED = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "SlowDown",
]);
const CREDENTIALS = new Set([
  "CredentialsProviderError",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidAccessKeyId",
  "InvalidToken",
]);

export function errorName(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as { name?: unknown; Code?: unknown };
    if (typeof e.Code === "string") return e.Code;
    if (typeof e.name === "string") return e.name;
  }
  return "Error";
}

export function classifyError(error: unknown): ErrorKind {
  const name = errorName(error);
  if (error instanceof CallTimeoutError || name === "TimeoutError" || name === "AbortError") return "timeout";
  if (DENIED.has(name)) return "denied";
  if (THROTTLED.has(name)) return "throttled";
  if (CREDENTIALS.has(name)) return "credentials";
  return "other";
}

/** One line for the "not audited" table. */
export function describeError(error: unknown): string {
  const kind = classifyError(error);
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  switch (kind) {
    case "denied":
      return "access denied";
    case "timeout":
      return error instanceof CallTimeoutError ? `timed out after ${error.timeoutMs / 1000} s` : "timed out";
    case "throttled":
      return "throttled by AWS after every retry";
    case "credentials":
      return `credentials rejected (${errorName(error)})`;
    default:
      return `${errorName(error)}: ${message}`;
  }
}

/** The Region the standard chain configures (AWS_REGION, AWS_DEFAULT_REGION, the profile), if any. */
export async function configuredRegion(): Promise<string | undefined> {
  const client = new CLIENT_CLASSES.sts({});
  try {
    return await client.config.region();
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}
