// The AWS::Serverless-2016-10-31 (SAM) transform, as far as the security rules need it: each
// SAM resource becomes the CloudFormation resources SAM deploys for it (a function becomes a
// Lambda function and, unless it names a Role, an execution role; an HttpApi or Api event
// without an explicit API creates the implicit ServerlessHttpApi or ServerlessRestApi with its
// stage), with the Globals section applied. The names are SAM's own, so Outputs that refer to
// them resolve. Properties the rules do not read (event source wiring, permissions) are left out.
// A SAM type this module does not know is reported, never passed in silence.
import { isObject } from "./acknowledgements.js";

export const SAM_TRANSFORM = "AWS::Serverless-2016-10-31";

type Resource = { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown };

export interface SamTransformResult {
  template: Record<string, unknown>;
  /** Generated logical id -> the SAM resource (logical id) it comes from. */
  origins: Map<string, string>;
  /** SAM resources of a type this transform does not cover: they were not security-checked. */
  unsupported: string[];
}

const BASIC_EXECUTION = { "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" };
const VPC_EXECUTION = { "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole" };
const XRAY_WRITE = { "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess" };

/** SAM Function property -> AWS::Lambda::Function property, where only the name differs or nothing does. */
const FUNCTION_PASSTHROUGH = [
  "Architectures", "CodeSigningConfigArn", "Description", "Environment", "EphemeralStorage", "FileSystemConfigs", "FunctionName", "Handler",
  "ImageConfig", "KmsKeyArn", "Layers", "LoggingConfig", "MemorySize", "PackageType", "RecursiveLoop", "ReservedConcurrentExecutions", "Runtime",
  "RuntimeManagementConfig", "SnapStart", "Timeout", "VpcConfig",
];

export function transformSam(input: Record<string, unknown>): SamTransformResult {
  const resources = isObject(input.Resources) ? (input.Resources as Record<string, unknown>) : {};
  const globals = isObject(input.Globals) ? input.Globals : {};
  const out: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  const unsupported: string[] = [];
  const add = (id: string, resource: Resource, from: string): void => {
    out[id] = resource;
    if (id !== from) origins.set(id, from);
  };
  for (const [id, raw] of Object.entries(resources)) {
    if (!isObject(raw) || typeof raw.Type !== "string" || !raw.Type.startsWith("AWS::Serverless::")) {
      out[id] = raw;
      continue;
    }
    const { Type: type, Properties, ...attributes } = raw as Resource;
    const kind = type.slice("AWS::Serverless::".length);
    const properties = withGlobals(isObject(Properties) ? Properties : {}, globals[kind === "SimpleTable" ? "SimpleTable" : kind]);
    const keep = attributesFor(attributes);
    switch (kind) {
      case "Function":
        transformFunction(id, properties, keep, resources, add);
        break;
      case "Api":
        addRestApi(id, properties, keep, add, id);
        break;
      case "HttpApi":
        addHttpApi(id, properties, keep, add, id);
        break;
      case "SimpleTable":
        add(id, { Type: "AWS::DynamoDB::Table", ...keep, Properties: simpleTable(properties) }, id);
        break;
      case "LayerVersion":
        add(id, { Type: "AWS::Lambda::LayerVersion", ...keep, Properties: pick(properties, ["CompatibleArchitectures", "CompatibleRuntimes", "Description", "LayerName", "LicenseInfo"], { Content: codeOf(properties.ContentUri) }) }, id);
        break;
      case "StateMachine":
        add(id, { Type: "AWS::StepFunctions::StateMachine", ...keep, Properties: pick(properties, ["Definition", "DefinitionS3Location", "DefinitionSubstitutions", "Logging", "RoleArn", "StateMachineName", "StateMachineType", "TracingConfiguration"], { ...(properties.Type ? { StateMachineType: properties.Type } : {}), ...(properties.Role ? { RoleArn: properties.Role } : {}), ...(properties.Tracing ? { TracingConfiguration: properties.Tracing } : {}) }) }, id);
        break;
      default:
        unsupported.push(`${id} (${type})`);
    }
  }
  const { Globals: _globals, Transform: _transform, ...rest } = input;
  return { template: { ...rest, Resources: out }, origins, unsupported };
}

