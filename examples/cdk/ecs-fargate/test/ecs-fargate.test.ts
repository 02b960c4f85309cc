// The properties that make this stack what the README promises: checked on the synthesized
// template, in the default (production, HTTP-only) form and in the variants the context switches make.
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IMAGE, EcsFargateStack, type EcsFargateStackProps } from "../lib/ecs-fargate-stack.js";

const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0f3c1a5e-1111-4a2b-9c3d-2e4f5a6b7c8d";

function synth(props: EcsFargateStackProps = {}): Template {
  const app = new App();
  return Template.fromStack(new EcsFargateStack(app, "Test", { env: { account: "123456789012", region: "eu-west-1" }, ...props }));
}

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; DependsOn?: string[] };

function only(template: Template, type: string): [string, Resource] {
  const found = Object.entries(template.findResources(type)) as [string, Resource][];
  expect(found, type).toHaveLength(1);
  return found[0]!;
}

/** The statements of the policies attached to the role whose logical id starts with `rolePrefix`. */
function statementsOf(template: Template, rolePrefix: string): unknown[] {
  return (Object.values(template.findResources("AWS::IAM::Policy")) as Resource[])
    .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref.startsWith(rolePrefix)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

let template: Template;
beforeAll(() => {
  template = synth();
});

describe("network", () => {
  it("has public, private and isolated subnets in each AZ; isolated ones have no route out", () => {
    const subnets = Object.values(template.findResources("AWS::EC2::Subnet")) as Resource[];
    const tiers = subnets.map((s) => s.Properties.Tags.find((t: { Key: string }) => t.Key === "aws-cdk:subnet-name").Value).sort();
    expect(tiers).toEqual(["isolated", "isolated", "private", "private", "public", "public"]);
    const routes = Object.entries(template.findResources("AWS::EC2::Route")) as [string, Resource][];
    expect(routes.filter(([id]) => id.includes("isolated"))).toEqual([]);
    expect(routes.filter(([id]) => id.includes("private")).map(([, r]) => Object.keys(r.Properties))).toEqual([
      expect.arrayContaining(["NatGatewayId"]),
      expect.arrayContaining(["NatGatewayId"]),
    ]);
  });

  it("puts one NAT gateway in each AZ by default, one shared gateway when asked, and three across three AZs", () => {
    template.resourceCountIs("AWS::EC2::NatGateway", 2);
    synth({ natGateways: 1 }).resourceCountIs("AWS::EC2::NatGateway", 1);
    const threeAzs = synth({ azCount: 3 });
    threeAzs.resourceCountIs("AWS::EC2::NatGateway", 3);
    threeAzs.resourceCountIs("AWS::EC2::Subnet", 9);
  });

  it("adds gateway endpoints for S3 and DynamoDB", () => {
    const endpoints = Object.values(template.findResources("AWS::EC2::VPCEndpoint")) as Resource[];
    const services = endpoints.map((e) => JSON.stringify(e.Properties.ServiceName));
    expect(endpoints.every((e) => e.Properties.VpcEndpointType === "Gateway")).toBe(true);
    expect(services.some((s) => s.includes(".s3"))).toBe(true);
    expect(services.some((s) => s.includes(".dynamodb"))).toBe(true);
  });

  it("logs all VPC traffic to a log group with retention, through a role scoped to this account", () => {
    const [, flowLog] = only(template, "AWS::EC2::FlowLog");
    expect(flowLog.Properties).toMatchObject({ TrafficType: "ALL", ResourceType: "VPC", LogDestinationType: "cloud-watch-logs" });
    expect(template.toJSON().Resources[flowLog.Properties.LogGroupName.Ref].Properties.RetentionInDays).toBe(30);
    template.hasResourceProperties("AWS::IAM::Role", {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } })] },
    });
  });
});

