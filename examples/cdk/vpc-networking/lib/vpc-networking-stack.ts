// A VPC across three AZs with the three subnet tiers of the skill's plan: public (load balancers,
// NAT gateways), private (workloads) and isolated (databases, no route out). How the private tier
// reaches AWS and the internet is one prop, `nat`:
//   "per-az"  one NAT gateway in each AZ: an AZ outage cannot cut the other AZs' egress;
//   "shared"  one NAT gateway for all three AZs: a third of the hours, but egress dies with its AZ;
//   "none"    no NAT gateway and no internet route: interface endpoints for the AWS APIs a
//             container workload calls.
// Every choice gets the free S3 and DynamoDB gateway endpoints, encrypted flow logs and a
// default security group with no rules. The stack is environment-agnostic: CloudFormation picks
// the three AZs (Fn::GetAZs) in whatever Region it is deployed to, unless `availabilityZones` pins them.
import { ArnFormat, CfnOutput, Fn, RemovalPolicy, Stack, Validations, type StackProps } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { planVpcCidr } from "./vpc-cidr.js";

export const NAT_CHOICES = ["per-az", "shared", "none"] as const;
export type NatChoice = (typeof NAT_CHOICES)[number];

export const AZ_COUNT = 3;

/**
 * The interface endpoints the "none" choice creates, one network interface per AZ each: what a
 * container workload in a private subnet calls at start-up and while it runs.
 */
export const DEFAULT_INTERFACE_ENDPOINTS: Readonly<Record<string, ec2.InterfaceVpcEndpointAwsService>> = {
  EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR, // image manifests and auth tokens (image layers come from S3)
  EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER, // the registry API docker and containerd pull through
  Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS, // awslogs driver, Lambda and agent log delivery
  Sts: ec2.InterfaceVpcEndpointAwsService.STS, // AssumeRole and web identity (EKS IRSA, cross-account roles)
  SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER, // database credentials, ECS `secrets`
  Ssm: ec2.InterfaceVpcEndpointAwsService.SSM, // Parameter Store: configuration and ECS `secrets` from parameters
};

export interface VpcNetworkingStackProps extends StackProps {
  /** How the private tier reaches AWS APIs and the internet. */
  readonly nat: NatChoice;
  /** The VPC's IPv4 block: a /16 to /20 from an RFC 1918 range, clear of every network it will talk to. */
  readonly cidr: string;
  /** Interface endpoints for `nat: "none"`, by construct id. @default DEFAULT_INTERFACE_ENDPOINTS */
  readonly interfaceEndpoints?: Readonly<Record<string, ec2.InterfaceVpcEndpointAwsService>>;
  /**
   * Three AZ names to pin the subnets to (e.g. eu-west-1a, eu-west-1b, eu-west-1c).
   * @default the first three that Fn::GetAZs returns in the Region the stack is deployed to
   */
  readonly availabilityZones?: readonly string[];
  /** Adds an Amazon-provided IPv6 /56 (dual-stack); private subnets get outbound IPv6 through an egress-only internet gateway. @default false */
  readonly dualStack?: boolean;
  /** How long flow logs are kept. @default 90 days */
  readonly flowLogRetention?: logs.RetentionDays;
  /** A stack for a trial: `cdk destroy` deletes the flow logs and their key instead of keeping them. @default false */
  readonly throwaway?: boolean;
}

export class VpcNetworkingStack extends Stack {
  readonly vpc: ec2.Vpc;
  private readonly pinnedAzs: readonly string[] | undefined;

