// The properties that make this stack what the README promises, checked on the synthesized template.
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_API_IMAGE, ThreeTierAppStack, type ThreeTierAppStackProps } from "../lib/three-tier-app-stack.js";

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

function synth(props: ThreeTierAppStackProps = {}): Template {
  const app = new App();
  return Template.fromStack(new ThreeTierAppStack(app, "Test", { env: { region: "eu-west-3" }, ...props }));
}

function only(template: Template, type: string, props: Record<string, unknown> = {}): Resource {
  const found = Object.values(template.findResources(type, props ? { Properties: Match.objectLike(props) } : undefined)) as Resource[];
  expect(found, `${type} matching ${JSON.stringify(props)}`).toHaveLength(1);
  return found[0]!;
}

const certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
const webAclArn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/three-tier-app/66666666-7777-8888-9999-000000000000";

let template: Template;
beforeAll(() => {
  template = synth();
});

describe("front end", () => {
  it("keeps the site bucket private, encrypted, TLS-only, logged and retained", () => {
    const bucket = only(template, "AWS::S3::Bucket", { LoggingConfiguration: Match.anyValue() });
    expect(bucket.DeletionPolicy).toBe("Retain");
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.stringMatching(/^LogBucket/) }, LogFilePrefix: "s3-site/" },
    });
  });

  it("lets only this distribution read the site, through origin access control", () => {
    const policy = only(template, "AWS::S3::BucketPolicy", { Bucket: { Ref: Match.stringLikeRegexp("^SiteBucket") } });
    const statements = policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>;
    expect(statements.map((s) => [s.Effect, s.Action])).toEqual([["Deny", "s3:*"], ["Deny", "s3:*"], ["Allow", "s3:GetObject"]]);
    expect(statements[0]!.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
    expect(statements[1]!.Condition).toEqual({ NumericLessThan: { "s3:TlsVersion": 1.2 } });
    expect(statements[2]!.Principal).toEqual({ Service: "cloudfront.amazonaws.com" });
    expect(JSON.stringify(statements[2]!.Condition)).toMatch(/"AWS:SourceArn".*:distribution\/.*"Ref":"Distribution/);
    template.hasResourceProperties("AWS::CloudFront::OriginAccessControl", {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: "s3", SigningBehavior: "always", SigningProtocol: "sigv4" }),
    });
  });
});

describe("distribution", () => {
  it("serves the site from S3 over HTTPS with security headers, and /api/* from the VPC origin", () => {
    const config = only(template, "AWS::CloudFront::Distribution").Properties.DistributionConfig;
    expect(config).toMatchObject({
      DefaultRootObject: "index.html",
      Logging: { Bucket: { "Fn::GetAtt": [expect.stringMatching(/^LogBucket/), "RegionalDomainName"] }, Prefix: "cloudfront/" },
      DefaultCacheBehavior: { ViewerProtocolPolicy: "redirect-to-https", ResponseHeadersPolicyId: { Ref: expect.stringMatching(/^SecurityHeaders/) } },
    });
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: "/api/*",
        ViewerProtocolPolicy: "https-only",
        CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", // managed CachingDisabled
        ResponseHeadersPolicyId: { Ref: expect.stringMatching(/^SecurityHeaders/) },
      }),
    ]);
    const [s3Origin, albOrigin] = config.Origins;
    expect(s3Origin).toMatchObject({ OriginAccessControlId: expect.anything(), S3OriginConfig: { OriginAccessIdentity: "" } });
    expect(albOrigin).toMatchObject({ VpcOriginConfig: { VpcOriginId: { "Fn::GetAtt": [expect.stringMatching(/VpcOrigin/), "Id"] } } });
    // Without a certificate and a web ACL the distribution uses *.cloudfront.net and no WAF.
    expect(config.ViewerCertificate).toBeUndefined();
    expect(config.WebACLId).toBeUndefined();
  });

  it("sends HSTS, a same-origin content security policy, nosniff, DENY framing and a referrer policy", () => {
    const headers = only(template, "AWS::CloudFront::ResponseHeadersPolicy").Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers).toEqual({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
      ContentSecurityPolicy: { ContentSecurityPolicy: expect.stringMatching(/^default-src 'self';.*frame-ancestors 'none'$/), Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: "DENY", Override: true },
      ReferrerPolicy: { ReferrerPolicy: "strict-origin-when-cross-origin", Override: true },
    });
  });

  it("reaches the internal ALB through a VPC origin over port 80 only", () => {
    template.hasResourceProperties("AWS::CloudFront::VpcOrigin", {
      VpcOriginEndpointConfig: Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp("^Alb") }, HTTPPort: 80, OriginProtocolPolicy: "http-only" }),
    });
  });

  it("with a certificate, a domain and a web ACL: TLSv1.2_2021 over SNI, the alias and AWS WAF", () => {
    const config = only(synth({ certificateArn, domainName: "app.example.com", webAclArn }), "AWS::CloudFront::Distribution").Properties.DistributionConfig;
    expect(config.ViewerCertificate).toEqual({ AcmCertificateArn: certificateArn, MinimumProtocolVersion: "TLSv1.2_2021", SslSupportMethod: "sni-only" });
    expect(config.Aliases).toEqual(["app.example.com"]);
    expect(config.WebACLId).toBe(webAclArn);
  });

  it("refuses a certificate without the domain it covers", () => {
    expect(() => synth({ certificateArn })).toThrow(/set certificateArn and domainName together/);
  });
});

