// Seeds a moto_server account through the SDK with one resource per resource-audit finding (and
// clean resources that must not be reported), and returns the findings the audit must print.
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNatGatewayCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  RegisterImageCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  type Tag,
} from "@aws-sdk/client-ec2";
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateDBInstanceCommand, RDSClient } from "@aws-sdk/client-rds";
import { CreateBucketCommand, PutBucketEncryptionCommand, PutBucketTaggingCommand, PutPublicAccessBlockCommand, S3Client } from "@aws-sdk/client-s3";

export interface SeededIds {
  /** "<check> <region> <resource> <monthly cost>" of every finding the audit must report. */
  expected: string[];
}

const OWNER: Tag[] = [{ Key: "Owner", Value: "audit-test" }];
const tagged = (ResourceType: string) => [{ ResourceType, Tags: OWNER }] as never;

export async function seedMotoAccount(endpoint: string): Promise<SeededIds> {
  const config = (region: string) => ({ region, endpoint, credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, maxAttempts: 1 });
  const ec2 = new EC2Client(config("us-east-1"));
  const ec2eu = new EC2Client(config("eu-west-1"));
  const s3 = new S3Client({ ...config("us-east-1"), forcePathStyle: true });
  const iam = new IAMClient(config("us-east-1"));
  const lambda = new LambdaClient(config("us-east-1"));
  const rds = new RDSClient(config("us-east-1"));
  const expected: string[] = [];
  const us = "us-east-1";

  // An image of our own (moto's default images are switched off), whose backing snapshot is ours too.
  const image = await ec2.send(new RegisterImageCommand({ Name: "audit-test", RootDeviceName: "/dev/xvda", Architecture: "x86_64" }));
  const imageSnapshots = (await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }))).Snapshots ?? [];
  for (const snapshot of imageSnapshots) {
    await ec2.send(new CreateTagsCommand({ Resources: [snapshot.SnapshotId!], Tags: OWNER }));
    expected.push(`ebs-old-snapshot ${us} ${snapshot.SnapshotId} ${round((snapshot.VolumeSize ?? 0) * 0.05)}`);
  }

  // A previous-generation instance; its 8 GiB gp2 root volume is worth moving to gp3.
  const old = await ec2.send(
    new RunInstancesCommand({ ImageId: image.ImageId, InstanceType: "m3.medium", MinCount: 1, MaxCount: 1, TagSpecifications: [...tagged("instance"), ...tagged("volume")] }),
  );
  const oldId = old.Instances![0]!.InstanceId!;
  expected.push(`ec2-previous-generation ${us} ${oldId} null`);
  // A stopped current-generation instance holding an Elastic IP.
  const stopped = await ec2.send(
    new RunInstancesCommand({ ImageId: image.ImageId, InstanceType: "t3.micro", MinCount: 1, MaxCount: 1, TagSpecifications: [...tagged("instance"), ...tagged("volume")] }),
  );
  const stoppedId = stopped.Instances![0]!.InstanceId!;
  await ec2.send(new StopInstancesCommand({ InstanceIds: [stoppedId] }));
  const held = await ec2.send(new AllocateAddressCommand({ Domain: "vpc", TagSpecifications: tagged("elastic-ip") }));
  await ec2.send(new AssociateAddressCommand({ AllocationId: held.AllocationId, InstanceId: stoppedId }));
  expected.push(`public-ipv4-idle ${us} ${held.AllocationId} (${held.PublicIp}) 3.65`);
  for (const instance of [...old.Instances!, ...stopped.Instances!]) {
    for (const mapping of instance.BlockDeviceMappings ?? []) expected.push(`ebs-gp2 ${us} ${mapping.Ebs!.VolumeId} 0.16`);
  }

  const free = await ec2.send(new AllocateAddressCommand({ Domain: "vpc", TagSpecifications: tagged("elastic-ip") }));
  expected.push(`eip-unassociated ${us} ${free.AllocationId} (${free.PublicIp}) 3.65`);

  const gp3 = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: "us-east-1a", Size: 20, VolumeType: "gp3", TagSpecifications: tagged("volume") }));
  expected.push(`ebs-unattached ${us} ${gp3.VolumeId} 1.6`);
  const snapshot = await ec2.send(new CreateSnapshotCommand({ VolumeId: gp3.VolumeId, TagSpecifications: tagged("snapshot") }));
  expected.push(`ebs-old-snapshot ${us} ${snapshot.SnapshotId} 1`);
  const gp2 = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: "us-east-1a", Size: 10, VolumeType: "gp2" }));
  expected.push(`ebs-unattached ${us} ${gp2.VolumeId} 1`, `ebs-gp2 ${us} ${gp2.VolumeId} 0.2`, `untagged ${us} ${gp2.VolumeId} null`);

  // A NAT gateway with no CloudWatch data (moto records none): idle.
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.20.0.0/16", TagSpecifications: tagged("vpc") }));
  const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc!.VpcId, CidrBlock: "10.20.1.0/24", AvailabilityZone: "us-east-1a" }));
  const natIp = await ec2.send(new AllocateAddressCommand({ Domain: "vpc", TagSpecifications: tagged("elastic-ip") }));
  const nat = await ec2.send(new CreateNatGatewayCommand({ SubnetId: subnet.Subnet!.SubnetId, AllocationId: natIp.AllocationId, TagSpecifications: tagged("natgateway") }));
  expected.push(`nat-idle ${us} ${nat.NatGateway!.NatGatewayId} 32.85`);

  const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: "audit-open", Description: "open admin ports", VpcId: vpc.Vpc!.VpcId, TagSpecifications: tagged("security-group") }));
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: group.GroupId,
      IpPermissions: [
        { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
        { IpProtocol: "tcp", FromPort: 3306, ToPort: 3306, Ipv6Ranges: [{ CidrIpv6: "::/0" }] },
        { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
      ],
    }),
  );
  expected.push(`sg-open-admin-port ${us} ${group.GroupId} (audit-open) null`);

  // Buckets: one with nothing set, one clean, one with nothing set in the second Region.
  await s3.send(new CreateBucketCommand({ Bucket: "audit-open-bucket" }));
  expected.push(`s3-public-access-block ${us} audit-open-bucket null`, `s3-default-encryption ${us} audit-open-bucket null`, `untagged ${us} audit-open-bucket null`);
  await s3.send(new CreateBucketCommand({ Bucket: "audit-clean-bucket" }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: "audit-clean-bucket",
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    }),
  );
  await s3.send(new PutBucketEncryptionCommand({ Bucket: "audit-clean-bucket", ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] } }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: "audit-clean-bucket", Tagging: { TagSet: OWNER as never } }));
  await s3.send(new CreateBucketCommand({ Bucket: "audit-eu-bucket", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
  expected.push(`s3-public-access-block eu-west-1 audit-eu-bucket null`, `s3-default-encryption eu-west-1 audit-eu-bucket null`, `untagged eu-west-1 audit-eu-bucket null`);

  await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: "audit-public-db",
      Engine: "postgres",
      DBInstanceClass: "db.t4g.micro",
      AllocatedStorage: 20,
      MasterUsername: "auditadmin",
      MasterUserPassword: "not-a-real-password-1",
      PubliclyAccessible: true,
      StorageEncrypted: false,
      Tags: OWNER,
    }),
  );
  expected.push(`rds-public ${us} audit-public-db null`, `rds-unencrypted ${us} audit-public-db null`);

  await iam.send(new CreateUserCommand({ UserName: "audit-user" }));
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: "audit-user" }));
  expected.push(`iam-old-access-key global audit-user/${key.AccessKey!.AccessKeyId} null`);

  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: "audit-fn-role",
      AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    }),
  );
  // The smallest valid zip archive (an empty one); moto stores the code without running it.
  const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
  for (const [name, runtime] of [["audit-old-fn", "python3.9"], ["audit-current-fn", "nodejs24.x"]] as const) {
    await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: runtime, Role: role.Role!.Arn, Handler: "index.handler", Code: { ZipFile: zip }, Tags: { Owner: "audit-test" } }));
  }
  expected.push(`lambda-deprecated-runtime ${us} audit-old-fn null`);

  const euVolume = await ec2eu.send(new CreateVolumeCommand({ AvailabilityZone: "eu-west-1a", Size: 30, VolumeType: "gp3", TagSpecifications: tagged("volume") }));
  expected.push(`ebs-unattached eu-west-1 ${euVolume.VolumeId} null`);

  for (const client of [ec2, ec2eu, s3, iam, lambda, rds]) client.destroy();
  return { expected };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
