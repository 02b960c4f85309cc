import { describe, expect, it } from "vitest";
import { expandForEach, ExpansionError } from "../src/cloudformation/language-extensions.js";
import { transformSam } from "../src/cloudformation/sam-transform.js";

describe("transformSam", () => {
  const sam = (resources: Record<string, unknown>, extra: Record<string, unknown> = {}) => transformSam({ Transform: "AWS::Serverless-2016-10-31", Resources: resources, ...extra });

  it("turns a function into a Lambda function and its execution role, with Globals applied", () => {
    const { template, origins, unsupported } = sam(
      { Fn: { Type: "AWS::Serverless::Function", Properties: { Runtime: "nodejs22.x", Handler: "index.handler", CodeUri: "src/", Timeout: 5, DeadLetterQueue: { Type: "SQS", TargetArn: "arn:dlq" }, Tracing: "Active", Tags: { team: "a" } } } },
      { Globals: { Function: { MemorySize: 512, Timeout: 30 } } },
    );
    expect(unsupported).toEqual([]);
    expect(template).not.toHaveProperty("Transform");
    expect(template).not.toHaveProperty("Globals");
    const resources = template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
    expect(resources.Fn).toEqual({
      Type: "AWS::Lambda::Function",
      Properties: {
        Handler: "index.handler", MemorySize: 512, Runtime: "nodejs22.x", Timeout: 5,
        Code: { S3Bucket: "iac-check-local-code", S3Key: "src/" },
        DeadLetterConfig: { TargetArn: "arn:dlq" }, TracingConfig: { Mode: "Active" }, Tags: [{ Key: "team", Value: "a" }],
        Role: { "Fn::GetAtt": ["FnRole", "Arn"] },
      },
    });
    expect(resources.FnRole!.Type).toBe("AWS::IAM::Role");
    expect(resources.FnRole!.Properties.ManagedPolicyArns).toHaveLength(2);
    expect(origins).toEqual(new Map([["FnRole", "Fn"]]));
  });

  it("uses the function's own Role instead of generating one, and inlines statement policies otherwise", () => {
    const withRole = sam({ Fn: { Type: "AWS::Serverless::Function", Properties: { Role: "arn:role", InlineCode: "x" } } });
    expect(Object.keys(withRole.template.Resources as object)).toEqual(["Fn"]);
    const withPolicy = sam({ Fn: { Type: "AWS::Serverless::Function", Properties: { InlineCode: "x", Policies: ["AmazonS3ReadOnlyAccess", { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }] } } });
    const role = (withPolicy.template.Resources as Record<string, { Properties: Record<string, unknown> }>).FnRole!.Properties;
    expect(role.Policies).toEqual([{ PolicyName: "FnRolePolicy0", PolicyDocument: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }]);
    expect(role.ManagedPolicyArns).toContainEqual({ "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess" });
  });

  it("creates SAM's implicit APIs for events that name none, under SAM's names", () => {
    const { template, origins } = sam({
      Fn: { Type: "AWS::Serverless::Function", Properties: { InlineCode: "x", Events: { A: { Type: "Api", Properties: { Path: "/", Method: "get" } }, B: { Type: "HttpApi" } } } },
    });
    const types = Object.fromEntries(Object.entries(template.Resources as Record<string, { Type: string }>).map(([id, r]) => [id, r.Type]));
    expect(types).toMatchObject({
      ServerlessRestApi: "AWS::ApiGateway::RestApi", ServerlessRestApiProdStage: "AWS::ApiGateway::Stage",
      ServerlessHttpApi: "AWS::ApiGatewayV2::Api", ServerlessHttpApiApiGatewayDefaultStage: "AWS::ApiGatewayV2::Stage",
    });
    expect(origins.get("ServerlessHttpApi")).toBe("Fn");
  });

  it("creates the alias and function URL SAM names after the function", () => {
    const { template } = sam({ Fn: { Type: "AWS::Serverless::Function", Properties: { InlineCode: "x", AutoPublishAlias: "live", FunctionUrlConfig: { AuthType: "AWS_IAM" } } } });
    const types = Object.fromEntries(Object.entries(template.Resources as Record<string, { Type: string }>).map(([id, r]) => [id, r.Type]));
    expect(types).toMatchObject({ FnVersion: "AWS::Lambda::Version", FnAliaslive: "AWS::Lambda::Alias", FnUrl: "AWS::Lambda::Url" });
  });

  it("lists the SAM types it does not expand", () => {
    expect(sam({ App: { Type: "AWS::Serverless::Application", Properties: {} } }).unsupported).toEqual(["App (AWS::Serverless::Application)"]);
  });
});

describe("expandForEach", () => {
  it("repeats the fragment for each item, in keys, strings and Refs to the identifier", () => {
    const { template, origins } = expandForEach({
      Resources: { "Fn::ForEach::Topics": ["Name", ["a-b", "c"], { "Topic&{Name}": { Type: "AWS::SNS::Topic", Properties: { TopicName: { "Fn::Sub": "${Name}-events" }, DisplayName: { Ref: "Name" } } } }] },
    });
    expect(template.Resources).toEqual({
      Topicab: { Type: "AWS::SNS::Topic", Properties: { TopicName: { "Fn::Sub": "a-b-events" }, DisplayName: "a-b" } },
      Topicc: { Type: "AWS::SNS::Topic", Properties: { TopicName: { "Fn::Sub": "c-events" }, DisplayName: "c" } },
    });
    expect(origins.get("Topicc")).toEqual(["Resources", "Fn::ForEach::Topics"]);
  });

  it("loops over a list parameter's Default, and says so when the collection is only known at deploy time", () => {
    const loop = (collection: unknown) => ({ Resources: { "Fn::ForEach::Q": ["N", collection, { "Q${N}": { Type: "AWS::SQS::Queue" } }] } });
    expect(Object.keys(expandForEach({ ...loop({ Ref: "Names" }), Parameters: { Names: { Type: "CommaDelimitedList", Default: "x, y" } } }).template.Resources as object)).toEqual(["Qx", "Qy"]);
    expect(() => expandForEach({ ...loop({ Ref: "Names" }), Parameters: { Names: { Type: "CommaDelimitedList" } } })).toThrow(ExpansionError);
  });
});