describe("network", () => {
  it("spreads public, private and isolated subnets over two AZs, with a NAT gateway per AZ and flow logs to S3", () => {
    template.resourceCountIs("AWS::EC2::Subnet", 6);
    template.resourceCountIs("AWS::EC2::NatGateway", 2);
    template.hasResourceProperties("AWS::EC2::FlowLog", { ResourceType: "VPC", TrafficType: "ALL", LogDestinationType: "s3" });
    template.hasResourceProperties("AWS::EC2::VPCEndpoint", { VpcEndpointType: "Gateway", ServiceName: Match.objectLike({}) });
  });

  it("shares one NAT gateway when natGateways is 1", () => {
    synth({ natGateways: 1 }).resourceCountIs("AWS::EC2::NatGateway", 1);
  });

  it("opens no security group to the internet", () => {
    const groups = Object.values(template.findResources("AWS::EC2::SecurityGroup")) as Resource[];
    const ingress = [
      ...groups.flatMap((g) => (g.Properties.SecurityGroupIngress ?? []) as Array<Record<string, unknown>>),
      ...(Object.values(template.findResources("AWS::EC2::SecurityGroupIngress")) as Resource[]).map((r) => r.Properties),
    ];
    expect(ingress.length).toBeGreaterThan(0);
    for (const rule of ingress) expect([rule.CidrIp, rule.CidrIpv6]).not.toContain("0.0.0.0/0");
    for (const rule of ingress) expect(rule.CidrIpv6).not.toBe("::/0");
  });
});

describe("API tier", () => {
  it("puts an internal ALB in the private subnets, with access logs and invalid headers dropped", () => {
    const alb = only(template, "AWS::ElasticLoadBalancingV2::LoadBalancer");
    expect(alb.Properties.Scheme).toBe("internal");
    expect(alb.Properties.Subnets).toEqual([{ Ref: expect.stringMatching(/^VpcprivateSubnet1/) }, { Ref: expect.stringMatching(/^VpcprivateSubnet2/) }]);
    expect(alb.Properties.LoadBalancerAttributes).toEqual(
      expect.arrayContaining([
        { Key: "access_logs.s3.enabled", Value: "true" },
        { Key: "routing.http.drop_invalid_header_fields.enabled", Value: "true" },
      ]),
    );
    template.hasResourceProperties("AWS::EC2::SecurityGroup", {
      GroupDescription: Match.stringLikeRegexp("^Internal API load balancer"),
      SecurityGroupIngress: [{ CidrIp: "10.30.0.0/16", FromPort: 80, ToPort: 80, IpProtocol: "tcp", Description: Match.anyValue() }],
    });
  });

  it("runs two arm64 Fargate tasks in private subnets, without public IPs, rolling back failed deployments", () => {
    template.hasResourceProperties("AWS::ECS::Service", {
      LaunchType: "FARGATE",
      DesiredCount: 2,
      DeploymentConfiguration: Match.objectLike({ DeploymentCircuitBreaker: { Enable: true, Rollback: true }, MinimumHealthyPercent: 100 }),
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: "DISABLED", Subnets: [{ Ref: Match.stringLikeRegexp("^VpcprivateSubnet1") }, { Ref: Match.stringLikeRegexp("^VpcprivateSubnet2") }] }) },
    });
    template.hasResourceProperties("AWS::ECS::Cluster", { ClusterSettings: [{ Name: "containerInsights", Value: "enabled" }] });
    template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", { MinCapacity: 2, MaxCapacity: 6 });
  });

  it("pins a public ECR image to a tag and injects the database credentials from Secrets Manager, not the environment", () => {
    const task = only(template, "AWS::ECS::TaskDefinition").Properties;
    expect(task.RuntimePlatform).toEqual({ CpuArchitecture: "ARM64", OperatingSystemFamily: "LINUX" });
    const [container] = task.ContainerDefinitions;
    expect(container.Image).toBe(DEFAULT_API_IMAGE);
    expect(DEFAULT_API_IMAGE).toMatch(/^public\.ecr\.aws\/.+:\d+\.\d+\.\d+-/);
    expect(container).toMatchObject({ ReadonlyRootFilesystem: true, User: "1000", LogConfiguration: { LogDriver: "awslogs" } });
    expect(container.Secrets.map((s: { Name: string }) => s.Name)).toEqual(["DB_USER", "DB_PASSWORD"]);
    for (const secret of container.Secrets) expect(JSON.stringify(secret.ValueFrom)).toContain("MasterUserSecret.SecretArn");
    expect(container.Environment.map((e: { Name: string }) => e.Name).sort()).toEqual(["DB_HOST", "DB_PORT"]);
    expect(container.Command.slice(0, 3)).toEqual(["node", "--input-type=module", "-e"]);
  });

  it("gives the execution role its log group and the database secret only, and the task role nothing", () => {
    const policies = Object.values(template.findResources("AWS::IAM::Policy")) as Resource[];
    expect(policies).toHaveLength(1);
    expect(policies[0]!.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^ApiTaskExecutionRole/) }]);
    expect(policies[0]!.Properties.PolicyDocument.Statement).toEqual([
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: { "Fn::GetAtt": [expect.stringMatching(/^ApiLogs/), "Arn"] } },
      {
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: { "Fn::GetAtt": [expect.stringMatching(/^Database/), "MasterUserSecret.SecretArn"] },
      },
    ]);
    template.hasResourceProperties("AWS::IAM::Role", { ManagedPolicyArns: Match.absent() });
    const taskRole = only(template, "AWS::IAM::Role", { Description: Match.stringLikeRegexp("^three-tier-app API tasks") }).Properties;
    expect(taskRole.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
        Condition: { ArnLike: { "aws:SourceArn": expect.anything() }, StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
      },
    ]);
  });

  it("runs another image as it is when apiImage is given", () => {
    const task = only(synth({ apiImage: "123456789012.dkr.ecr.eu-west-3.amazonaws.com/api:1.4.2" }), "AWS::ECS::TaskDefinition").Properties;
    expect(task.ContainerDefinitions[0].Image).toBe("123456789012.dkr.ecr.eu-west-3.amazonaws.com/api:1.4.2");
    expect(task.ContainerDefinitions[0].Command).toBeUndefined();
  });
});