  constructor(scope: Construct, id: string, props: VpcNetworkingStackProps) {
    super(scope, id, props);
    if (!NAT_CHOICES.includes(props.nat)) {
      throw new Error(`${id}: nat is ${JSON.stringify(props.nat)}: use one of ${NAT_CHOICES.map((c) => `"${c}"`).join(", ")}`);
    }
    const azs = props.availabilityZones;
    if (azs !== undefined && (azs.length !== AZ_COUNT || new Set(azs).size !== AZ_COUNT || azs.some((az) => !/^[a-z]{2}-[a-z0-9-]+[0-9][a-z]$/.test(az)))) {
      throw new Error(`${id}: availabilityZones is ${JSON.stringify(azs)}: give ${AZ_COUNT} different AZ names of the stack's Region, for example ["eu-west-1a","eu-west-1b","eu-west-1c"]`);
    }
    this.pinnedAzs = azs;
    const { cidr, masks } = planVpcCidr(props.cidr);

    // #region nat
    // Without a NAT gateway the private tier has no route out at all (CDK calls that "isolated");
    // it still differs from the isolated tier: the interface endpoints live in it.
    const natGateways = { "per-az": AZ_COUNT, shared: 1, none: 0 }[props.nat];
    const privateSubnetType = props.nat === "none" ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS;
    // #endregion nat

    // #region vpc
    this.vpc = new ec2.Vpc(this, "Vpc", {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      // Three AZs: Fn::GetAZs picks, or the pinned names (see the availabilityZones override below).
      maxAzs: AZ_COUNT,
      natGateways,
      ...(props.dualStack ? { ipProtocol: ec2.IpProtocol.DUAL_STACK } : {}),
      subnetConfiguration: [
        // Nothing launched here gets a public IPv4 address unless it asks: load balancers and NAT
        // gateways bring their own, and every public address is billed by the hour.
        { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: masks.public, mapPublicIpOnLaunch: false },
        { name: "private", subnetType: privateSubnetType, cidrMask: masks.private },
        { name: "isolated", subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: masks.isolated },
      ],
      // The default security group is what a resource gets when nobody picks one: no rules at all,
      // so forgetting a security group means no traffic rather than everything within the group.
      restrictDefaultSecurityGroup: true,
    });
    // #endregion vpc
    // cfn-lint's W3010 asks templates not to name AZs; naming them is what pinning means.
    if (this.pinnedAzs) {
      Validations.of(this.vpc).acknowledge({
        id: "CloudFormation-Validate::W3010",
        reason: "AZ names are pinned on purpose (availabilityZones): Fn::GetAZs does not promise a stable order, and a long-lived VPC must not move its subnets.",
      });
    }

    // #region endpoints
    // Gateway endpoints cost nothing and take S3 and DynamoDB traffic (ECR image layers too) off
    // the NAT gateway's per-GB processing; every route table gets them.
    this.vpc.addGatewayEndpoint("S3", { service: ec2.GatewayVpcEndpointAwsService.S3 });
    this.vpc.addGatewayEndpoint("DynamoDB", { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });

    if (props.nat === "none") {
      // One security group for all interface endpoints: HTTPS from inside the VPC, nothing else.
      const endpointSecurityGroup = new ec2.SecurityGroup(this, "InterfaceEndpointSecurityGroup", {
        vpc: this.vpc,
        description: "Interface VPC endpoints: HTTPS from the VPC only",
        allowAllOutbound: false,
      });
      // The literal block, not the VPC's CidrBlock attribute: cdk-nag (AwsSolutions-EC23) can read it.
      endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), "HTTPS from the VPC to AWS APIs");
      for (const [endpointId, service] of Object.entries(props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS)) {
        this.vpc.addInterfaceEndpoint(endpointId, {
          service,
          // One network interface per AZ, in the tier the workloads run in.
          subnets: { subnetGroupName: "private" },
          securityGroups: [endpointSecurityGroup],
          open: false,
          // SDKs and agents resolve the service's usual name to the endpoint: no code changes.
          privateDnsEnabled: true,
        });
      }
    }
    // #endregion endpoints

    // #region flow-logs
    // Flow logs are evidence after an incident: kept when the stack is destroyed, unless throwaway,
    // and so is the key that decrypts them. A customer managed key puts every read in CloudTrail.
    const keep = props.throwaway ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const flowLogKey = new kms.Key(this, "FlowLogKey", {
      description: "Encrypts this VPC's flow log group",
      enableKeyRotation: true,
      removalPolicy: keep,
    });
    // CloudWatch Logs may use the key for log groups of this account and Region only.
    flowLogKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        resources: ["*"], // in a key policy, "*" is this key
        conditions: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": this.formatArn({ service: "logs", resource: "log-group", resourceName: "*", arnFormat: ArnFormat.COLON_RESOURCE_NAME }) } },
      }),
    );
    const flowLogGroup = new logs.LogGroup(this, "FlowLogs", {
      retention: props.flowLogRetention ?? logs.RetentionDays.THREE_MONTHS,
      encryptionKey: flowLogKey,
      removalPolicy: keep,
    });
    // Our own role so that its trust policy can name this account's flow logs only (confused
    // deputy); CDK adds the write permissions on this one log group to it.
    const flowLogRole = new iam.Role(this, "FlowLogRole", {
      description: "VPC flow logs delivery: write to this VPC's flow log group only",
      assumedBy: new iam.ServicePrincipal("vpc-flow-logs.amazonaws.com", {
        conditions: {
          StringEquals: { "aws:SourceAccount": this.account },
          ArnLike: { "aws:SourceArn": this.formatArn({ service: "ec2", resource: "vpc-flow-log", resourceName: "*" }) },
        },
      }),
    });
    const flowLog = this.vpc.addFlowLog("FlowLog", {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup, flowLogRole),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    // Created after the role's policy, so the first deliveries are not refused.
    flowLog.node.addDependency(flowLogRole);
    // #endregion flow-logs

    const subnetIds = (subnets: ec2.ISubnet[]): string => subnets.map((subnet) => subnet.subnetId).join(",");
    new CfnOutput(this, "VpcId", { value: this.vpc.vpcId });
    new CfnOutput(this, "PublicSubnetIds", { value: subnetIds(this.vpc.publicSubnets), description: "Load balancers; NAT gateways" });
    new CfnOutput(this, "PrivateSubnetIds", {
      value: subnetIds(this.vpc.selectSubnets({ subnetGroupName: "private" }).subnets),
      description: props.nat === "none" ? "Workloads: AWS APIs through endpoints, no internet route" : "Workloads: outbound through NAT",
    });
    new CfnOutput(this, "IsolatedSubnetIds", { value: subnetIds(this.vpc.selectSubnets({ subnetGroupName: "isolated" }).subnets), description: "Databases: no route out" });
    new CfnOutput(this, "FlowLogGroupName", { value: flowLogGroup.logGroupName });
  }

  // Stack's default for an environment-agnostic stack is two AZs (Fn::GetAZs picks 0 and 1), and
  // with an account and Region set it would look the AZs up at synth time. Three picks keep the
  // template the same everywhere and let CloudFormation resolve them in the Region it deploys to.
  // Fn::GetAZs does not promise a stable order: a long-lived VPC should pin its AZs (README).
  override get availabilityZones(): string[] {
    return this.pinnedAzs ? [...this.pinnedAzs] : Array.from({ length: AZ_COUNT }, (_, index) => Fn.select(index, Fn.getAzs()));
  }
}
