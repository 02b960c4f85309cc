// resource-audit: a read-only audit of a live AWS account (see scripts/README.md).
import { EXIT, formatJson, type Io, oneOf, parseCommandLine, runScript, UsageError } from "../shared/index.js";
import { runAudit } from "./audit.js";
import { AwsCaller, type CallSettings, classifyError, configuredRegion, DEFAULT_CALL_SETTINGS, describeError } from "./call.js";
import { toJson, toMarkdown } from "./report.js";
import { SEVERITIES, type Severity, severityRank } from "./types.js";

const NAME = "resource-audit";

const HELP = `Usage: resource-audit [--region R]... [--regions R1,R2] [options]

Read-only audit of the AWS account your credentials point at (standard credential chain:
environment, AWS_PROFILE / ~/.aws, SSO, container or instance role). Lists untagged resources,
unattached EBS volumes, gp2 volumes, unassociated Elastic IPs and idle public IPv4, idle NAT
gateways, old snapshots, S3 buckets without a public access block or default encryption,
unencrypted or public RDS databases, security groups open to the world on admin and database
ports, old IAM access keys, Lambda functions on deprecated runtimes and previous-generation
instance types, each with its fix and monthly cost where it has one.

Options:
  --region R                 Region to audit; repeat for more (default: the configured Region)
  --regions R1,R2            the same, comma-separated
  --required-tags K1,K2      tag keys every resource must have (default: any tag at all)
  --snapshot-age-days N      report snapshots older than N days (default 90)
  --access-key-age-days N    report active access keys older than N days (default 90)
  --nat-idle-days N          CloudWatch window for idle NAT gateways (default 14)
  --runtime-warning-days N   also report Lambda runtimes deprecated within N days (default 90)
  --severity S               exit 1 when a finding is at or above S: ${SEVERITIES.join(", ")} (default low)
  --timeout-seconds N        limit for each AWS call (default 20)
  --endpoint-url URL         send every call to this endpoint (an emulator); AWS_ENDPOINT_URL works too
  --json                     the same data as JSON
  -h, --help                 this help

IAM: scripts/iam/resource-audit-policy.json is the exact read-only policy it needs.
Exit codes: 0 no findings at or above --severity, 1 findings, 2 usage or credentials error.
`;

const OPTIONS = {
  region: { type: "string", multiple: true },
  regions: { type: "string" },
  "required-tags": { type: "string" },
  "snapshot-age-days": { type: "string" },
  "access-key-age-days": { type: "string" },
  "nat-idle-days": { type: "string" },
  "runtime-warning-days": { type: "string" },
  severity: { type: "string" },
  "timeout-seconds": { type: "string" },
  "endpoint-url": { type: "string" },
  json: { type: "boolean" },
} as const;

const CREDENTIALS_HINT = `Configure credentials one of these ways, then run again:
  aws configure                                   (an access key in ~/.aws/credentials)
  aws sso login --profile NAME && export AWS_PROFILE=NAME
  export AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... (and AWS_SESSION_TOKEN for temporary keys)
The identity needs the read-only policy in scripts/iam/resource-audit-policy.json.`;

function whole(option: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${option} must be a whole number of at least ${min} (got "${value}")`);
  return Number(value);
}

function list(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

export interface MainDeps {
  now?: Date;
  sleep?: CallSettings["sleep"];
  backoffBaseMs?: number;
}

export async function main(argv: string[], io: Io, deps: MainDeps = {}): Promise<number> {
  // The SDK warns on stderr that its 2027 releases need Node 22; that says nothing about the audit.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const parsed = parseCommandLine(argv, { name: NAME, help: HELP, options: OPTIONS });
  if (parsed.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const v = parsed.values;
  const threshold = oneOf<Severity>("severity", v.severity, SEVERITIES, "low");
  const timeoutSeconds = whole("timeout-seconds", v["timeout-seconds"], 20, 1);
  const endpointUrl = v["endpoint-url"];
  if (endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(endpointUrl)) {
    throw new UsageError(`--endpoint-url must be an http(s) URL (got "${endpointUrl}")`);
  }
  let regions = [...new Set([...(v.region ?? []).flatMap((r) => list(r)), ...list(v.regions)])];
  if (regions.length === 0) {
    const configured = await configuredRegion();
    if (!configured) {
      throw new UsageError(`${NAME}: no Region given and none configured`, "Pass --region us-east-1 (repeatable), or set AWS_REGION or a region in your AWS profile.");
    }
    regions = [configured];
  }
  for (const region of regions) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new UsageError(`${NAME}: "${region}" is not an AWS Region code (like us-east-1)`);
  }
  const options = {
    regions,
    requiredTags: list(v["required-tags"]),
    snapshotAgeDays: whole("snapshot-age-days", v["snapshot-age-days"], 90),
    accessKeyAgeDays: whole("access-key-age-days", v["access-key-age-days"], 90),
    natIdleDays: whole("nat-idle-days", v["nat-idle-days"], 14, 1),
    runtimeWarningDays: whole("runtime-warning-days", v["runtime-warning-days"], 90),
    now: deps.now ?? new Date(),
  };

  const caller = new AwsCaller({
    ...DEFAULT_CALL_SETTINGS,
    timeoutMs: timeoutSeconds * 1000,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.backoffBaseMs !== undefined ? { backoffBaseMs: deps.backoffBaseMs } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
  });
  try {
    const account = await callerAccount(caller, regions[0]!);
    const result = await runAudit(caller, options);
    const meta = { account, regions, generatedAt: options.now.toISOString(), threshold };
    io.stdout(v.json ? formatJson(toJson(result, meta)) : toMarkdown(result, meta));
    const over = result.findings.some((f) => severityRank(f.severity) >= severityRank(threshold));
    return over ? EXIT.findings : EXIT.clean;
  } finally {
    caller.destroy();
  }
}

/** Checks the credentials before auditing, so a missing or rejected key is one clear message (exit 2). */
async function callerAccount(caller: AwsCaller, region: string): Promise<string> {
  try {
    const identity = await caller.call("GetCallerIdentity", region, {});
    return identity.Account ?? "unknown";
  } catch (error) {
    const kind = classifyError(error);
    if (kind === "credentials") {
      const missing = (error as { name?: string }).name === "CredentialsProviderError";
      throw new UsageError(`${NAME}: ${missing ? "no AWS credentials found" : `AWS rejected the credentials (${describeError(error)})`}`, CREDENTIALS_HINT);
    }
    if (kind === "denied") throw new UsageError(`${NAME}: sts:GetCallerIdentity was denied; these credentials cannot be used`, CREDENTIALS_HINT);
    throw new UsageError(
      `${NAME}: could not reach AWS STS in ${region} (${describeError(error)})`,
      "Check the network or proxy, the Region, and --endpoint-url / AWS_ENDPOINT_URL if you set one.",
    );
  }
}

if (process.argv[1] && /resource-audit(\.mjs|[/\\]cli\.ts)$/.test(process.argv[1])) runScript(NAME, (io) => main(process.argv.slice(2), io));