describe("load balancer", () => {
  it("is internet-facing, drops invalid headers, and writes access logs to an encrypted, private, TLS-only bucket", () => {
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", {
      Scheme: "internet-facing",
      LoadBalancerAttributes: Match.arrayWith([
        { Key: "routing.http.drop_invalid_header_fields.enabled", Value: "true" },
        { Key: "access_logs.s3.enabled", Value: "true" },
      ]),
    });
    const [bucketId, bucket] = only(template, "AWS::S3::Bucket");
    expect(bucket.DeletionPolicy).toBe("Retain");
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    template.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: bucketId },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })]) },
    });
  });

  it("is behind AWS WAF with the managed baseline groups and a per-IP rate limit", () => {
    const [webAclId, webAcl] = only(template, "AWS::WAFv2::WebACL");
    expect(webAcl.Properties.Scope).toBe("REGIONAL");
    const ruleNames = webAcl.Properties.Rules.map((r: { Name: string }) => r.Name);
    expect(ruleNames).toEqual(["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "RateLimitPerIp"]);
    template.hasResourceProperties("AWS::WAFv2::WebACLAssociation", { WebACLArn: { "Fn::GetAtt": [webAclId, "Arn"] }, ResourceArn: { Ref: Match.stringLikeRegexp("^LoadBalancer") } });
  });

  it("without a certificate serves HTTP on port 80 only", () => {
    const [, listener] = only(template, "AWS::ElasticLoadBalancingV2::Listener");
    expect(listener.Properties).toMatchObject({ Port: 80, Protocol: "HTTP", DefaultActions: [{ Type: "forward" }] });
  });

  it("with a certificate serves HTTPS on 443 with a TLS 1.3 policy and redirects port 80", () => {
    const https = synth({ certificateArn });
    https.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 2);
    https.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", {
      Port: 443,
      Protocol: "HTTPS",
      Certificates: [{ CertificateArn: certificateArn }],
      SslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      DefaultActions: [Match.objectLike({ Type: "forward" })],
    });
    https.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", {
      Port: 80,
      Protocol: "HTTP",
      DefaultActions: [{ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } }],
    });
  });
});

describe("service", () => {
  it("runs ARM64 Fargate tasks of a pinned image with logs and database settings from Secrets Manager only", () => {
    const [, taskDefinition] = only(template, "AWS::ECS::TaskDefinition");
    expect(taskDefinition.Properties.RuntimePlatform).toEqual({ CpuArchitecture: "ARM64", OperatingSystemFamily: "LINUX" });
    expect(taskDefinition.Properties.RequiresCompatibilities).toEqual(["FARGATE"]);
    const [container] = taskDefinition.Properties.ContainerDefinitions;
    expect(container.Image).toBe(DEFAULT_IMAGE);
    expect(DEFAULT_IMAGE).not.toMatch(/:latest$|^[^:]+$/);
    expect(container.Environment).toBeUndefined();
    expect(container.Secrets.map((s: { Name: string }) => s.Name)).toEqual(["DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD"]);
    for (const secret of container.Secrets) expect(JSON.stringify(secret.ValueFrom)).toContain('{"Ref":"DatabaseSecretAttachment');
    expect(container.LogConfiguration).toMatchObject({ LogDriver: "awslogs", Options: { mode: "non-blocking", "awslogs-group": { Ref: expect.stringMatching(/^ServiceLogs/) } } });
  });

  it("turns on Container Insights and keeps service logs for a month", () => {
    template.hasResourceProperties("AWS::ECS::Cluster", { ClusterSettings: [{ Name: "containerInsights", Value: "enabled" }] });
    const logGroups = Object.entries(template.findResources("AWS::Logs::LogGroup")) as [string, Resource][];
    expect(logGroups.map(([id]) => id.replace(/[0-9A-F]{8}$/, "")).sort()).toEqual(["DatabaseLogs", "ServiceLogs", "VpcFlowLogs"]);
    for (const [, group] of logGroups) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it("deploys with a rolling update that rolls back on failure, in private subnets without public IPs", () => {
    const [, service] = only(template, "AWS::ECS::Service");
    expect(service.Properties).toMatchObject({
      LaunchType: "FARGATE",
      DeploymentConfiguration: { MinimumHealthyPercent: 100, MaximumPercent: 200, DeploymentCircuitBreaker: { Enable: true, Rollback: true } },
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: "DISABLED" } },
    });
    const subnets = service.Properties.NetworkConfiguration.AwsvpcConfiguration.Subnets.map((s: { Ref: string }) => s.Ref);
    expect(subnets.every((id: string) => id.startsWith("Vpcprivate"))).toBe(true);
  });

  it("scales between 2 and 10 tasks on CPU and on requests per task", () => {
    template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", { MinCapacity: 2, MaxCapacity: 10, ScalableDimension: "ecs:service:DesiredCount" });
    const policies = (Object.values(template.findResources("AWS::ApplicationAutoScaling::ScalingPolicy")) as Resource[]).map(
      (p) => p.Properties.TargetTrackingScalingPolicyConfiguration,
    );
    expect(policies.map((p) => p.PredefinedMetricSpecification.PredefinedMetricType).sort()).toEqual(["ALBRequestCountPerTarget", "ECSServiceAverageCPUUtilization"]);
    const requests = policies.find((p) => p.PredefinedMetricSpecification.PredefinedMetricType === "ALBRequestCountPerTarget");
    expect(JSON.stringify(requests.PredefinedMetricSpecification.ResourceLabel)).toContain("TargetGroupFullName");
  });

  it("gives the execution role only its log group and the database secret, and the task role nothing", () => {
    expect(statementsOf(template, "TaskExecutionRole")).toEqual([
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: { "Fn::GetAtt": [expect.stringMatching(/^ServiceLogs/), "Arn"] } },
      { Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: { Ref: expect.stringMatching(/^DatabaseSecretAttachment/) } },
    ]);
    expect(statementsOf(template, "TaskRole")).toEqual([]);
    expect(statementsOf(template, "VpcFlowLogsRole")).toEqual([
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: { "Fn::GetAtt": [expect.stringMatching(/^VpcFlowLogs/), "Arn"] } },
    ]);
    const roles = Object.values(template.findResources("AWS::IAM::Role")) as Resource[];
    expect(roles).toHaveLength(3);
    for (const role of roles) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
    }
  });
});

