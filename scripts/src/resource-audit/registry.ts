// The only module that names AWS SDK commands. Every call the audit makes goes through `callAws`
// with a key of COMMANDS, so this table is the complete list of what the script can send; a test
// checks each is a Describe/List/Get and that scripts/iam/resource-audit-policy.json grants exactly
// the IAM actions named here.
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
import type { GetMetricDataCommandInput, GetMetricDataCommandOutput } from "@aws-sdk/client-cloudwatch";
import type { DescribeAddressesCommandInput, DescribeAddressesCommandOutput, DescribeInstancesCommandInput, DescribeInstancesCommandOutput, DescribeInstanceTypesCommandInput, DescribeInstanceTypesCommandOutput, DescribeNatGatewaysCommandInput, DescribeNatGatewaysCommandOutput, DescribeSecurityGroupsCommandInput, DescribeSecurityGroupsCommandOutput, DescribeSnapshotsCommandInput, DescribeSnapshotsCommandOutput, DescribeVolumesCommandInput, DescribeVolumesCommandOutput } from "@aws-sdk/client-ec2";
import type { ListUsersCommandInput, ListUsersCommandOutput, ListAccessKeysCommandInput, ListAccessKeysCommandOutput } from "@aws-sdk/client-iam";
import type { ListFunctionsCommandInput, ListFunctionsCommandOutput, ListTagsCommandInput, ListTagsCommandOutput } from "@aws-sdk/client-lambda";
import type { DescribeDBInstancesCommandInput, DescribeDBInstancesCommandOutput, DescribeDBClustersCommandInput, DescribeDBClustersCommandOutput } from "@aws-sdk/client-rds";
import type { ListBucketsCommandInput, ListBucketsCommandOutput, GetBucketLocationCommandInput, GetBucketLocationCommandOutput, GetBucketTaggingCommandInput, GetBucketTaggingCommandOutput, GetPublicAccessBlockCommandInput, GetPublicAccessBlockCommandOutput, GetBucketEncryptionCommandInput, GetBucketEncryptionCommandOutput } from "@aws-sdk/client-s3";
import type { GetCallerIdentityCommandInput, GetCallerIdentityCommandOutput } from "@aws-sdk/client-sts";

export const CLIENT_CLASSES = {
  cloudwatch: CloudWatchClient,
  ec2: EC2Client,
  iam: IAMClient,
  lambda: LambdaClient,
  rds: RDSClient,
  s3: S3Client,
  sts: STSClient,
} as const;
export type ServiceName = keyof typeof CLIENT_CLASSES;

// Key: the command's name as the SDK spells it. `iam` is the IAM action that authorizes it; the
// names differ for some S3 calls, hence the explicit map.
export const COMMANDS = {
  GetMetricData: { service: "cloudwatch", command: GetMetricDataCommand, iam: "cloudwatch:GetMetricData" },
  DescribeAddresses: { service: "ec2", command: DescribeAddressesCommand, iam: "ec2:DescribeAddresses" },
  DescribeInstances: { service: "ec2", command: DescribeInstancesCommand, iam: "ec2:DescribeInstances" },
  DescribeInstanceTypes: { service: "ec2", command: DescribeInstanceTypesCommand, iam: "ec2:DescribeInstanceTypes" },
  DescribeNatGateways: { service: "ec2", command: DescribeNatGatewaysCommand, iam: "ec2:DescribeNatGateways" },
  DescribeSecurityGroups: { service: "ec2", command: DescribeSecurityGroupsCommand, iam: "ec2:DescribeSecurityGroups" },
  DescribeSnapshots: { service: "ec2", command: DescribeSnapshotsCommand, iam: "ec2:DescribeSnapshots" },
  DescribeVolumes: { service: "ec2", command: DescribeVolumesCommand, iam: "ec2:DescribeVolumes" },
  ListUsers: { service: "iam", command: ListUsersCommand, iam: "iam:ListUsers" },
  ListAccessKeys: { service: "iam", command: ListAccessKeysCommand, iam: "iam:ListAccessKeys" },
  ListFunctions: { service: "lambda", command: ListFunctionsCommand, iam: "lambda:ListFunctions" },
  ListTags: { service: "lambda", command: ListTagsCommand, iam: "lambda:ListTags" },
  DescribeDBInstances: { service: "rds", command: DescribeDBInstancesCommand, iam: "rds:DescribeDBInstances" },
  DescribeDBClusters: { service: "rds", command: DescribeDBClustersCommand, iam: "rds:DescribeDBClusters" },
  ListBuckets: { service: "s3", command: ListBucketsCommand, iam: "s3:ListAllMyBuckets" },
  GetBucketLocation: { service: "s3", command: GetBucketLocationCommand, iam: "s3:GetBucketLocation" },
  GetBucketTagging: { service: "s3", command: GetBucketTaggingCommand, iam: "s3:GetBucketTagging" },
  GetPublicAccessBlock: { service: "s3", command: GetPublicAccessBlockCommand, iam: "s3:GetBucketPublicAccessBlock" },
  GetBucketEncryption: { service: "s3", command: GetBucketEncryptionCommand, iam: "s3:GetEncryptionConfiguration" },
  GetCallerIdentity: { service: "sts", command: GetCallerIdentityCommand, iam: "sts:GetCallerIdentity" },
} as const;
export type CommandName = keyof typeof COMMANDS;

