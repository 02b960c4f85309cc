// Three tiers across two Availability Zones: a static front end in a private S3 bucket and an API on
// ECS Fargate behind an internal ALB, both served by one CloudFront distribution (origin access
// control for S3, a VPC origin for the ALB, so nothing but CloudFront is reachable from the
// internet), and Aurora PostgreSQL Serverless v2 in isolated subnets behind the API.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CfnOutput, Duration, RemovalPolicy, Size, Stack, Validations, type StackProps } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cloudwatchActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as logs from "aws-cdk-lib/aws-logs";
import * as rds from "aws-cdk-lib/aws-rds";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as sns from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";
import { inlineApiCommand } from "./api-command.js";

const exampleRoot = join(fileURLToPath(import.meta.url), "..", "..");

/** A stock multi-arch (arm64) Node.js image from ECR Public, pinned to a release tag. */
export const DEFAULT_API_IMAGE = "public.ecr.aws/docker/library/node:24.11.1-alpine";
const API_PORT = 8080;
const DB_PORT = 5432;
const VPC_CIDR = "10.30.0.0/16";

export interface ThreeTierAppStackProps extends StackProps {
  /** Throwaway stack: no deletion protection, and `cdk destroy` deletes the database and the buckets. */
  readonly throwaway?: boolean;
  /** NAT gateways: 2 (one per AZ, egress survives an AZ outage) or 1 (shared, for development). */
  readonly natGateways?: 1 | 2;
  /** An ACM certificate in us-east-1 covering `domainName`; without one the distribution answers on *.cloudfront.net. */
  readonly certificateArn?: string;
  readonly domainName?: string;
  /** ARN of an AWS WAF web ACL with scope CLOUDFRONT (such web ACLs live in us-east-1, whatever this stack's Region). */
  readonly webAclArn?: string;
  /** The API's container image; it must serve GET /api/health on port 8080. */
  readonly apiImage?: string;
}