describe("database", () => {
  it("is Aurora PostgreSQL 17 Serverless v2, encrypted, private, with a managed password and deletion protection", () => {
    const cluster = only(template, "AWS::RDS::DBCluster");
    expect(cluster.DeletionPolicy).toBe("Snapshot");
    expect(cluster.Properties).toMatchObject({
      Engine: "aurora-postgresql",
      EngineVersion: expect.stringMatching(/^17\./),
      StorageEncrypted: true,
      ManageMasterUserPassword: true,
      EnableIAMDatabaseAuthentication: true,
      DeletionProtection: true,
      BackupRetentionPeriod: 7,
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 4 },
    });
    expect(cluster.Properties.MasterUserPassword).toBeUndefined();
    template.hasResourceProperties("AWS::RDS::DBSubnetGroup", { SubnetIds: [{ Ref: Match.stringLikeRegexp("^VpcisolatedSubnet1") }, { Ref: Match.stringLikeRegexp("^VpcisolatedSubnet2") }] });
  });

  it("has a writer and a full-size reader in different AZs, neither public", () => {
    const instances = Object.values(template.findResources("AWS::RDS::DBInstance")) as Resource[];
    expect(instances).toHaveLength(2);
    for (const instance of instances) expect(instance.Properties).toMatchObject({ DBInstanceClass: "db.serverless", PubliclyAccessible: false });
    expect(instances.map((i) => i.Properties.PromotionTier).sort()).toEqual([0, 1]);
    const zones = instances.map((i) => JSON.stringify(i.Properties.AvailabilityZone));
    expect(new Set(zones).size).toBe(2);
  });

  it("accepts connections from the API tasks' security group only", () => {
    const rules = (Object.values(template.findResources("AWS::EC2::SecurityGroupIngress")) as Resource[]).filter((r) =>
      JSON.stringify(r.Properties.GroupId).includes("DatabaseSecurityGroup"),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]!.Properties.SourceSecurityGroupId).toEqual({ "Fn::GetAtt": [expect.stringMatching(/^ApiServiceSecurityGroup/), "GroupId"] });
  });

  it("throwaway stacks drop deletion protection and delete the database and buckets", () => {
    const throwaway = synth({ throwaway: true });
    const cluster = only(throwaway, "AWS::RDS::DBCluster");
    expect(cluster.DeletionPolicy).toBe("Delete");
    expect(cluster.Properties.DeletionProtection).toBe(false);
    const buckets = Object.values(throwaway.findResources("AWS::S3::Bucket")) as Resource[];
    expect(buckets.map((b) => b.DeletionPolicy)).toEqual(["Delete", "Delete"]);
  });
});

describe("alarms", () => {
  it("alarm on API 5xx, load balancer 5xx, unhealthy tasks and database capacity, to an encrypted topic", () => {
    const alarms = Object.values(template.findResources("AWS::CloudWatch::Alarm")) as Resource[];
    expect(alarms.map((a) => a.Properties.MetricName).sort()).toEqual(["ACUUtilization", "HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count", "UnHealthyHostCount"]);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmTopic/) }]);
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });
});