interface CommandIO {
  GetMetricData: [GetMetricDataCommandInput, GetMetricDataCommandOutput];
  DescribeAddresses: [DescribeAddressesCommandInput, DescribeAddressesCommandOutput];
  DescribeInstances: [DescribeInstancesCommandInput, DescribeInstancesCommandOutput];
  DescribeInstanceTypes: [DescribeInstanceTypesCommandInput, DescribeInstanceTypesCommandOutput];
  DescribeNatGateways: [DescribeNatGatewaysCommandInput, DescribeNatGatewaysCommandOutput];
  DescribeSecurityGroups: [DescribeSecurityGroupsCommandInput, DescribeSecurityGroupsCommandOutput];
  DescribeSnapshots: [DescribeSnapshotsCommandInput, DescribeSnapshotsCommandOutput];
  DescribeVolumes: [DescribeVolumesCommandInput, DescribeVolumesCommandOutput];
  ListUsers: [ListUsersCommandInput, ListUsersCommandOutput];
  ListAccessKeys: [ListAccessKeysCommandInput, ListAccessKeysCommandOutput];
  ListFunctions: [ListFunctionsCommandInput, ListFunctionsCommandOutput];
  ListTags: [ListTagsCommandInput, ListTagsCommandOutput];
  DescribeDBInstances: [DescribeDBInstancesCommandInput, DescribeDBInstancesCommandOutput];
  DescribeDBClusters: [DescribeDBClustersCommandInput, DescribeDBClustersCommandOutput];
  ListBuckets: [ListBucketsCommandInput, ListBucketsCommandOutput];
  GetBucketLocation: [GetBucketLocationCommandInput, GetBucketLocationCommandOutput];
  GetBucketTagging: [GetBucketTaggingCommandInput, GetBucketTaggingCommandOutput];
  GetPublicAccessBlock: [GetPublicAccessBlockCommandInput, GetPublicAccessBlockCommandOutput];
  GetBucketEncryption: [GetBucketEncryptionCommandInput, GetBucketEncryptionCommandOutput];
  GetCallerIdentity: [GetCallerIdentityCommandInput, GetCallerIdentityCommandOutput];
}
export type CommandInput<N extends CommandName> = CommandIO[N][0];
export type CommandOutput<N extends CommandName> = CommandIO[N][1];

/** Builds the SDK command object for a registry entry. */
export function buildCommand<N extends CommandName>(name: N, input: CommandInput<N>): unknown {
  const Command = COMMANDS[name].command as unknown as new (input: CommandInput<N>) => unknown;
  return new Command(input);
}
