// resource-audit against aws-sdk-client-mock: exact findings, pagination, throttling, AccessDenied,
// an empty account, several Regions, and a timeout on every command.
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeAddressesCommand, DescribeVolumesCommand } from "@aws-sdk/client-ec2";
import { ListAccessKeysCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { DescribeDBClustersCommand, DescribeDBInstancesCommand } from "@aws-sdk/client-rds";
import { GetBucketEncryptionCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAudit } from "../src/resource-audit/audit.js";
import { main } from "../src/resource-audit/cli.js";
import { runMain } from "../src/shared/index.js";
import { COMMANDS, type CommandName } from "../src/resource-audit/registry.js";
import type { AuditResult } from "../src/resource-audit/types.js";
import { awsError, type Mocks, mockAll, NOW, options, OWNER, restoreAll, SEEDED_FINDINGS, seedAccount, testCaller } from "./audit-mock-account.js";

let mocks: Mocks;
beforeEach(() => {
  mocks = mockAll();
});
afterEach(() => restoreAll(mocks));

const summary = (result: AuditResult) => result.findings.map((f) => [f.check, f.severity, f.region, f.resource, f.monthlyCostUsd]);

async function cli(args: string[]) {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
  const code = await runMain("resource-audit", (out) => main(args, out, { now: NOW, sleep: async () => {}, backoffBaseMs: 1 }), io);
  return { code, stdout, stderr };
}

describe("resource-audit with a mocked account", () => {
  it("finds exactly the seeded problems, with costs from skill/data", async () => {
    seedAccount(mocks);
    const result = await runAudit(testCaller(), options());
    expect(result.gaps).toEqual([]);
    expect(summary(result)).toEqual(SEEDED_FINDINGS);
    const sg = result.findings.find((f) => f.check === "sg-open-admin-port")!;
    expect(sg.detail).toBe("SSH (22) from 0.0.0.0/0; PostgreSQL (5432) from ::/0");
    const io2 = result.findings.find((f) => f.resource === "vol-io2")!;
    expect(io2.costBasis).toBe("not priced: no price record for io2 volumes in skill/data");
  });

  it("reports an empty account as clean: exit 0, no findings", async () => {
    const run = await cli(["--region", "us-east-1"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("## Resource audit: account 123456789012");
    expect(run.stdout).toContain("No findings.");
    expect(run.stdout).not.toContain("Not audited");
  });

  it("exits 1 at or above --severity and 0 below it; --json carries the same findings", async () => {
    seedAccount(mocks);
    const json = await cli(["--region", "us-east-1", "--json", "--runtime-warning-days", "180"]);
    expect(json.code).toBe(1);
    const data = JSON.parse(json.stdout);
    expect(data.findings.map((f: { check: string; resource: string }) => [f.check, f.resource])).toEqual(SEEDED_FINDINGS.map((f) => [f[0], f[3]]));
    expect(data.summary).toEqual({ findings: 19, bySeverity: { critical: 1, high: 6, medium: 5, low: 7 }, monthlyCostUsd: 54.15 });
    expect(data.prices.map((p: { fact: string }) => p.fact)).toContain("networking.price-nat-gateway-hour");

    const critical = await cli(["--region", "us-east-1", "--severity", "critical"]);
    expect(critical.code).toBe(1);
    restoreAll(mocks);
    mocks = mockAll();
    mocks.ec2.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeId: "vol-gp2", Size: 10, VolumeType: "gp2", State: "in-use", Tags: OWNER }] });
    expect((await cli(["--region", "us-east-1", "--severity", "medium"])).code).toBe(0);
    expect((await cli(["--region", "us-east-1", "--severity", "low"])).code).toBe(1);
  });

  it("prints findings grouped by severity with the fix, as a markdown table", async () => {
    seedAccount(mocks);
    const run = await cli(["--region", "us-east-1"]);
    const headings = run.stdout.split("\n").filter((l) => l.startsWith("### "));
    expect(headings).toEqual(["### Critical (1)", "### High (6)", "### Medium (5)", "### Low (6)"]);
    // Worked by hand: medium 8 + 3.65 + 32.85 (io2 not priced); low 4 (gp2 saving) + 2 + 3.65.
    expect(run.stdout).toContain(
      "| critical | 1 | - |\n| high | 6 | - |\n| medium | 5 | $44.50 |\n| low | 6 | $9.65 |\n| **total** | **18** | **$54.15** |",
    );
    expect(run.stdout).toContain("| us-east-1 | EC2 nat-idle | **Idle NAT gateway**: No bytes processed in 14 days (CloudWatch AWS/NATGateway) | $32.85 |");
    expect(run.stdout).toContain("| us-east-1 | EC2 vol-gp2 | **gp2 volume (move to gp3)**");
    expect(run.stdout).toContain("$4.00 saved");
  });

  it("follows every page of paginated answers", async () => {
    mocks.ec2
      .on(DescribeVolumesCommand)
      .resolvesOnce({ Volumes: [{ VolumeId: "vol-a", Size: 1, VolumeType: "gp3", State: "available", Tags: OWNER }], NextToken: "page-2" })
      .resolvesOnce({ Volumes: [{ VolumeId: "vol-b", Size: 1, VolumeType: "gp3", State: "available", Tags: OWNER }] });
    mocks.lambda
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [{ FunctionName: "f1", FunctionArn: "arn:f1", Runtime: "nodejs16.x" }], NextMarker: "m2" })
      .resolvesOnce({ Functions: [{ FunctionName: "f2", FunctionArn: "arn:f2", Runtime: "nodejs18.x" }] });
    mocks.lambda.on(ListFunctionsCommand, { Marker: "m2" }).resolves({ Functions: [{ FunctionName: "f2", FunctionArn: "arn:f2", Runtime: "nodejs18.x" }] });
    mocks.iam.on(ListUsersCommand).resolvesOnce({ Users: [{ UserName: "u1" } as never], IsTruncated: true, Marker: "u2" }).resolvesOnce({ Users: [{ UserName: "u2" } as never] });
    mocks.iam.on(ListAccessKeysCommand).callsFake(async (input: { UserName: string }) => ({
      AccessKeyMetadata: [{ UserName: input.UserName, AccessKeyId: `K-${input.UserName}`, Status: "Active", CreateDate: new Date("2025-01-01") }],
    }));
    mocks.rds.on(DescribeDBInstancesCommand).resolvesOnce({ DBInstances: [{ DBInstanceIdentifier: "d1", PubliclyAccessible: true, TagList: OWNER }], Marker: "r2" }).resolvesOnce({ DBInstances: [{ DBInstanceIdentifier: "d2", PubliclyAccessible: true, TagList: OWNER }] });
    mocks.s3.on(ListBucketsCommand).resolvesOnce({ Buckets: [{ Name: "b1", BucketRegion: "us-east-1" }], ContinuationToken: "c2" }).resolvesOnce({ Buckets: [{ Name: "b2", BucketRegion: "us-east-1" }] });
    mocks.s3.on(GetBucketEncryptionCommand).rejects(awsError("ServerSideEncryptionConfigurationNotFoundError"));

    const result = await runAudit(testCaller(), options());
    expect(result.gaps).toEqual([]);
    expect(result.findings.map((f) => `${f.check} ${f.resource}`).sort()).toEqual(
      [
        "ebs-unattached vol-a",
        "ebs-unattached vol-b",
        "iam-old-access-key u1/K-u1",
        "iam-old-access-key u2/K-u2",
        "lambda-deprecated-runtime f1",
        "lambda-deprecated-runtime f2",
        "rds-public d1",
        "rds-public d2",
        "s3-default-encryption b1",
        "s3-default-encryption b2",
        "untagged f1",
        "untagged f2",
      ].sort(),
    );
    expect(mocks.ec2.commandCalls(DescribeVolumesCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, "page-2"]);
    expect(mocks.iam.commandCalls(ListUsersCommand).map((c) => c.args[0].input.Marker)).toEqual([undefined, "u2"]);
    expect(mocks.rds.commandCalls(DescribeDBInstancesCommand).map((c) => c.args[0].input.Marker)).toEqual([undefined, "r2"]);
    expect(mocks.s3.commandCalls(ListBucketsCommand).map((c) => c.args[0].input.ContinuationToken)).toEqual([undefined, "c2"]);
  });

  it("retries a throttled call with growing backoff, then succeeds", async () => {
    mocks.ec2
      .on(DescribeVolumesCommand)
      .rejectsOnce(awsError("RequestLimitExceeded"))
      .rejectsOnce(awsError("RequestLimitExceeded"))
      .resolves({ Volumes: [{ VolumeId: "vol-a", Size: 10, VolumeType: "gp3", State: "available", Tags: OWNER }] });
    const sleeps: number[] = [];
    const result = await runAudit(testCaller({}, sleeps), options());
    expect(result.gaps).toEqual([]);
    expect(result.findings.map((f) => f.resource)).toEqual(["vol-a"]);
    expect(mocks.ec2.commandCalls(DescribeVolumesCommand)).toHaveLength(3);
    // 100 ms then 200 ms, each plus up to 25 % jitter.
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(100);
    expect(sleeps[0]).toBeLessThanOrEqual(125);
    expect(sleeps[1]).toBeGreaterThanOrEqual(200);
    expect(sleeps[1]).toBeLessThanOrEqual(250);
  });

  it("gives up on a call throttled every time, reports it, and audits the rest", async () => {
    seedAccount(mocks);
    mocks.lambda.on(ListFunctionsCommand).rejects(awsError("TooManyRequestsException"));
    const result = await runAudit(testCaller({ throttleAttempts: 4 }), options());
    expect(mocks.lambda.commandCalls(ListFunctionsCommand)).toHaveLength(4);
    expect(result.gaps).toEqual([{ region: "us-east-1", service: "Lambda", action: "lambda:ListFunctions", reason: "throttled by AWS after every retry" }]);
    expect(summary(result)).toEqual(SEEDED_FINDINGS.filter((f) => !f[0].startsWith("lambda-")));
  });

  it("lists a service it was denied and goes on with the others", async () => {
    seedAccount(mocks);
    mocks.rds.on(DescribeDBInstancesCommand).rejects(awsError("AccessDenied", "User is not authorized to perform: rds:DescribeDBInstances"));
    mocks.rds.on(DescribeDBClustersCommand).rejects(awsError("AccessDenied"));
    mocks.s3.on(GetBucketEncryptionCommand, { Bucket: "clean-bucket" }).rejects(awsError("AccessDenied"));
    const run = await cli(["--region", "us-east-1", "--runtime-warning-days", "180", "--json"]);
    expect(run.code).toBe(1);
    const data = JSON.parse(run.stdout);
    expect(data.notAudited).toEqual([
      { region: "us-east-1", service: "RDS", action: "rds:DescribeDBClusters", reason: "access denied" },
      { region: "us-east-1", service: "RDS", action: "rds:DescribeDBInstances", reason: "access denied" },
      { region: "us-east-1", service: "S3", action: "s3:GetEncryptionConfiguration", reason: "access denied", resource: "clean-bucket" },
    ]);
    expect(data.findings.map((f: { check: string; resource: string }) => [f.check, f.resource])).toEqual(
      SEEDED_FINDINGS.filter((f) => !f[0].startsWith("rds-")).map((f) => [f[0], f[3]]),
    );
    const markdown = await cli(["--region", "us-east-1"]);
    expect(markdown.stdout).toContain("### Not audited (3)");
    expect(markdown.stdout).toContain("| us-east-1 | RDS | rds:DescribeDBInstances | access denied | all |");
    expect(markdown.stdout).toContain("| us-east-1 | S3 | s3:GetEncryptionConfiguration | access denied | clean-bucket |");
  });

  it("audits several Regions; prices only where a record covers the Region", async () => {
    mocks.ec2.on(DescribeVolumesCommand).callsFake(async (_input: unknown, getClient: () => { config: { region: () => Promise<string> } }) => {
      const region = await getClient().config.region();
      return { Volumes: [{ VolumeId: `vol-${region}`, Size: 100, VolumeType: "gp3", State: "available", Tags: OWNER }] };
    });
    mocks.ec2.on(DescribeAddressesCommand).callsFake(async (_input: unknown, getClient: () => { config: { region: () => Promise<string> } }) => {
      const region = await getClient().config.region();
      return { Addresses: [{ AllocationId: `eipalloc-${region}`, Tags: OWNER }] };
    });
    mocks.s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: "eu-bucket", BucketRegion: "eu-west-1" }, { Name: "us-bucket", BucketRegion: "us-east-1" }] });
    mocks.s3.on(GetBucketEncryptionCommand, { Bucket: "eu-bucket" }).rejects(awsError("ServerSideEncryptionConfigurationNotFoundError"));
    const run = await cli(["--regions", "us-east-1,eu-west-1", "--json"]);
    expect(run.stderr).toBe("");
    const data = JSON.parse(run.stdout);
    expect(data.regions).toEqual(["us-east-1", "eu-west-1"]);
    expect(data.findings.map((f: { check: string; region: string; resource: string; monthlyCostUsd: number | null; costBasis?: string }) => [f.check, f.region, f.resource, f.monthlyCostUsd, f.costBasis?.slice(0, 11)])).toEqual([
      ["ebs-unattached", "eu-west-1", "vol-eu-west-1", null, "not priced:"],
      ["eip-unassociated", "eu-west-1", "eipalloc-eu-west-1", 3.65, "730 h x $0."],
      ["s3-default-encryption", "eu-west-1", "eu-bucket", null, undefined],
      ["ebs-unattached", "us-east-1", "vol-us-east-1", 8, "100 GiB x $"],
      ["eip-unassociated", "us-east-1", "eipalloc-us-east-1", 3.65, "730 h x $0."],
    ]);
    expect(data.findings[0].costBasis).toBe("not priced: the ebs.price-gp3-storage record is for us-east-1 only");
  });

  const hangable = (Object.keys(COMMANDS) as CommandName[]).filter((name) => name !== "GetCallerIdentity");
  it.each(hangable)("bounds %s with a timeout and reports it as not audited", async (name) => {
    seedAccount(mocks);
    // Make GetBucketLocation necessary: one bucket without BucketRegion in the listing.
    mocks.s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: "open-bucket" }] });
    const service = COMMANDS[name].service as keyof Mocks;
    // The union of the seven mocks' `on` signatures is not callable as such; any mock takes any command.
    (mocks[service] as unknown as Mocks["ec2"]).on(COMMANDS[name].command as never).callsFake(() => new Promise(() => {}));
    // 300 ms: long enough that an answered mock call never hits it on a loaded machine.
    const result = await runAudit(testCaller({ timeoutMs: 300 }), options());
    const timedOut = result.gaps.filter((g) => g.reason === "timed out after 0.3 s");
    expect(timedOut.length).toBeGreaterThan(0);
    expect(timedOut.every((g) => g.action === COMMANDS[name].iam)).toBe(true);
    expect(result.gaps.filter((g) => g.reason !== "timed out after 0.3 s")).toEqual([]);
  }, 10_000);

  it("exits 2 with how to configure credentials when there are none or STS does not answer", async () => {
    const missing = awsError("CredentialsProviderError", "Could not load credentials from any providers");
    mocks.sts.on(GetCallerIdentityCommand).rejects(missing);
    const none = await cli(["--region", "us-east-1"]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("resource-audit: no AWS credentials found\n");
    expect(none.stderr).toContain("aws sso login --profile NAME && export AWS_PROFILE=NAME");

    mocks.sts.on(GetCallerIdentityCommand).rejects(awsError("InvalidClientTokenId", "The security token included in the request is invalid."));
    const rejected = await cli(["--region", "us-east-1"]);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain("resource-audit: AWS rejected the credentials (credentials rejected (InvalidClientTokenId))");

    mocks.sts.on(GetCallerIdentityCommand).callsFake(() => new Promise(() => {}));
    const hung = await cli(["--region", "us-east-1", "--timeout-seconds", "1"]);
    expect(hung.code).toBe(2);
    expect(hung.stderr).toContain("resource-audit: could not reach AWS STS in us-east-1 (timed out after 1 s)");
  });

  it("rejects usage mistakes with exit 2 and a message", async () => {
    expect((await cli(["--region", "mars-1"])).stderr).toBe('resource-audit: "mars-1" is not an AWS Region code (like us-east-1)\n');
    expect((await cli(["--region", "us-east-1", "--severity", "urgent"])).stderr).toBe('--severity must be one of critical, high, medium, low (got "urgent")\n');
    expect((await cli(["--region", "us-east-1", "--snapshot-age-days", "-3"])).code).toBe(2);
    expect((await cli(["--bogus"])).code).toBe(2);
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: resource-audit/);
    expect(mocks.cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });
});