function transformFunction(id: string, p: Record<string, unknown>, keep: Record<string, unknown>, resources: Record<string, unknown>, add: (id: string, r: Resource, from: string) => void): void {
  const properties: Record<string, unknown> = pick(p, FUNCTION_PASSTHROUGH, {
    Code: p.InlineCode !== undefined ? { ZipFile: p.InlineCode } : p.ImageUri !== undefined ? { ImageUri: p.ImageUri } : codeOf(p.CodeUri),
  });
  if (isObject(p.DeadLetterQueue) && p.DeadLetterQueue.TargetArn !== undefined) properties.DeadLetterConfig = { TargetArn: p.DeadLetterQueue.TargetArn };
  if (typeof p.Tracing === "string") properties.TracingConfig = { Mode: p.Tracing };
  if (isObject(p.Tags)) properties.Tags = Object.entries(p.Tags).map(([Key, Value]) => ({ Key, Value }));
  if (p.Role !== undefined) {
    properties.Role = p.Role;
  } else {
    const managed: unknown[] = [BASIC_EXECUTION];
    if (p.Tracing === "Active") managed.push(XRAY_WRITE);
    if (p.VpcConfig !== undefined) managed.push(VPC_EXECUTION);
    const inline: { PolicyName: string; PolicyDocument: unknown }[] = [];
    const policies = p.Policies === undefined ? [] : Array.isArray(p.Policies) ? p.Policies : [p.Policies];
    for (const policy of policies) {
      if (typeof policy === "string") managed.push(policy.startsWith("arn:") ? policy : { "Fn::Sub": `arn:\${AWS::Partition}:iam::aws:policy/${policy}` });
      else if (isObject(policy) && "Statement" in policy) inline.push({ PolicyName: `${id}RolePolicy${inline.length}`, PolicyDocument: policy });
      else if (isObject(policy) && ("Ref" in policy || "Fn::Sub" in policy || "Fn::ImportValue" in policy)) managed.push(policy);
      // Policy templates (S3ReadPolicy: {...}) expand to statements scoped to the named resource.
    }
    add(`${id}Role`, {
      Type: "AWS::IAM::Role",
      Properties: {
        AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com"] }, Action: ["sts:AssumeRole"] }] },
        ManagedPolicyArns: managed,
        ...(inline.length > 0 ? { Policies: inline } : {}),
        ...(p.PermissionsBoundary !== undefined ? { PermissionsBoundary: p.PermissionsBoundary } : {}),
      },
    }, id);
    properties.Role = { "Fn::GetAtt": [`${id}Role`, "Arn"] };
  }
  add(id, { Type: "AWS::Lambda::Function", ...keep, Properties: properties }, id);
  // Resources SAM names predictably, so templates refer to them (`!Ref FnAliaslive`, `!GetAtt FnUrl.FunctionUrl`).
  if (typeof p.AutoPublishAlias === "string") {
    add(`${id}Version`, { Type: "AWS::Lambda::Version", Properties: { FunctionName: { Ref: id } } }, id);
    add(`${id}Alias${p.AutoPublishAlias}`, { Type: "AWS::Lambda::Alias", Properties: { FunctionName: { Ref: id }, FunctionVersion: { "Fn::GetAtt": [`${id}Version`, "Version"] }, Name: p.AutoPublishAlias } }, id);
  }
  if (isObject(p.FunctionUrlConfig)) add(`${id}Url`, { Type: "AWS::Lambda::Url", Properties: { TargetFunctionArn: { Ref: id }, ...pick(p.FunctionUrlConfig, ["AuthType", "Cors", "InvokeMode"]) } }, id);
  // Events that need an API the template does not declare get SAM's implicit one.
  for (const event of Object.values(isObject(p.Events) ? p.Events : {})) {
    if (!isObject(event)) continue;
    const eventProperties = isObject(event.Properties) ? event.Properties : {};
    if (event.Type === "HttpApi" && eventProperties.ApiId === undefined && !("ServerlessHttpApi" in resources)) addHttpApi("ServerlessHttpApi", {}, {}, add, id);
    if (event.Type === "Api" && eventProperties.RestApiId === undefined && !("ServerlessRestApi" in resources)) addRestApi("ServerlessRestApi", { StageName: "Prod" }, {}, add, id);
  }
}

