// What the README promises of each NAT choice, checked on the synthesized templates: how each tier
// routes out, which endpoints exist, flow logs and their role, the locked default security group.
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_INTERFACE_ENDPOINTS, VpcNetworkingStack, type NatChoice, type VpcNetworkingStackProps } from "../lib/vpc-networking-stack.js";

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Ref = { Ref: string };

// Every variant the tests read, built once in one app: one synthesis, and one start of CDK's
// template validation engine for all of them (an app per variant restarted it for new resource types).
const VARIANTS: [NatChoice, Partial<VpcNetworkingStackProps>][] = [
  ["per-az", {}],
  ["shared", {}],
  ["none", {}],
  ["none", { interfaceEndpoints: { Ssm: DEFAULT_INTERFACE_ENDPOINTS.Ssm! } }],
  ["shared", { cidr: "172.16.0.0/20" }],
  ["shared", { availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }],
  ["shared", { throwaway: true }],
  ["per-az", { dualStack: true }],
  ["none", { dualStack: true }],
];

const templates = new Map<string, Template>();
const keyOf = (nat: NatChoice, extra: Partial<VpcNetworkingStackProps>) => JSON.stringify({ nat, ...extra });

beforeAll(() => {
  const app = new App();
  // No env: the stack must synthesize the same without an account or a context lookup.
  const stacks = VARIANTS.map(([nat, extra], index) => [keyOf(nat, extra), new VpcNetworkingStack(app, `Test${index}`, { nat, cidr: "10.20.0.0/16", ...extra })] as const);
  for (const [key, stack] of stacks) templates.set(key, Template.fromStack(stack));
});

/** The template of a variant built above; any other props get a stack "Test" alone in its own app (the refused ones). */
function synth(nat: NatChoice, extra: Partial<VpcNetworkingStackProps> = {}): Template {
  const key = keyOf(nat, extra);
  let template = templates.get(key);
  if (!template) {
    template = Template.fromStack(new VpcNetworkingStack(new App(), "Test", { nat, cidr: "10.20.0.0/16", ...extra }));
    templates.set(key, template);
  }
  return template;
}

