// A fake account for the aws-sdk-client-mock tests: every registry command answers empty unless a
// test says otherwise, and `seedAccount` gives each check something to find.
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeNatGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { IAMClient, ListAccessKeysCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { LambdaClient, ListFunctionsCommand, ListTagsCommand } from "@aws-sdk/client-lambda";
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { AwsCaller, DEFAULT_CALL_SETTINGS } from "../src/resource-audit/call.js";
import type { AuditOptions } from "../src/resource-audit/types.js";

export const NOW = new Date("2026-11-26T12:00:00Z");
export const OWNER = [{ Key: "Owner", Value: "team-a" }];
export const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

export function mockAll() {
  const mocks = {
    cloudwatch: mockClient(CloudWatchClient),
    ec2: mockClient(EC2Client),
    iam: mockClient(IAMClient),
    lambda: mockClient(LambdaClient),
    rds: mockClient(RDSClient),
    s3: mockClient(S3Client),
    sts: mockClient(STSClient),
  };
  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: "123456789012" });
  mocks.cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  for (const C of [
    DescribeAddressesCommand,
    DescribeInstancesCommand,
    DescribeInstanceTypesCommand,
    DescribeNatGatewaysCommand,
    DescribeSecurityGroupsCommand,
    DescribeSnapshotsCommand,
    DescribeVolumesCommand,
  ]) {
    mocks.ec2.on(C as never).resolves({});
  }
  mocks.iam.on(ListUsersCommand).resolves({ Users: [] });
  mocks.iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [] });
  mocks.lambda.on(ListFunctionsCommand).resolves({ Functions: [] });
  mocks.lambda.on(ListTagsCommand).resolves({ Tags: {} });
  mocks.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
  mocks.rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
  mocks.s3.on(ListBucketsCommand).resolves({ Buckets: [] });
  mocks.s3.on(GetBucketLocationCommand).resolves({});
  mocks.s3.on(GetBucketTaggingCommand).resolves({ TagSet: OWNER });
  mocks.s3.on(GetPublicAccessBlockCommand).resolves({
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  });
  mocks.s3.on(GetBucketEncryptionCommand).resolves({
    ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
  });
  return mocks;
}
export type Mocks = ReturnType<typeof mockAll>;

export function restoreAll(mocks: Mocks): void {
  for (const m of Object.values(mocks)) m.restore();
}

/** An AWS error as the SDK throws it (the name is what the audit classifies). */
export function awsError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export function options(overrides: Partial<AuditOptions> = {}): AuditOptions {
  return {
    regions: ["us-east-1"],
    requiredTags: [],
    snapshotAgeDays: 90,
    accessKeyAgeDays: 90,
    natIdleDays: 14,
    // ruby3.3's date is 125 days after NOW; 180 lets the seeded fn-soon show the warning.
    runtimeWarningDays: 180,
    now: NOW,
    ...overrides,
  };
}

