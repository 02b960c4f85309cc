// EC2 instances (previous-generation types, tags) and Lambda functions (deprecated runtimes, tags).
import type { _InstanceType } from "@aws-sdk/client-ec2";
import { type CheckContext, daysBetween } from "../context.js";
import { RUNTIME_DEPRECATION_FACT, runtimeDeprecationDates } from "../prices.js";

/** Returns instance id -> state, for the idle public IPv4 check; undefined when instances could not be listed. */
export async function checkInstances(ctx: CheckContext, region: string): Promise<Map<string, string> | undefined> {
  const states = new Map<string, string>();
  const byType = new Map<string, string[]>();
  const input = { Filters: [{ Name: "instance-state-name", Values: ["pending", "running", "stopping", "stopped"] }], MaxResults: 1000 };
  let pages = 0;
  for await (const page of ctx.pages("DescribeInstances", region, input, { in: "NextToken", out: "NextToken" })) {
    pages++;
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) {
        const id = instance.InstanceId ?? "(unnamed instance)";
        states.set(id, instance.State?.Name ?? "unknown");
        ctx.checkTags(region, "EC2", id, "EC2 instance", instance.Tags);
        if (instance.InstanceType) byType.set(instance.InstanceType, [...(byType.get(instance.InstanceType) ?? []), id]);
      }
    }
  }
  if (pages === 0) return undefined;

  // The API says which types are current generation; no list of ours to go stale.
  const types = [...byType.keys()].sort();
  for (let i = 0; i < types.length; i += 100) {
    const batch = types.slice(i, i + 100);
    const result = await ctx.call("DescribeInstanceTypes", region, { InstanceTypes: batch as _InstanceType[] });
    if (!result.ok) continue;
    for (const info of result.output.InstanceTypes ?? []) {
      if (info.CurrentGeneration !== false || !info.InstanceType) continue;
      for (const id of byType.get(info.InstanceType) ?? []) {
        ctx.add({
          check: "ec2-previous-generation",
          severity: "low",
          region,
          service: "EC2",
          resource: id,
          title: "Previous-generation instance type",
          detail: `${info.InstanceType} is a previous-generation type`,
          fix: "Move to a current-generation type of the same size (Graviton where the software runs on arm64); newer types usually cost less for the same work.",
          monthlyCostUsd: null,
          costBasis: "not priced: no price records for EC2 instance types",
        });
      }
    }
  }
  return states;
}

export async function checkFunctions(ctx: CheckContext, region: string): Promise<void> {
  const { now, runtimeWarningDays } = ctx.options;
  const deprecations = runtimeDeprecationDates();
  for await (const page of ctx.pages("ListFunctions", region, { MaxItems: 50 }, { in: "Marker", out: "NextMarker" })) {
    for (const fn of page.Functions ?? []) {
      const name = fn.FunctionName ?? "(unnamed function)";
      if (fn.FunctionArn) {
        const tags = await ctx.call("ListTags", region, { Resource: fn.FunctionArn }, { resource: name });
        if (tags.ok) {
          const list = Object.keys(tags.output.Tags ?? {}).map((Key) => ({ Key }));
          ctx.checkTags(region, "Lambda", name, "Lambda function", list);
        }
      }
      const runtime = fn.Runtime;
      const date = runtime ? deprecations.get(runtime) : undefined;
      if (!runtime || !date) continue;
      const days = daysBetween(new Date(`${date}T00:00:00Z`), now);
      if (days >= 0) {
        ctx.add({
          check: "lambda-deprecated-runtime",
          severity: "high",
          region,
          service: "Lambda",
          resource: name,
          title: "Deprecated Lambda runtime",
          detail: `${runtime}, deprecated on ${date} (${RUNTIME_DEPRECATION_FACT}); no more security patches`,
          fix: "Move to a supported runtime of the same language (test, then update the function's runtime in its IaC).",
          monthlyCostUsd: null,
        });
      } else if (-days <= runtimeWarningDays) {
        ctx.add({
          check: "lambda-runtime-deprecating",
          severity: "low",
          region,
          service: "Lambda",
          resource: name,
          title: "Lambda runtime deprecated soon",
          detail: `${runtime} is deprecated on ${date}, in ${-days} days (${RUNTIME_DEPRECATION_FACT})`,
          fix: "Plan the move to a newer runtime of the same language before that date.",
          monthlyCostUsd: null,
        });
      }
    }
  }
}