function resources(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The routes of each tier's route tables, found through the subnets' `aws-cdk:subnet-name` tag. */
function routesOfTier(template: Template, tier: "public" | "private" | "isolated"): Record<string, unknown>[] {
  const subnets = Object.entries(resources(template, "AWS::EC2::Subnet"))
    .filter(([, subnet]) => (subnet.Properties.Tags as { Key: string; Value: string }[]).some((tag) => tag.Key === "aws-cdk:subnet-name" && tag.Value === tier))
    .map(([id]) => id);
  expect(subnets).toHaveLength(3);
  const routeTables = Object.values(resources(template, "AWS::EC2::SubnetRouteTableAssociation"))
    .filter((association) => subnets.includes((association.Properties.SubnetId as Ref).Ref))
    .map((association) => (association.Properties.RouteTableId as Ref).Ref);
  expect(routeTables).toHaveLength(3);
  return Object.values(resources(template, "AWS::EC2::Route"))
    .filter((route) => routeTables.includes((route.Properties.RouteTableId as Ref).Ref))
    .map((route) => route.Properties);
}

const internetTargets = ["GatewayId", "NatGatewayId", "EgressOnlyInternetGatewayId", "TransitGatewayId", "VpcPeeringConnectionId"];

describe.each(["per-az", "shared", "none"] as const)("nat: %s", (nat) => {
  it("spreads the three tiers over three AZs that CloudFormation picks in the deploy Region", () => {
    const template = synth(nat);
    const subnets = Object.values(resources(template, "AWS::EC2::Subnet"));
    expect(subnets).toHaveLength(9);
    const azs = subnets.map((subnet) => JSON.stringify(subnet.Properties.AvailabilityZone));
    expect(new Set(azs)).toEqual(new Set([0, 1, 2].map((index) => JSON.stringify({ "Fn::Select": [index, { "Fn::GetAZs": "" }] }))));
    template.hasResourceProperties("AWS::EC2::VPC", { CidrBlock: "10.20.0.0/16", EnableDnsHostnames: true, EnableDnsSupport: true });
  });

  it("gives nothing in a public subnet a public IPv4 address it did not ask for", () => {
    for (const subnet of Object.values(resources(synth(nat), "AWS::EC2::Subnet"))) expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
  });

  it("routes only the public tier to the internet gateway", () => {
    const template = synth(nat);
    const publicRoutes = routesOfTier(template, "public");
    expect(publicRoutes).toHaveLength(3);
    for (const route of publicRoutes) expect(route).toMatchObject({ DestinationCidrBlock: "0.0.0.0/0", GatewayId: { Ref: expect.stringMatching(/IGW/) } });
    for (const route of routesOfTier(template, "private")) expect(route.GatewayId).toBeUndefined();
    expect(routesOfTier(template, "isolated")).toEqual([]);
  });

  it("adds the S3 and DynamoDB gateway endpoints to every route table", () => {
    const template = synth(nat);
    const routeTableIds = Object.keys(resources(template, "AWS::EC2::RouteTable")).sort();
    const gateways = Object.values(resources(template, "AWS::EC2::VPCEndpoint")).filter((endpoint) => endpoint.Properties.VpcEndpointType === "Gateway");
    expect(gateways.map((endpoint) => JSON.stringify(endpoint.Properties.ServiceName)).sort()).toEqual(
      ["dynamodb", "s3"].map((service) => JSON.stringify({ "Fn::Join": ["", ["com.amazonaws.", { Ref: "AWS::Region" }, `.${service}`]] })),
    );
    for (const endpoint of gateways) expect((endpoint.Properties.RouteTableIds as Ref[]).map((ref) => ref.Ref).sort()).toEqual(routeTableIds);
  });

  it("sends all VPC traffic to a flow log group that is kept, through a role bound to this account's flow logs", () => {
    const template = synth(nat);
    template.hasResourceProperties("AWS::EC2::FlowLog", {
      ResourceType: "VPC",
      ResourceId: { Ref: Match.stringLikeRegexp("^Vpc") },
      TrafficType: "ALL",
      LogDestinationType: "cloud-watch-logs",
      LogGroupName: { Ref: Match.stringLikeRegexp("^FlowLogs") },
      DeliverLogsPermissionArn: { "Fn::GetAtt": [Match.stringLikeRegexp("^FlowLogRole"), "Arn"] },
    });
    template.hasResource("AWS::Logs::LogGroup", { DeletionPolicy: "Retain", Properties: { RetentionInDays: 90, KmsKeyId: { "Fn::GetAtt": [Match.stringLikeRegexp("^FlowLogKey"), "Arn"] } } });
    template.hasResourceProperties("AWS::IAM::Role", {
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRole",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Condition: {
              StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
              ArnLike: { "aws:SourceArn": { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":ec2:", { Ref: "AWS::Region" }, ":", { Ref: "AWS::AccountId" }, ":vpc-flow-log/*"]] } },
            },
          },
        ],
      },
      ManagedPolicyArns: Match.absent(),
    });
    const [logGroupId] = Object.keys(resources(template, "AWS::Logs::LogGroup"));
    const flowLogPolicies = Object.values(resources(template, "AWS::IAM::Policy"));
    expect(flowLogPolicies).toHaveLength(1);
    expect(flowLogPolicies[0]?.Properties.PolicyDocument).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: { "Fn::GetAtt": [logGroupId, "Arn"] },
        },
      ],
    });
    // The flow log waits for the role's policy, so its first deliveries are not refused.
    const [flowLog] = Object.values(template.findResources("AWS::EC2::FlowLog"));
    expect(flowLog?.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^FlowLogRoleDefaultPolicy/)]));
  });

  it("encrypts the flow logs with a rotated key that only CloudWatch Logs of this account and Region may use", () => {
    const template = synth(nat);
    const keys = Object.values(template.findResources("AWS::KMS::Key"));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ DeletionPolicy: "Retain", Properties: { EnableKeyRotation: true } });
    const statements = keys[0]?.Properties.KeyPolicy.Statement as { Principal: unknown }[];
    expect(statements).toHaveLength(2);
    expect(statements[0]).toEqual({ Effect: "Allow", Action: "kms:*", Principal: { AWS: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::", { Ref: "AWS::AccountId" }, ":root"]] } }, Resource: "*" });
    expect(statements[1]).toEqual({
      Effect: "Allow",
      Principal: { Service: { "Fn::Join": ["", ["logs.", { Ref: "AWS::Region" }, ".amazonaws.com"]] } },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":logs:", { Ref: "AWS::Region" }, ":", { Ref: "AWS::AccountId" }, ":log-group:*"]] } } },
    });
  });

  it("removes every rule from the default security group, with a role that may touch only that group", () => {
    const template = synth(nat);
    template.hasResourceProperties("Custom::VpcRestrictDefaultSG", { DefaultSecurityGroupId: { "Fn::GetAtt": [Match.stringLikeRegexp("^Vpc"), "DefaultSecurityGroup"] } });
    const [providerRole] = Object.values(resources(template, "AWS::IAM::Role")).filter((role) => JSON.stringify(role.Properties).includes("lambda.amazonaws.com"));
    expect(providerRole?.Properties.Policies).toEqual([
      {
        PolicyName: "Inline",
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"],
              Resource: [
                {
                  "Fn::Join": [
                    "",
                    ["arn:", { Ref: "AWS::Partition" }, ":ec2:", { Ref: "AWS::Region" }, ":", { Ref: "AWS::AccountId" }, ":security-group/", { "Fn::GetAtt": [expect.stringMatching(/^Vpc/), "DefaultSecurityGroup"] }],
                  ],
                },
              ],
            },
          ],
        },
      },
    ]);
  });

  it("outputs the VPC, the subnets of each tier and the flow log group", () => {
    expect(Object.keys(synth(nat).findOutputs("*")).sort()).toEqual(["FlowLogGroupName", "IsolatedSubnetIds", "PrivateSubnetIds", "PublicSubnetIds", "VpcId"]);
  });
});

