// Runs every check over every Region (and the global services once) and returns sorted findings
// plus the parts of the account that could not be seen.
import type { AwsCaller } from "./call.js";
import { checkFunctions, checkInstances } from "./checks/compute.js";
import { checkBuckets, checkDatabases } from "./checks/data.js";
import { checkAccessKeys } from "./checks/iam.js";
import { checkAddresses, checkNatGateways, checkSecurityGroups } from "./checks/network.js";
import { checkSnapshots, checkVolumes } from "./checks/storage.js";
import { CheckContext } from "./context.js";
import { type AuditOptions, type AuditResult, type Finding, type Gap, severityRank } from "./types.js";

export async function runAudit(caller: AwsCaller, options: AuditOptions): Promise<AuditResult> {
  const findings: Finding[] = [];
  const gaps: Gap[] = [];
  const ctx = new CheckContext(caller, options, findings, gaps);
  // A bug in one check must not hide the others' results; it shows as a gap instead of a stack trace.
  const guarded = async (region: string, what: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      if (process.env.SCRIPTS_DEBUG === "1") console.error(error);
      gaps.push({ region, service: what, action: "(audit)", reason: `internal error (a bug in resource-audit; SCRIPTS_DEBUG=1 shows more): ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  for (const region of options.regions) {
    let states: Map<string, string> | undefined;
    await guarded(region, "EC2", async () => {
      states = await checkInstances(ctx, region);
    });
    await Promise.all([
      guarded(region, "EC2", () => checkAddresses(ctx, region, states)),
      guarded(region, "EC2", () => checkVolumes(ctx, region)),
      guarded(region, "EC2", () => checkSnapshots(ctx, region)),
      guarded(region, "EC2", () => checkNatGateways(ctx, region)),
      guarded(region, "EC2", () => checkSecurityGroups(ctx, region)),
      guarded(region, "RDS", () => checkDatabases(ctx, region)),
      guarded(region, "Lambda", () => checkFunctions(ctx, region)),
    ]);
  }
  await Promise.all([guarded("global", "S3", () => checkBuckets(ctx)), guarded("global", "IAM", () => checkAccessKeys(ctx))]);

  findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      a.region.localeCompare(b.region) ||
      a.check.localeCompare(b.check) ||
      a.resource.localeCompare(b.resource),
  );
  gaps.sort((a, b) => a.region.localeCompare(b.region) || a.action.localeCompare(b.action) || (a.resource ?? "").localeCompare(b.resource ?? ""));
  return { findings, gaps };
}