export function testCaller(overrides: Partial<typeof DEFAULT_CALL_SETTINGS> = {}, sleeps: number[] = []): AwsCaller {
  return new AwsCaller({
    ...DEFAULT_CALL_SETTINGS,
    timeoutMs: 2_000,
    backoffBaseMs: 100,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
}

/** One resource per finding, everything else clean (tagged, attached, private, encrypted). */
export function seedAccount(mocks: Mocks): void {
  mocks.ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      {
        Instances: [
          { InstanceId: "i-old", InstanceType: "m4.large", State: { Name: "running" }, Tags: OWNER },
          { InstanceId: "i-stopped", InstanceType: "m7g.large", State: { Name: "stopped" }, Tags: OWNER },
        ],
      },
    ],
  });
  mocks.ec2.on(DescribeInstanceTypesCommand).resolves({
    InstanceTypes: [
      { InstanceType: "m4.large", CurrentGeneration: false },
      { InstanceType: "m7g.large", CurrentGeneration: true },
    ],
  });
  mocks.ec2.on(DescribeVolumesCommand).resolves({
    Volumes: [
      { VolumeId: "vol-unattached", Size: 100, VolumeType: "gp3", State: "available", Iops: 3000, Throughput: 125, Tags: OWNER },
      { VolumeId: "vol-gp2", Size: 200, VolumeType: "gp2", State: "in-use", Tags: OWNER },
      { VolumeId: "vol-io2", Size: 50, VolumeType: "io2", State: "available", Iops: 1000, Tags: OWNER },
      { VolumeId: "vol-untagged", Size: 8, VolumeType: "gp3", State: "in-use" },
    ],
  });
  mocks.ec2.on(DescribeSnapshotsCommand).resolves({
    Snapshots: [
      { SnapshotId: "snap-old", VolumeSize: 40, StartTime: daysAgo(120), Tags: OWNER },
      { SnapshotId: "snap-new", VolumeSize: 40, StartTime: daysAgo(10), Tags: OWNER },
    ],
  });
  mocks.ec2.on(DescribeAddressesCommand).resolves({
    Addresses: [
      { AllocationId: "eipalloc-free", PublicIp: "198.51.100.1", Tags: OWNER },
      { AllocationId: "eipalloc-stopped", PublicIp: "198.51.100.2", InstanceId: "i-stopped", AssociationId: "eipassoc-1", Tags: OWNER },
      { AllocationId: "eipalloc-nat", PublicIp: "198.51.100.3", NetworkInterfaceId: "eni-nat", AssociationId: "eipassoc-2", Tags: OWNER },
    ],
  });
  mocks.ec2.on(DescribeNatGatewaysCommand).resolves({
    NatGateways: [
      { NatGatewayId: "nat-idle", State: "available", CreateTime: daysAgo(60), Tags: OWNER },
      { NatGatewayId: "nat-busy", State: "available", CreateTime: daysAgo(60), Tags: OWNER },
    ],
  });
  mocks.cloudwatch.on(GetMetricDataCommand).callsFake(async (input: { MetricDataQueries?: Array<{ MetricStat?: { Metric?: { Dimensions?: Array<{ Value?: string }> } } }> }) => {
    const id = input.MetricDataQueries?.[0]?.MetricStat?.Metric?.Dimensions?.[0]?.Value;
    return { MetricDataResults: [{ Id: "fromsource", Values: id === "nat-busy" ? [1024, 0] : [] }] };
  });
  mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({
    SecurityGroups: [
      { GroupId: "sg-default", GroupName: "default", IpPermissions: [] },
      {
        GroupId: "sg-open",
        GroupName: "bastion",
        Tags: OWNER,
        IpPermissions: [
          { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
          { IpProtocol: "tcp", FromPort: 5432, ToPort: 5432, Ipv6Ranges: [{ CidrIpv6: "::/0" }] },
          { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
        ],
      },
      {
        GroupId: "sg-private",
        GroupName: "app",
        Tags: OWNER,
        IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "10.0.0.0/16" }] }],
      },
    ],
  });
  mocks.rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      { DBInstanceIdentifier: "db-public", Engine: "postgres", PubliclyAccessible: true, StorageEncrypted: true, TagList: OWNER },
      { DBInstanceIdentifier: "db-plain", Engine: "mysql", PubliclyAccessible: false, StorageEncrypted: false, TagList: OWNER },
      { DBInstanceIdentifier: "aurora-1", Engine: "aurora-postgresql", DBClusterIdentifier: "aurora", StorageEncrypted: false, TagList: OWNER },
    ],
  });
  mocks.rds.on(DescribeDBClustersCommand).resolves({
    DBClusters: [{ DBClusterIdentifier: "aurora", Engine: "aurora-postgresql", StorageEncrypted: false, TagList: OWNER }],
  });
  mocks.lambda.on(ListFunctionsCommand).resolves({
    Functions: [
      { FunctionName: "fn-old", FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn-old", Runtime: "python3.9" },
      { FunctionName: "fn-soon", FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn-soon", Runtime: "ruby3.3" },
      { FunctionName: "fn-ok", FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn-ok", Runtime: "nodejs24.x" },
    ],
  });
  mocks.lambda.on(ListTagsCommand).resolves({ Tags: { Owner: "team-a" } });
  mocks.iam.on(ListUsersCommand).resolves({ Users: [{ UserName: "ci", UserId: "AID1", Arn: "arn:aws:iam::123456789012:user/ci", Path: "/", CreateDate: daysAgo(400) }] });
  mocks.iam.on(ListAccessKeysCommand).resolves({
    AccessKeyMetadata: [
      { UserName: "ci", AccessKeyId: "AKIAOLD", Status: "Active", CreateDate: daysAgo(200) },
      { UserName: "ci", AccessKeyId: "AKIAINACTIVE", Status: "Inactive", CreateDate: daysAgo(300) },
      { UserName: "ci", AccessKeyId: "AKIANEW", Status: "Active", CreateDate: daysAgo(5) },
    ],
  });
  mocks.s3.on(ListBucketsCommand).resolves({
    Buckets: [
      { Name: "open-bucket", BucketRegion: "us-east-1" },
      { Name: "clean-bucket", BucketRegion: "us-east-1" },
      { Name: "elsewhere", BucketRegion: "ap-south-1" },
    ],
  });
  mocks.s3.on(GetPublicAccessBlockCommand, { Bucket: "open-bucket" }).rejects(awsError("NoSuchPublicAccessBlockConfiguration"));
  mocks.s3.on(GetBucketEncryptionCommand, { Bucket: "open-bucket" }).rejects(awsError("ServerSideEncryptionConfigurationNotFoundError"));
  mocks.s3.on(GetBucketTaggingCommand, { Bucket: "open-bucket" }).rejects(awsError("NoSuchTagSet"));
}

/** [check, severity, region, resource, monthly cost] of every finding of the seeded account in us-east-1. */
export const SEEDED_FINDINGS: Array<[string, string, string, string, number | null]> = [
  ["sg-open-admin-port", "critical", "us-east-1", "sg-open (bastion)", null],
  ["iam-old-access-key", "high", "global", "ci/AKIAOLD", null],
  ["lambda-deprecated-runtime", "high", "us-east-1", "fn-old", null],
  ["rds-public", "high", "us-east-1", "db-public", null],
  ["rds-unencrypted", "high", "us-east-1", "aurora", null],
  ["rds-unencrypted", "high", "us-east-1", "db-plain", null],
  ["s3-public-access-block", "high", "us-east-1", "open-bucket", null],
  ["ebs-unattached", "medium", "us-east-1", "vol-io2", null],
  ["ebs-unattached", "medium", "us-east-1", "vol-unattached", 8],
  ["eip-unassociated", "medium", "us-east-1", "eipalloc-free (198.51.100.1)", 3.65],
  ["nat-idle", "medium", "us-east-1", "nat-idle", 32.85],
  ["s3-default-encryption", "medium", "us-east-1", "open-bucket", null],
  ["ebs-gp2", "low", "us-east-1", "vol-gp2", 4],
  ["ebs-old-snapshot", "low", "us-east-1", "snap-old", 2],
  ["ec2-previous-generation", "low", "us-east-1", "i-old", null],
  ["lambda-runtime-deprecating", "low", "us-east-1", "fn-soon", null],
  ["public-ipv4-idle", "low", "us-east-1", "eipalloc-stopped (198.51.100.2)", 3.65],
  ["untagged", "low", "us-east-1", "open-bucket", null],
  ["untagged", "low", "us-east-1", "vol-untagged", null],
];