describe("the NAT choice", () => {
  it("creates one NAT gateway and Elastic IP per AZ, one in all, or none", () => {
    for (const [nat, count] of [["per-az", 3], ["shared", 1], ["none", 0]] as const) {
      synth(nat).resourceCountIs("AWS::EC2::NatGateway", count);
      synth(nat).resourceCountIs("AWS::EC2::EIP", count);
    }
  });

  it("per-az: each private subnet leaves through the NAT gateway of its own AZ", () => {
    const routes = routesOfTier(synth("per-az"), "private");
    expect(routes).toHaveLength(3);
    for (const route of routes) expect(route.DestinationCidrBlock).toBe("0.0.0.0/0");
    expect(new Set(routes.map((route) => (route.NatGatewayId as Ref).Ref)).size).toBe(3);
  });

  it("shared: every private subnet leaves through the one NAT gateway", () => {
    const routes = routesOfTier(synth("shared"), "private");
    expect(routes).toHaveLength(3);
    expect(new Set(routes.map((route) => (route.NatGatewayId as Ref).Ref))).toEqual(new Set(Object.keys(resources(synth("shared"), "AWS::EC2::NatGateway"))));
  });

  it("none: the private tier has no route out, only the interface endpoints, in its three subnets", () => {
    const template = synth("none");
    expect(routesOfTier(template, "private")).toEqual([]);
    const interfaces = Object.values(resources(template, "AWS::EC2::VPCEndpoint")).filter((endpoint) => endpoint.Properties.VpcEndpointType === "Interface");
    const services = interfaces.map((endpoint) => JSON.stringify(endpoint.Properties.ServiceName).match(/\.([a-z.]+)"\]\]\}$/)?.[1]);
    expect(services.sort()).toEqual(["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm", "sts"]);
    expect(interfaces).toHaveLength(Object.keys(DEFAULT_INTERFACE_ENDPOINTS).length);
    for (const endpoint of interfaces) {
      expect(endpoint.Properties.PrivateDnsEnabled).toBe(true);
      expect((endpoint.Properties.SubnetIds as Ref[]).map((ref) => ref.Ref)).toEqual([1, 2, 3].map((az) => expect.stringMatching(new RegExp(`^VpcprivateSubnet${az}`))));
    }
  });

  it("none: the endpoints accept HTTPS from the VPC and nothing else", () => {
    const groups = Object.values(resources(synth("none"), "AWS::EC2::SecurityGroup"));
    expect(groups).toHaveLength(1);
    expect(groups[0]?.Properties.SecurityGroupIngress).toEqual([
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "10.20.0.0/16", Description: "HTTPS from the VPC to AWS APIs" },
    ]);
  });

  it("per-az and shared: no interface endpoints, no endpoint security group", () => {
    for (const nat of ["per-az", "shared"] as const) {
      const endpoints = Object.values(resources(synth(nat), "AWS::EC2::VPCEndpoint"));
      expect(endpoints.map((endpoint) => endpoint.Properties.VpcEndpointType)).toEqual(["Gateway", "Gateway"]);
      synth(nat).resourceCountIs("AWS::EC2::SecurityGroup", 0);
    }
  });

  it("interfaceEndpoints replaces the default set", () => {
    const template = synth("none", { interfaceEndpoints: { Ssm: DEFAULT_INTERFACE_ENDPOINTS.Ssm! } });
    const interfaces = Object.values(resources(template, "AWS::EC2::VPCEndpoint")).filter((endpoint) => endpoint.Properties.VpcEndpointType === "Interface");
    expect(interfaces.map((endpoint) => JSON.stringify(endpoint.Properties.ServiceName))).toEqual([expect.stringContaining('".ssm"')]);
  });
});

describe("options", () => {
  it("sizes the tiers from the CIDR: /24 public, /19 private, /22 isolated in a /16", () => {
    const blocks = Object.values(resources(synth("shared"), "AWS::EC2::Subnet")).map((subnet) => subnet.Properties.CidrBlock as string);
    expect(blocks.map((block) => block.split("/")[1]).sort()).toEqual(["19", "19", "19", "22", "22", "22", "24", "24", "24"]);
    const smaller = Object.values(resources(synth("shared", { cidr: "172.16.0.0/20" }), "AWS::EC2::Subnet")).map((subnet) => subnet.Properties.CidrBlock as string);
    expect(smaller.map((block) => block.split("/")[1]).sort()).toEqual(["23", "23", "23", "26", "26", "26", "28", "28", "28"]);
  });

  it("refuses a CIDR the plan cannot use, and an unknown NAT choice, before anything is built", () => {
    expect(() => synth("shared", { cidr: "10.20.0.0/24" })).toThrow('cidr "10.20.0.0/24" is a /24');
    expect(() => synth("bogus" as NatChoice)).toThrow('Test: nat is "bogus": use one of "per-az", "shared", "none"');
  });

  it("availabilityZones pins the subnets to three named AZs, and refuses anything else", () => {
    const azs = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
    const subnets = Object.values(resources(synth("shared", { availabilityZones: azs }), "AWS::EC2::Subnet"));
    expect(subnets.map((subnet) => subnet.Properties.AvailabilityZone).sort()).toEqual([...azs, ...azs, ...azs].sort());
    const message = 'Test: availabilityZones is ["eu-west-1a","eu-west-1a","eu-west-1b"]: give 3 different AZ names of the stack\'s Region, for example ["eu-west-1a","eu-west-1b","eu-west-1c"]';
    expect(() => synth("shared", { availabilityZones: ["eu-west-1a", "eu-west-1a", "eu-west-1b"] })).toThrow(message);
    expect(() => synth("shared", { availabilityZones: ["eu-west-1a", "eu-west-1b"] })).toThrow("give 3 different AZ names");
    expect(() => synth("shared", { availabilityZones: ["eu-west-1a", "eu-west-1b", "euw1-az3"] })).toThrow("give 3 different AZ names");
  });

  it("throwaway: cdk destroy deletes the flow logs and their key", () => {
    synth("shared", { throwaway: true }).hasResource("AWS::Logs::LogGroup", { DeletionPolicy: "Delete", Properties: Match.objectLike({ RetentionInDays: 90 }) });
    synth("shared", { throwaway: true }).hasResource("AWS::KMS::Key", { DeletionPolicy: "Delete" });
  });

  it("dualStack: every subnet gets IPv6, only the private tier leaves through the egress-only gateway, the isolated tier still has no route", () => {
    const template = synth("per-az", { dualStack: true });
    template.hasResourceProperties("AWS::EC2::VPCCidrBlock", { AmazonProvidedIpv6CidrBlock: true });
    template.resourceCountIs("AWS::EC2::EgressOnlyInternetGateway", 1);
    for (const subnet of Object.values(resources(template, "AWS::EC2::Subnet"))) expect(subnet.Properties.Ipv6CidrBlock).toBeDefined();
    const privateIpv6 = routesOfTier(template, "private").filter((route) => route.DestinationIpv6CidrBlock === "::/0");
    expect(privateIpv6.map((route) => Object.keys(route).filter((key) => internetTargets.includes(key)))).toEqual([["EgressOnlyInternetGatewayId"], ["EgressOnlyInternetGatewayId"], ["EgressOnlyInternetGatewayId"]]);
    expect(routesOfTier(template, "isolated")).toEqual([]);
  });

  it("dualStack with nat none: the private tier stays without a route out, IPv6 or not", () => {
    const template = synth("none", { dualStack: true });
    // CDK creates the egress-only gateway with every dual-stack VPC; here no route points at it.
    for (const route of Object.values(resources(template, "AWS::EC2::Route"))) expect(route.Properties.EgressOnlyInternetGatewayId).toBeUndefined();
    expect(routesOfTier(template, "private")).toEqual([]);
    expect(routesOfTier(template, "isolated")).toEqual([]);
  });
});