export class ThreeTierAppStack extends Stack {
  constructor(scope: Construct, id: string, props: ThreeTierAppStackProps = {}) {
    super(scope, id, props);
    if ((props.certificateArn === undefined) !== (props.domainName === undefined)) {
      throw new Error("ThreeTierAppStack: set certificateArn and domainName together (the certificate must cover the domain name)");
    }
    const throwaway = props.throwaway ?? false;
    // Production keeps data when the stack goes: the buckets stay, the database leaves a final snapshot.
    const bucketRemoval = throwaway ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    // Two AZs, the minimum for the ALB and for Aurora failover. With the account left open (bin/app.ts)
    // the stack takes them from Fn::GetAZs: no context lookup, the same template in every account.
    const vpc = new ec2.Vpc(this, "Vpc", {
      ipAddresses: ec2.IpAddresses.cidr(VPC_CIDR),
      maxAzs: 2,
      natGateways: props.natGateways ?? 2,
      subnetConfiguration: [
        { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: "private", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: "isolated", subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
    });

    // One bucket for every access log: CloudFront standard logging, ALB access logs, S3 server
    // access logs and VPC flow logs. SSE-S3 because ALB access logs cannot be written under SSE-KMS.
    const logBucket = new s3.Bucket(this, "LogBucket", {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // CloudFront standard logging delivers with an ACL grant, so ACLs cannot be disabled here.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: bucketRemoval,
    });
    Validations.of(logBucket).acknowledge({
      id: "AwsSolutions-S1",
      reason: "This is the access-log bucket itself; logging its own access into itself would log every log delivery, without end.",
    });
    vpc.addFlowLog("FlowLogs", { destination: ec2.FlowLogDestination.toS3(logBucket, "vpc-flow-logs/") });

    // #region frontend
    const siteBucket = new s3.Bucket(this, "SiteBucket", {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: "s3-site/",
      removalPolicy: bucketRemoval,
    });
    // #endregion frontend


    // #region database
    const databaseSecurityGroup = new ec2.SecurityGroup(this, "DatabaseSecurityGroup", {
      vpc,
      description: "Aurora PostgreSQL: only from the API tasks",
      allowAllOutbound: false,
    });
    // PostgreSQL 17: a major in RDS standard support, with Serverless v2 and automatic pause
    // available; 18 is newer but extensions and drivers trail a new major.
    const database = new rds.DatabaseCluster(this, "Database", {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_9 }),
      // RDS keeps the password in Secrets Manager and rotates it itself (every 7 days by default).
      credentials: rds.Credentials.fromUsername("app_admin"),
      manageMasterUserPassword: true,
      defaultDatabaseName: "app",
      // Writer and reader in different AZs; the reader scales with the writer so that it can take
      // over at full size when the writer's AZ fails.
      writer: rds.ClusterInstance.serverlessV2("Writer", { publiclyAccessible: false, availabilityZone: vpc.availabilityZones[0] }),
      readers: [rds.ClusterInstance.serverlessV2("Reader", { publiclyAccessible: false, scaleWithWriter: true, availabilityZone: vpc.availabilityZones[1] })],
      serverlessV2MinCapacity: 0.5,
      serverlessV2MaxCapacity: 4,
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [databaseSecurityGroup],
      port: DB_PORT,
      storageEncrypted: true,
      iamAuthentication: true,
      backup: { retention: Duration.days(7) },
      copyTagsToSnapshot: true,
      deletionProtection: !throwaway,
      removalPolicy: throwaway ? RemovalPolicy.DESTROY : RemovalPolicy.SNAPSHOT,
    });
    const databaseSecret = database.secret;
    if (databaseSecret === undefined) throw new Error("ThreeTierAppStack: the database cluster has no secret");
    Validations.of(database).acknowledge({
      id: "AwsSolutions-RDS11",
      reason: "The cluster is in isolated subnets and its security group admits only the API tasks; a non-default port would hide nothing from them and breaks clients' defaults.",
    });
    if (throwaway) {
      Validations.of(database).acknowledge({
        id: "AwsSolutions-RDS10",
        reason: "Throwaway stack (context throwaway=true): deletion protection is off on purpose so that cdk destroy removes the cluster.",
      });
    }
    // #endregion database

    // #region api
    // Internal ALB in the private subnets: only the CloudFront VPC origin reaches it. The VPC
    // origin's network interfaces sit in this VPC (CloudFront's "CloudFront-VPCOrigins-Service-SG",
    // whose id CloudFormation does not expose), so the rule admits the VPC's own range on port 80.
    const albSecurityGroup = new ec2.SecurityGroup(this, "AlbSecurityGroup", {
      vpc,
      description: "Internal API load balancer: HTTP from the CloudFront VPC origin inside this VPC",
      allowAllOutbound: false,
    });
    albSecurityGroup.addIngressRule(ec2.Peer.ipv4(VPC_CIDR), ec2.Port.tcp(80), "CloudFront VPC origin (in-VPC interfaces)");
    const alb = new elbv2.ApplicationLoadBalancer(this, "Alb", {
      vpc,
      internetFacing: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroup: albSecurityGroup,
      dropInvalidHeaderFields: true,
    });
    alb.logAccessLogs(logBucket, "alb");
    const listener = alb.addListener("Http", { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: false });

    const cluster = new ecs.Cluster(this, "Cluster", { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const apiLogs = new logs.LogGroup(this, "ApiLogs", { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    // The application's own role: no permissions (the placeholder calls no AWS API), and a trust
    // policy bound to this account's ECS tasks (confused deputy).
    const taskRole = new iam.Role(this, "ApiTaskRole", {
      description: "three-tier-app API tasks: what the application code may call (nothing yet)",
      assumedBy: new iam.ServicePrincipal("ecs-tasks.amazonaws.com", {
        conditions: {
          ArnLike: { "aws:SourceArn": `arn:${this.partition}:ecs:${this.region}:${this.account}:*` },
          StringEquals: { "aws:SourceAccount": this.account },
        },
      }),
    });
    const taskDefinition = new ecs.FargateTaskDefinition(this, "ApiTask", {
      taskRole,
      cpu: 256,
      memoryLimitMiB: 512,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });

    const nodeMajor = 24;
    const container = taskDefinition.addContainer("api", {
      image: ecs.ContainerImage.fromRegistry(props.apiImage ?? DEFAULT_API_IMAGE),
      command: props.apiImage ? undefined : inlineApiCommand(join(exampleRoot, "api", "main.ts"), nodeMajor),
      portMappings: [{ containerPort: API_PORT, name: "http" }],
      user: "1000",
      readonlyRootFilesystem: true,
      stopTimeout: Duration.seconds(30),
      environment: { DB_HOST: database.clusterEndpoint.hostname, DB_PORT: String(DB_PORT) },
      // Read once at task start: after RDS rotates the password, new connections need a new
      // deployment (or an application that reads the secret itself, as a real API should).
      secrets: {
        DB_USER: ecs.Secret.fromSecretsManager(databaseSecret, "username"),
        DB_PASSWORD: ecs.Secret.fromSecretsManager(databaseSecret, "password"),
      },
      healthCheck: {
        command: ["CMD", "node", "-e", `fetch('http://127.0.0.1:${API_PORT}/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`],
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(30),
      },
      logging: ecs.LogDrivers.awsLogs({ logGroup: apiLogs, streamPrefix: "api", mode: ecs.AwsLogDriverMode.NON_BLOCKING, maxBufferSize: Size.mebibytes(25) }),
    });
    Validations.of(taskDefinition).acknowledge({
      id: "AwsSolutions-ECS2",
      reason: "Only the database endpoint and port are plain environment variables: neither is a secret. The user name and password come from Secrets Manager through secrets.",
    });

    const service = new ecs.FargateService(this, "ApiService", {
      cluster,
      taskDefinition,
      desiredCount: 2,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      circuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriod: Duration.seconds(60),
    });
    const targetGroup = listener.addTargets("Api", {
      port: API_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service.loadBalancerTarget({ containerName: container.containerName, containerPort: API_PORT })],
      healthCheck: { path: "/api/health", healthyHttpCodes: "200", interval: Duration.seconds(15) },
      deregistrationDelay: Duration.seconds(30),
    });
    service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 6 }).scaleOnCpuUtilization("Cpu", { targetUtilizationPercent: 60 });
    database.connections.allowDefaultPortFrom(service, "API tasks");
    // #endregion api

    // #region distribution
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "three-tier-app: HSTS, CSP, no sniffing, no framing",
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    const certificate = props.certificateArn ? acm.Certificate.fromCertificateArn(this, "Certificate", props.certificateArn) : undefined;
    const distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: "three-tier-app: site from S3, /api/* from the internal ALB",
      defaultRootObject: "index.html",
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(siteBucket),
        // Browsers that type http:// get a redirect; nothing is served over HTTP.
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
      },
      additionalBehaviors: {
        "/api/*": {
          // HTTP inside the VPC: the ALB has no certificate without a domain of its own; the hop
          // from CloudFront to the VPC origin never crosses the internet.
          origin: origins.VpcOrigin.withApplicationLoadBalancer(alb, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY, httpPort: 80 }),
          // API clients must not send credentials over HTTP only to be redirected: refuse HTTP.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      ...(certificate ? { certificate, domainNames: [props.domainName!], minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 } : {}),
      enableLogging: true,
      logBucket,
      logFilePrefix: "cloudfront/",
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    Validations.of(distribution).acknowledge({
      id: "AwsSolutions-CFR1",
      reason: "The site and API serve every country; add a geo restriction only where a legal requirement names countries.",
    });
    if (!certificate) {
      Validations.of(distribution).acknowledge({
        id: "AwsSolutions-CFR4",
        reason: "Without a domain the distribution uses the *.cloudfront.net certificate, whose policy CloudFront fixes at TLSv1; pass certificateArn and domainName to get TLSv1.2_2021.",
      });
    }
    if (!props.webAclArn) {
      Validations.of(distribution).acknowledge({
        id: "AwsSolutions-CFR2",
        reason: "A CloudFront web ACL must be created in us-east-1, which this stack may not be in; create one there and pass webAclArn (README, 'AWS WAF').",
      });
    }
    // #endregion distribution

    // #region alarms
    // CloudWatch needs to use the key to publish to an encrypted topic; the AWS managed SNS key
    // cannot grant that, hence a customer managed key.
    const alarmKey = new kms.Key(this, "AlarmTopicKey", { enableKeyRotation: true, description: "Encrypts the three-tier-app alarm topic", removalPolicy: RemovalPolicy.DESTROY });
    alarmKey.grant(new iam.ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
    const alarmTopic = new sns.Topic(this, "AlarmTopic", { masterKey: alarmKey, enforceSSL: true });
    const period = Duration.minutes(1);
    const alarms = [
      new cloudwatch.Alarm(this, "ApiTarget5xx", {
        alarmDescription: "API tasks answered 5xx",
        metric: alb.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period, statistic: "Sum" }),
        threshold: 5,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, "Alb5xx", {
        alarmDescription: "The load balancer itself answered 5xx (no healthy target, timeouts)",
        metric: alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period, statistic: "Sum" }),
        threshold: 5,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, "UnhealthyApiTasks", {
        alarmDescription: "At least one API task failed the target group health check for 3 minutes",
        metric: targetGroup.metrics.unhealthyHostCount({ period, statistic: "Maximum" }),
        threshold: 1,
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      }),
      new cloudwatch.Alarm(this, "DatabaseCapacity", {
        alarmDescription: "Aurora has used over 90% of its maximum capacity for 15 minutes: raise serverlessV2MaxCapacity",
        metric: database.metric("ACUUtilization", { period: Duration.minutes(5), statistic: "Average" }),
        threshold: 90,
        evaluationPeriods: 3,
      }),
    ];
    for (const alarm of alarms) alarm.addAlarmAction(new cloudwatchActions.SnsAction(alarmTopic));
    // #endregion alarms

    new CfnOutput(this, "SiteUrl", { value: `https://${props.domainName ?? distribution.distributionDomainName}/`, description: "The site; the API is under /api/" });
    new CfnOutput(this, "DistributionId", { value: distribution.distributionId });
    new CfnOutput(this, "SiteBucketName", { value: siteBucket.bucketName, description: "Upload the front end here (aws s3 sync site/ s3://<bucket>/)" });
    new CfnOutput(this, "LogBucketName", { value: logBucket.bucketName });
    new CfnOutput(this, "DatabaseClusterId", { value: database.clusterIdentifier, description: "Turn deletion protection off with this id before destroying a production stack" });
    new CfnOutput(this, "DatabaseEndpoint", { value: database.clusterEndpoint.hostname });
    new CfnOutput(this, "DatabaseSecretArn", { value: databaseSecret.secretArn, description: "Master user name and password, managed and rotated by RDS" });
    new CfnOutput(this, "AlarmTopicArn", { value: alarmTopic.topicArn, description: "Subscribe to get alarm notifications" });
  }
}
