// Turns the context values a user passes (`cdk deploy -c certificateArn=... -c throwaway=true`, or
// the `context` block of cdk.json) into stack props. Values from `-c` arrive as strings, values
// from cdk.json may be booleans or numbers: both are accepted. A wrong value becomes an error
// message naming the key, what was given and what to pass instead; bin/app.ts reports it as a
// synth error (no stack trace) while synthesis carries on with the default.

export interface ContextOptions {
  readonly certificateArn?: string;
  readonly azCount: 2 | 3;
  readonly natGateways: number;
  readonly databaseReaders: number;
  readonly throwaway: boolean;
  readonly image?: string;
  readonly containerPort?: number;
  readonly healthCheckPath?: string;
}

export interface ParsedContext {
  readonly options: ContextOptions;
  readonly errors: string[];
}

/** Reads one context key; `tryGetContext` of a construct node fits this shape. */
export type ContextReader = (key: string) => unknown;

// Commercial, China and GovCloud partitions; the Region must be the stack's (ALB listeners take
// certificates from their own Region only), which CloudFormation checks at deploy time.
const certificateArnPattern = /^arn:aws(-cn|-us-gov)?:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;

export function parseContext(read: ContextReader): ParsedContext {
  const errors: string[] = [];

  let certificateArn = optionalString(read, "certificateArn");
  if (certificateArn !== undefined && !certificateArnPattern.test(certificateArn)) {
    errors.push(
      `context value certificateArn is not an ACM certificate ARN (got "${certificateArn}"): pass ` +
        "-c certificateArn=arn:aws:acm:<region>:<account>:certificate/<id>, from `aws acm list-certificates` in the stack's Region",
    );
    certificateArn = undefined;
  }

  const azCount = integer(read, "azCount", { min: 2, max: 3, fallback: 2, hint: "-c azCount=2 or -c azCount=3" }, errors) as 2 | 3;
  const natGateways = integer(read, "natGateways", { min: 1, max: azCount, fallback: azCount, hint: `a number from 1 (one shared gateway) to ${azCount} (one per AZ)` }, errors);
  const databaseReaders = integer(read, "databaseReaders", { min: 0, max: 2, fallback: 1, hint: "0 (writer only), 1 or 2 readers" }, errors);
  const throwaway = boolean(read, "throwaway", errors);

  const image = optionalString(read, "image");
  const containerPort = read("containerPort") === undefined ? undefined : integer(read, "containerPort", { min: 1, max: 65535, fallback: 80, hint: "the port the container listens on" }, errors);
  const healthCheckPath = optionalString(read, "healthCheckPath");
  if (healthCheckPath !== undefined && !healthCheckPath.startsWith("/")) {
    errors.push(`context value healthCheckPath must start with "/" (got "${healthCheckPath}"): pass for example -c healthCheckPath=/health`);
  }

  return {
    options: { certificateArn, azCount, natGateways, databaseReaders, throwaway, image, containerPort, healthCheckPath },
    errors,
  };
}

function optionalString(read: ContextReader, key: string): string | undefined {
  const value = read(key);
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
}

interface IntegerRule {
  readonly min: number;
  readonly max: number;
  readonly fallback: number;
  readonly hint: string;
}

function integer(read: ContextReader, key: string, rule: IntegerRule, errors: string[]): number {
  const value = read(key);
  if (value === undefined || value === null || value === "") return rule.fallback;
  const number = typeof value === "number" ? value : Number(String(value).trim());
  if (!Number.isInteger(number) || number < rule.min || number > rule.max) {
    errors.push(`context value ${key} must be a whole number from ${rule.min} to ${rule.max} (got "${String(value)}"): pass ${rule.hint}`);
    return rule.fallback;
  }
  return number;
}

function boolean(read: ContextReader, key: string, errors: string[]): boolean {
  const value = read(key);
  if (value === undefined || value === null || value === "" || value === false || value === "false") return false;
  if (value === true || value === "true") return true;
  errors.push(`context value ${key} must be true or false (got "${String(value)}"): pass -c ${key}=true for a stack you will delete`);
  return false;
}
