// The properties that make this stack what the README promises: checked on the synthesized template.
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { ServerlessApiStack } from "../lib/serverless-api-stack.js";

let template: Template;

beforeAll(() => {
  // No test here reads the handler's bundled code or asset hash, and the check task (iac-check)
  // synthesizes the app with bundling: skip esbuild at synth (CDK's documented context key).
  const app = new App({ context: { "aws:cdk:bundling-stacks": [] } });
  const stack = new ServerlessApiStack(app, "Test", { env: { account: "123456789012", region: "us-east-1" }, throttleRateLimit: 20, throttleBurstLimit: 40 });
  template = Template.fromStack(stack);
});

describe("ServerlessApiStack", () => {
  it("runs the handler on arm64 with a current Node.js runtime, tracing, and explicit limits", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      Handler: "index.handler",
      MemorySize: 256,
      Timeout: 10,
      TracingConfig: { Mode: "Active" },
      LoggingConfig: Match.objectLike({ LogFormat: "JSON" }),
    });
  });

  it("keeps items in an encrypted table with point-in-time recovery that outlives the stack", () => {
    template.hasResource("AWS::DynamoDB::GlobalTable", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        BillingMode: "PAY_PER_REQUEST",
        SSESpecification: { SSEEnabled: true, SSEType: "KMS" },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
      }),
    });
  });

  it("requires IAM authorization on every route", () => {
    const routes = template.findResources("AWS::ApiGatewayV2::Route");
    expect(Object.values(routes).map((r) => r.Properties.RouteKey).sort()).toEqual(["DELETE /items/{id}", "GET /items", "GET /items/{id}", "POST /items", "PUT /items/{id}"]);
    for (const route of Object.values(routes)) expect(route.Properties.AuthorizationType).toBe("AWS_IAM");
  });

  it("throttles the stage and writes JSON access logs", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
  });

  it("gives the function only its log group, X-Ray and the items table", () => {
    template.resourceCountIs("AWS::IAM::Role", 1);
    template.hasResourceProperties("AWS::IAM::Role", { ManagedPolicyArns: Match.absent() });
    const policies = Object.values(template.findResources("AWS::IAM::Policy"));
    const actions = policies.flatMap((p) => p.Properties.PolicyDocument.Statement).flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    expect(actions).not.toContain("dynamodb:*");
    expect(actions).toEqual(expect.arrayContaining(["dynamodb:PutItem", "dynamodb:GetItem", "xray:PutTraceSegments", "logs:PutLogEvents"]));
  });

  it("alarms on function errors, function throttles and API 5xx, to an encrypted topic", () => {
    template.resourceCountIs("AWS::CloudWatch::Alarm", 3);
    template.hasResourceProperties("AWS::CloudWatch::Alarm", { MetricName: "Errors", Namespace: "AWS/Lambda", AlarmActions: [Match.objectLike({ Ref: Match.stringLikeRegexp("AlarmTopic") })] });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", { MetricName: "Throttles", Namespace: "AWS/Lambda" });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", { MetricName: "5xx", Namespace: "AWS/ApiGateway" });
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });
});