describe("database", () => {
  it("is Aurora PostgreSQL 17 Serverless v2, encrypted, TLS-only, protected from deletion, snapshotted on delete", () => {
    const [, cluster] = only(template, "AWS::RDS::DBCluster");
    expect(cluster.DeletionPolicy).toBe("Snapshot");
    expect(cluster.Properties).toMatchObject({
      Engine: "aurora-postgresql",
      EngineVersion: expect.stringMatching(/^17\./),
      StorageEncrypted: true,
      DeletionProtection: true,
      EnableIAMDatabaseAuthentication: true,
      EnableCloudwatchLogsExports: ["postgresql"],
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 8 },
    });
    expect(cluster.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^DatabaseLogs/)]));
    template.hasResourceProperties("AWS::RDS::DBClusterParameterGroup", { Parameters: { "rds.force_ssl": "1" } });
    const instances = Object.values(template.findResources("AWS::RDS::DBInstance")) as Resource[];
    expect(instances).toHaveLength(2); // writer plus one reader in another AZ
    for (const instance of instances) expect(instance.Properties).toMatchObject({ DBInstanceClass: "db.serverless", PubliclyAccessible: false });
  });

  it("lives in the isolated subnets and accepts connections from the service's security group only", () => {
    const [, subnetGroup] = only(template, "AWS::RDS::DBSubnetGroup");
    expect(subnetGroup.Properties.SubnetIds.every((s: { Ref: string }) => s.Ref.startsWith("Vpcisolated"))).toBe(true);
    const ingress = (Object.values(template.findResources("AWS::EC2::SecurityGroupIngress")) as Resource[]).filter((r) =>
      r.Properties.GroupId["Fn::GetAtt"][0].startsWith("DatabaseSecurityGroup"),
    );
    expect(ingress).toHaveLength(1);
    expect(ingress[0]!.Properties.SourceSecurityGroupId).toEqual({ "Fn::GetAtt": [expect.stringMatching(/^ServiceSecurityGroup/), "GroupId"] });
    const [, databaseGroup] = (Object.entries(template.findResources("AWS::EC2::SecurityGroup")) as [string, Resource][]).find(([id]) => id.startsWith("DatabaseSecurityGroup"))!;
    expect(databaseGroup.Properties.SecurityGroupIngress).toBeUndefined();
  });

  it("keeps a generated secret (never in the template) that outlives the stack", () => {
    const [, secret] = only(template, "AWS::SecretsManager::Secret");
    expect(secret.DeletionPolicy).toBe("Retain");
    expect(secret.Properties.GenerateSecretString).toMatchObject({ GenerateStringKey: "password", SecretStringTemplate: JSON.stringify({ username: "app_admin", dbname: "app" }) });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"MasterUserPassword":"[^{]/);
  });

  it("throwaway: no deletion protection, no final snapshot, secret deleted with the stack", () => {
    const throwaway = synth({ throwaway: true, databaseReaders: 0 });
    const [, cluster] = only(throwaway, "AWS::RDS::DBCluster");
    expect(cluster.DeletionPolicy).toBe("Delete");
    expect(cluster.Properties.DeletionProtection).toBe(false);
    expect(only(throwaway, "AWS::SecretsManager::Secret")[1].DeletionPolicy).toBe("Delete");
    throwaway.resourceCountIs("AWS::RDS::DBInstance", 1);
  });
});

describe("alarms", () => {
  it("alarm on target 5xx, unhealthy tasks and database capacity, to a KMS-encrypted topic", () => {
    const alarms = Object.values(template.findResources("AWS::CloudWatch::Alarm")) as Resource[];
    expect(alarms.map((a) => `${a.Properties.Namespace}/${a.Properties.MetricName}`).sort()).toEqual([
      "AWS/ApplicationELB/HTTPCode_Target_5XX_Count",
      "AWS/ApplicationELB/UnHealthyHostCount",
      "AWS/RDS/ACUUtilization",
    ]);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmTopic/) }]);
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });
});
