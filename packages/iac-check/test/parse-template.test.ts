import { describe, expect, it } from "vitest";
import { decodeTemplate, parseTemplate, splitPropertyPath, TemplateSyntaxError } from "../src/cloudformation/parse-template.js";
import { readTemplateAcknowledgements } from "../src/cloudformation/acknowledgements.js";

const TEMPLATE = `Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "\${AWS::StackName}-data"
      Tags:
        - Key: arn
          Value: !GetAtt Role.Arn
        - Key: nested
          Value: !GetAtt [Role, RoleId]
        - Key: joined
          Value: !Join ["-", [!Ref Env, !Select [0, !GetAZs ""]]]
  Conditional:
    Type: AWS::SNS::Topic
    Condition: IsProd
    Properties:
      DisplayName: !If [IsProd, !Base64 prod, !Ref AWS::NoValue]
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
`;

describe("parseTemplate", () => {
  it("turns every short-form tag into CloudFormation's long form", () => {
    const { template } = parseTemplate(TEMPLATE);
    const bucket = (template.Resources as Record<string, { Properties: Record<string, unknown> }>).Bucket!.Properties;
    expect(bucket.BucketName).toEqual({ "Fn::Sub": "${AWS::StackName}-data" });
    expect(bucket.Tags).toEqual([
      { Key: "arn", Value: { "Fn::GetAtt": ["Role", "Arn"] } },
      { Key: "nested", Value: { "Fn::GetAtt": ["Role", "RoleId"] } },
      { Key: "joined", Value: { "Fn::Join": ["-", [{ Ref: "Env" }, { "Fn::Select": [0, { "Fn::GetAZs": "" }] }]] } },
    ]);
    expect(template.Conditions).toEqual({ IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] }, NotProd: { "Fn::Not": [{ Condition: "IsProd" }] } });
    expect((template.Resources as Record<string, { Properties: unknown }>).Conditional!.Properties).toEqual({ DisplayName: { "Fn::If": ["IsProd", { "Fn::Base64": "prod" }, { Ref: "AWS::NoValue" }] } });
  });

  it("locates property paths at the template's own lines, falling back to the deepest existing node", () => {
    const parsed = parseTemplate(TEMPLATE);
    expect(parsed.locate(["Resources", "Bucket", "Properties", "BucketName"])).toEqual({ line: 5, column: 7 });
    expect(parsed.locate(["Resources", "Bucket", ...splitPropertyPath("Properties.Tags[1].Value")])).toEqual({ line: 10, column: 11 });
    expect(parsed.locate(["Resources", "Bucket", "Properties", "NoSuchThing"])).toEqual({ line: 4, column: 5 });
    expect(parsed.locate(splitPropertyPath("Conditions/NotProd"))).toEqual({ line: 20, column: 3 });
  });

  it("parses JSON templates with the same line numbers", () => {
    const parsed = parseTemplate('{\n  "Resources": {\n    "Q": { "Type": "AWS::SQS::Queue" }\n  }\n}\n');
    expect(parsed.template).toEqual({ Resources: { Q: { Type: "AWS::SQS::Queue" } } });
    expect(parsed.locate(["Resources", "Q", "Type"])).toEqual({ line: 3, column: 12 });
  });

  it.each([
    ["Resources: [a\n  b: c", 1],
    ["Resources:\n  A: 1\n  A: 2\n", 3],
  ])("reports YAML errors with their position: %j", (text, line) => {
    try {
      parseTemplate(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateSyntaxError);
      expect((error as TemplateSyntaxError).position.line).toBe(line);
      expect((error as Error).message).toMatch(/^not valid YAML or JSON: /);
    }
  });

  it("resolves aliases to their anchors' values, and locates findings inside them at the anchor", () => {
    const parsed = parseTemplate("Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: &props\n      SqsManagedSseEnabled: true\n  B:\n    Type: AWS::SQS::Queue\n    Properties: *props\n");
    expect(parsed.template.Resources).toEqual({
      A: { Type: "AWS::SQS::Queue", Properties: { SqsManagedSseEnabled: true } },
      B: { Type: "AWS::SQS::Queue", Properties: { SqsManagedSseEnabled: true } },
    });
    expect(parsed.locate(["Resources", "B", "Properties", "SqsManagedSseEnabled"])).toEqual({ line: 5, column: 7 });
  });

  it("rejects an alias bomb at the alias that crosses the limit, without expanding it", () => {
    const names = "abcdefghi";
    const lines = [`${names[0]}: &${names[0]} [lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
    for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(", ")}]`);
    expect(() => parseTemplate(`Resources:\n  ${lines.join("\n  ")}\n`)).toThrow(/YAML aliases expand more than 1000 times/);
  });

  it("rejects text that is not UTF-8 at the line of the first bad byte", () => {
    const latin1 = Buffer.from("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: caf\xe9\n", "latin1");
    try {
      decodeTemplate(latin1);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateSyntaxError);
      expect((error as TemplateSyntaxError).position).toEqual({ line: 5, column: 21 });
      expect((error as Error).message).toMatch(/^the template is not valid UTF-8 \(it may be Latin-1/);
    }
    expect(() => decodeTemplate(Buffer.from("\ufeffResources: {}", "utf16le"))).toThrow(/UTF-16/);
    expect(decodeTemplate(Buffer.from("\ufeffResources: {}\n", "utf8"))).toBe("Resources: {}\n");
  });

  it("rejects a document that is not a mapping", () => {
    expect(() => parseTemplate("just a string")).toThrow("not a CloudFormation template: the top level must be a mapping with a Resources section");
  });
});

describe("acknowledgements in Metadata", () => {
  it("reads resource and template acknowledgements and flags malformed ones at their line", () => {
    const parsed = parseTemplate(`Metadata:
  iac-check:
    acknowledge:
      - id: AwsSolutions-IAM5
        reason: Every role in this template needs wildcard X-Ray permissions.
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Metadata:
      iac-check:
        acknowledge:
          - reason: forgot the id of the rule it is about
          - id: AwsSolutions-SQS3
            reason: short
  Topic:
    Type: AWS::SNS::Topic
    Metadata:
      iac-check: [wrong]
`);
    const { acknowledgements, diagnostics } = readTemplateAcknowledgements(parsed, "t.yaml");
    expect(acknowledgements).toEqual([
      { logicalId: undefined, id: "AwsSolutions-IAM5", reason: "Every role in this template needs wildcard X-Ray permissions." },
      { logicalId: "Queue", id: "AwsSolutions-SQS3", reason: "short" },
    ]);
    expect(diagnostics.map((d) => [d.line, d.rule])).toEqual([
      [12, "acknowledgement/format"],
      [13, "acknowledgement/reason"],
      [18, "acknowledgement/format"],
    ]);
  });
});