function addHttpApi(id: string, p: Record<string, unknown>, keep: Record<string, unknown>, add: (id: string, r: Resource, from: string) => void, from: string): void {
  add(id, { Type: "AWS::ApiGatewayV2::Api", ...keep, Properties: { Name: p.Name ?? { Ref: "AWS::StackName" }, ProtocolType: "HTTP", ...pick(p, ["CorsConfiguration", "Description", "DisableExecuteApiEndpoint"]) } }, from);
  const stageName = typeof p.StageName === "string" ? p.StageName : "$default";
  const stageId = stageName === "$default" ? `${id}ApiGatewayDefaultStage` : `${id}${stageName.replace(/[^A-Za-z0-9]/g, "")}Stage`;
  add(stageId, { Type: "AWS::ApiGatewayV2::Stage", Properties: { ApiId: { Ref: id }, StageName: stageName, AutoDeploy: true, ...pick(p, ["AccessLogSettings", "DefaultRouteSettings", "RouteSettings", "StageVariables"]) } }, from);
}

function addRestApi(id: string, p: Record<string, unknown>, keep: Record<string, unknown>, add: (id: string, r: Resource, from: string) => void, from: string): void {
  add(id, { Type: "AWS::ApiGateway::RestApi", ...keep, Properties: { Name: p.Name ?? { Ref: "AWS::StackName" }, ...pick(p, ["Description", "EndpointConfiguration", "MinimumCompressionSize", "Policy", "DisableExecuteApiEndpoint"]) } }, from);
  add(`${id}Deployment`, { Type: "AWS::ApiGateway::Deployment", Properties: { RestApiId: { Ref: id } } }, from);
  const stageName = typeof p.StageName === "string" ? p.StageName : "Prod";
  add(`${id}${stageName.replace(/[^A-Za-z0-9]/g, "")}Stage`, {
    Type: "AWS::ApiGateway::Stage",
    Properties: {
      RestApiId: { Ref: id },
      DeploymentId: { Ref: `${id}Deployment` },
      StageName: stageName,
      ...pick(p, ["AccessLogSetting", "CacheClusterEnabled", "CacheClusterSize", "MethodSettings", "TracingEnabled", "Variables"]),
    },
  }, from);
}

function simpleTable(p: Record<string, unknown>): Record<string, unknown> {
  const key = isObject(p.PrimaryKey) ? p.PrimaryKey : { Name: "id", Type: "String" };
  const attributeType = key.Type === "Number" ? "N" : key.Type === "Binary" ? "B" : "S";
  return {
    ...pick(p, ["TableName", "SSESpecification", "Tags"]),
    AttributeDefinitions: [{ AttributeName: key.Name, AttributeType: attributeType }],
    KeySchema: [{ AttributeName: key.Name, KeyType: "HASH" }],
    ...(p.ProvisionedThroughput !== undefined ? { ProvisionedThroughput: p.ProvisionedThroughput } : { BillingMode: "PAY_PER_REQUEST" }),
  };
}

/** Globals.<Kind> applies to every resource of that kind; the resource's own values win (maps are merged). */
function withGlobals(properties: Record<string, unknown>, global: unknown): Record<string, unknown> {
  if (!isObject(global)) return properties;
  const merged: Record<string, unknown> = { ...global };
  for (const [key, value] of Object.entries(properties)) merged[key] = isObject(value) && isObject(merged[key]) ? { ...(merged[key] as object), ...value } : value;
  return merged;
}

function codeOf(uri: unknown): unknown {
  if (isObject(uri) && typeof uri.Bucket === "string") return { S3Bucket: uri.Bucket, S3Key: uri.Key, ...(uri.Version ? { S3ObjectVersion: uri.Version } : {}) };
  // A local path (`sam build` uploads it): a placeholder location stands in for the package.
  return { S3Bucket: "iac-check-local-code", S3Key: typeof uri === "string" ? uri : "code.zip" };
}

function pick(source: Record<string, unknown>, keys: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return { ...out, ...extra };
}

function attributesFor(attributes: Record<string, unknown>): Record<string, unknown> {
  return pick(attributes, ["Condition", "DependsOn", "Metadata", "DeletionPolicy", "UpdateReplacePolicy"]);
}
