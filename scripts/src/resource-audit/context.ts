// What every check gets: calls that record what they could not see instead of throwing, pagination,
// and the tag rule shared by all resource kinds.
import { type AwsCaller, classifyError, describeError, errorName } from "./call.js";
import { COMMANDS, type CommandInput, type CommandName, type CommandOutput } from "./registry.js";
import type { AuditOptions, Finding, Gap } from "./types.js";

export type CallResult<N extends CommandName> = { ok: true; output: CommandOutput<N> } | { ok: false; expected?: string };

export class CheckContext {
  constructor(
    readonly caller: AwsCaller,
    readonly options: AuditOptions,
    readonly findings: Finding[],
    readonly gaps: Gap[],
  ) {}

  /**
   * Calls AWS; on failure records a gap (service, IAM action, reason) and returns ok: false so the
   * audit goes on. Error names listed in `expect` are answers, not failures (S3 says "no such
   * configuration" with an error), and come back as `expected`.
   */
  async call<N extends CommandName>(
    name: N,
    region: string,
    input: CommandInput<N>,
    opts: { resource?: string; expect?: string[]; gapRegion?: string } = {},
  ): Promise<CallResult<N>> {
    try {
      return { ok: true, output: await this.caller.call(name, region, input) };
    } catch (error) {
      const code = errorName(error);
      if (opts.expect?.includes(code)) return { ok: false, expected: code };
      this.gaps.push({
        region: opts.gapRegion ?? region,
        service: serviceLabel(COMMANDS[name].service),
        action: COMMANDS[name].iam,
        reason: describeError(error),
        ...(opts.resource ? { resource: opts.resource } : {}),
      });
      if (classifyError(error) === "other" && process.env.SCRIPTS_DEBUG === "1") console.error(error);
      return { ok: false };
    }
  }

  /** Every page of a paginated call; stops (with a gap recorded) when a page fails. */
  async *pages<N extends CommandName>(
    name: N,
    region: string,
    input: CommandInput<N>,
    tokens: { in: string; out: string },
    opts: { gapRegion?: string } = {},
  ): AsyncGenerator<CommandOutput<N>> {
    let token: string | undefined;
    const seen = new Set<string>();
    do {
      const pageInput = { ...input, ...(token ? { [tokens.in]: token } : {}) } as CommandInput<N>;
      const result = await this.call(name, region, pageInput, opts);
      if (!result.ok) return;
      yield result.output;
      token = (result.output as unknown as Record<string, unknown>)[tokens.out] as string | undefined;
      // A service that hands back the same token again would loop forever.
      if (token && seen.has(token)) return;
      if (token) seen.add(token);
    } while (token);
  }

  add(finding: Finding): void {
    this.findings.push(finding);
  }

  /** The untagged-resources rule: required keys missing, or no tags of the owner's at all. */
  checkTags(region: string, service: string, resource: string, kind: string, tags: Array<{ Key?: string }> | undefined): void {
    const keys = new Set((tags ?? []).map((t) => t.Key ?? "").filter((k) => k && !k.startsWith("aws:")));
    const required = this.options.requiredTags;
    if (required.length > 0) {
      const missing = required.filter((k) => !keys.has(k));
      if (missing.length === 0) return;
      this.add({
        check: "untagged",
        severity: "low",
        region,
        service,
        resource,
        title: `${kind} missing required tags`,
        detail: `Missing: ${missing.join(", ")}`,
        fix: `Add the tags ${missing.join(", ")} (in the IaC that owns it; default tags at the provider or stack level catch new resources).`,
        monthlyCostUsd: null,
      });
    } else if (keys.size === 0) {
      this.add({
        check: "untagged",
        severity: "low",
        region,
        service,
        resource,
        title: `${kind} has no tags`,
        detail: "No tags (aws: tags ignored), so no owner or cost allocation",
        fix: "Tag it with at least an owner and a cost allocation key (pass --required-tags to check your own keys).",
        monthlyCostUsd: null,
      });
    }
  }
}

export function serviceLabel(service: string): string {
  const labels: Record<string, string> = {
    cloudwatch: "CloudWatch",
    ec2: "EC2",
    iam: "IAM",
    lambda: "Lambda",
    rds: "RDS",
    s3: "S3",
    sts: "STS",
  };
  return labels[service] ?? service;
}

export function daysBetween(earlier: Date, later: Date): number {
  return Math.floor((later.getTime() - earlier.getTime()) / 86_400_000);
}

/** Strictly older than `days` days (so 0 means "any age", which tests against fresh emulator data use). */
export function olderThanDays(created: Date, days: number, now: Date): boolean {
  return now.getTime() - created.getTime() > days * 86_400_000;
}
