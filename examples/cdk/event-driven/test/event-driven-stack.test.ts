// The properties that make this stack what the README promises, checked on the synthesized
// template: private encrypted storage, the event path and where each failure goes, the exact
// permissions of each function, the alarms, and what the props change.
import { readFileSync } from "node:fs";
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { EventDrivenStack, type EventDrivenStackProps } from "../lib/event-driven-stack.js";

// The feature flags the app runs with (cdk.json), so the tests see what `cdk deploy` deploys.
const context = JSON.parse(readFileSync(new URL("../cdk.json", import.meta.url), "utf8")).context as Record<string, unknown>;
const env = { account: "123456789012", region: "us-east-1" };

// No test here reads the handlers' bundled code or asset hashes, and the check task (iac-check)
// synthesizes the app with bundling: skip esbuild at synth (CDK's documented context key).
const testContext = { ...context, "aws:cdk:bundling-stacks": [] };

/** A stack alone in its own app: for props the constructor refuses. */
function synth(props: EventDrivenStackProps = {}): Template {
  const app = new App({ context: testContext });
  return Template.fromStack(new EventDrivenStack(app, "Test", { env, ...props }));
}

/** The logical id of the one resource of this type whose id starts with the construct id. */
function logicalId(template: Template, type: string, constructId: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => new RegExp(`^${constructId}[0-9A-F]{8}$`).test(id));
  expect(ids, `${type} ${constructId}`).toHaveLength(1);
  return ids[0] as string;
}

const arnOf = (id: string) => ({ "Fn::GetAtt": [id, "Arn"] });

// The default stack and every variant the tests read, in one app: one synthesis, and one start of
// CDK's template validation engine for all of them.
let template: Template;
let variants: { throwaway: Template; parquet: Template; prefixOnly: Template };
beforeAll(() => {
  const app = new App({ context: testContext });
  const stack = (id: string, props: EventDrivenStackProps = {}) => new EventDrivenStack(app, id, { env, ...props });
  const stacks = {
    default: stack("Test"),
    throwaway: stack("TestThrowaway", { throwaway: true }),
    parquet: stack("TestParquet", { uploadPrefix: "incoming/", uploadSuffixes: [".parquet"] }),
    prefixOnly: stack("TestPrefixOnly", { uploadPrefix: "incoming/", uploadSuffixes: [] }),
  };
  template = Template.fromStack(stacks.default);
  variants = { throwaway: Template.fromStack(stacks.throwaway), parquet: Template.fromStack(stacks.parquet), prefixOnly: Template.fromStack(stacks.prefixOnly) };
});

describe("EventDrivenStack", () => {
  it("keeps uploads in a private, encrypted, versioned bucket that sends events to EventBridge and logs access", () => {
    const logsBucket = logicalId(template, "AWS::S3::Bucket", "AccessLogsBucket");
    template.hasResource("AWS::S3::Bucket", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
        VersioningConfiguration: { Status: "Enabled" },
        NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
        LoggingConfiguration: { DestinationBucketName: { Ref: logsBucket }, LogFilePrefix: "upload-bucket/" },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: Match.anyValue() }, Status: "Enabled" }),
            Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: Match.anyValue() }, ExpiredObjectDeleteMarker: true, Status: "Enabled" }),
          ]),
        },
      }),
    });
    // Notifications are a bucket property: no custom resource (and no extra Lambda) sets them.
    expect(template.findResources("Custom::S3BucketNotifications")).toEqual({});
    template.resourceCountIs("AWS::Lambda::Function", 2);
  });

  it("refuses plain HTTP on both buckets, and TLS older than 1.2 on the upload bucket", () => {
    for (const bucket of ["UploadBucket", "AccessLogsBucket"]) {
      template.hasResourceProperties("AWS::S3::BucketPolicy", {
        Bucket: { Ref: logicalId(template, "AWS::S3::Bucket", bucket) },
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } })]) },
      });
    }
    template.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: logicalId(template, "AWS::S3::Bucket", "UploadBucket") },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Condition: { NumericLessThan: { "s3:TlsVersion": 1.2 } } })]) },
    });
  });

  it("routes Object Created events for the prefix and suffixes to the processor, with a DLQ and a retry policy on the target", () => {
    const ruleDlq = logicalId(template, "AWS::SQS::Queue", "RuleDeadLetterQueue");
    const rule = logicalId(template, "AWS::Events::Rule", "UploadCreatedRule");
    template.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: {
        source: ["aws.s3"],
        "detail-type": ["Object Created"],
        detail: { bucket: { name: [{ Ref: logicalId(template, "AWS::S3::Bucket", "UploadBucket") }] }, object: { key: [{ wildcard: "uploads/*.csv" }, { wildcard: "uploads/*.json" }] } },
      },
      Targets: [
        {
          Arn: arnOf(logicalId(template, "AWS::Lambda::Function", "ProcessorFunction")),
          Id: Match.anyValue(),
          DeadLetterConfig: { Arn: arnOf(ruleDlq) },
          RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: Match.anyValue() },
        },
      ],
    });
    // Only this rule may put events in its dead-letter queue.
    template.hasResourceProperties("AWS::SQS::QueuePolicy", {
      Queues: [{ Ref: ruleDlq }],
      PolicyDocument: {
        Statement: Match.arrayWith([{ Sid: Match.anyValue(), Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: arnOf(ruleDlq), Condition: { ArnEquals: { "aws:SourceArn": arnOf(rule) } } }]),
      },
    });
  });

  it("runs both functions on arm64 with the current Node.js runtime, tracing and JSON logs", () => {
    const functions = Object.values(template.findResources("AWS::Lambda::Function"));
    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: "nodejs24.x", Architectures: ["arm64"], Handler: "index.handler", TracingConfig: { Mode: "Active" }, LoggingConfig: { LogFormat: "JSON" } });
    }
  });

  it("sends events the processor failed on, after Lambda's retries, to the on-failure queue", () => {
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: logicalId(template, "AWS::Lambda::Function", "ProcessorFunction") },
      DestinationConfig: { OnFailure: { Destination: arnOf(logicalId(template, "AWS::SQS::Queue", "ProcessorFailureQueue")) } },
      MaximumRetryAttempts: Match.anyValue(),
    });
  });

  it("stores metadata in an on-demand, encrypted table with point-in-time recovery that outlives the stack", () => {
    template.hasResource("AWS::DynamoDB::GlobalTable", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: "objectId", KeyType: "HASH" },
          { AttributeName: "objectVersion", KeyType: "RANGE" },
        ],
        BillingMode: "PAY_PER_REQUEST",
        SSESpecification: { SSEEnabled: true, SSEType: "KMS" },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
      }),
    });
  });

  it("encrypts every queue and refuses plain HTTP on each", () => {
    const queues = template.findResources("AWS::SQS::Queue");
    expect(Object.keys(queues)).toHaveLength(4);
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
      template.hasResourceProperties("AWS::SQS::QueuePolicy", {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Action: "sqs:*", Condition: { Bool: { "aws:SecureTransport": "false" } } })]) },
      });
    }
  });

  it("redrives upload messages to a dead-letter queue and keeps them invisible for six consumer timeouts", () => {
    const queue = template.findResources("AWS::SQS::Queue")[logicalId(template, "AWS::SQS::Queue", "UploadsQueue")];
    const consumer = template.findResources("AWS::Lambda::Function")[logicalId(template, "AWS::Lambda::Function", "ConsumerFunction")];
    expect(queue?.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: arnOf(logicalId(template, "AWS::SQS::Queue", "UploadsDeadLetterQueue")), maxReceiveCount: expect.any(Number) });
    expect(queue?.Properties.VisibilityTimeout).toBe(6 * consumer?.Properties.Timeout);
    // Dead-letter queues keep messages as long as SQS allows: 14 days.
    for (const dlq of ["UploadsDeadLetterQueue", "RuleDeadLetterQueue", "ProcessorFailureQueue"]) {
      expect(template.findResources("AWS::SQS::Queue")[logicalId(template, "AWS::SQS::Queue", dlq)]?.Properties.MessageRetentionPeriod).toBe(1_209_600);
    }
  });

  it("feeds the consumer in batches that report failed messages only, with a concurrency cap", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      EventSourceArn: arnOf(logicalId(template, "AWS::SQS::Queue", "UploadsQueue")),
      FunctionName: { Ref: logicalId(template, "AWS::Lambda::Function", "ConsumerFunction") },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: Match.anyValue() },
    });
  });

  it("gives each function exactly the permissions its code uses", () => {
    const table = arnOf(logicalId(template, "AWS::DynamoDB::GlobalTable", "UploadsTable"));
    const sendTo = (queue: string) => ({ Effect: "Allow", Action: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], Resource: arnOf(logicalId(template, "AWS::SQS::Queue", queue)) });
    const logsAndTracing = (logGroup: string) => [
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: arnOf(logicalId(template, "AWS::Logs::LogGroup", logGroup)) },
      { Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" },
    ];
    const statementsOf = (role: string) => {
      const policies = Object.values(template.findResources("AWS::IAM::Policy", { Properties: { Roles: [{ Ref: logicalId(template, "AWS::IAM::Role", role) }] } }));
      expect(policies).toHaveLength(1);
      return policies[0]?.Properties.PolicyDocument.Statement;
    };
    expect(statementsOf("ProcessorRole")).toEqual(
      expect.arrayContaining([...logsAndTracing("ProcessorLogs"), sendTo("ProcessorFailureQueue"), { Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:UpdateItem"], Resource: table }, sendTo("UploadsQueue")]),
    );
    expect(statementsOf("ProcessorRole")).toHaveLength(5);
    expect(statementsOf("ConsumerRole")).toEqual(
      expect.arrayContaining([
        ...logsAndTracing("ConsumerLogs"),
        {
          Effect: "Allow",
          Action: ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
          Resource: arnOf(logicalId(template, "AWS::SQS::Queue", "UploadsQueue")),
        },
        { Effect: "Allow", Action: "dynamodb:UpdateItem", Resource: table },
        sendTo("UploadsDeadLetterQueue"),
      ]),
    );
    expect(statementsOf("ConsumerRole")).toHaveLength(5);
    for (const role of Object.values(template.findResources("AWS::IAM::Role"))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it("alarms on every dead-letter queue, on both functions' errors and on the work queue's backlog, to an encrypted topic", () => {
    const topic = { Ref: logicalId(template, "AWS::SNS::Topic", "AlarmTopic") };
    for (const dlq of ["RuleDeadLetterQueue", "ProcessorFailureQueue", "UploadsDeadLetterQueue"]) {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [logicalId(template, "AWS::SQS::Queue", dlq), "QueueName"] } }],
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        AlarmActions: [topic],
      });
    }
    for (const fn of ["ProcessorFunction", "ConsumerFunction"]) {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "AWS/Lambda",
        MetricName: "Errors",
        Dimensions: [{ Name: "FunctionName", Value: { Ref: logicalId(template, "AWS::Lambda::Function", fn) } }],
        AlarmActions: [topic],
      });
    }
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "ApproximateAgeOfOldestMessage",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [logicalId(template, "AWS::SQS::Queue", "UploadsQueue"), "QueueName"] } }],
      AlarmActions: [topic],
    });
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: arnOf(logicalId(template, "AWS::KMS::Key", "AlarmTopicKey")) });
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });
});

describe("EventDrivenStack props", () => {
  it("throwaway: cdk destroy deletes the buckets (emptying them) and the table, which loses deletion protection", () => {
    const throwaway = variants.throwaway;
    for (const bucket of ["UploadBucket", "AccessLogsBucket"]) {
      expect(throwaway.findResources("AWS::S3::Bucket")[logicalId(throwaway, "AWS::S3::Bucket", bucket)]?.DeletionPolicy).toBe("Delete");
    }
    expect(Object.keys(throwaway.findResources("Custom::S3AutoDeleteObjects"))).toHaveLength(2);
    throwaway.hasResource("AWS::DynamoDB::GlobalTable", { DeletionPolicy: "Delete", Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] }) });
    // The default stack has none of that.
    expect(template.findResources("Custom::S3AutoDeleteObjects")).toEqual({});
  });

  it("filters on the prefix and suffixes it is given, or on the prefix alone", () => {
    const keyPattern = (t: Template) => Object.values(t.findResources("AWS::Events::Rule"))[0]?.Properties.EventPattern.detail.object.key;
    expect(keyPattern(variants.parquet)).toEqual([{ wildcard: "incoming/*.parquet" }]);
    expect(keyPattern(variants.prefixOnly)).toEqual([{ prefix: "incoming/" }]);
  });

  it("rejects a prefix or suffix with a wildcard in it, saying which", () => {
    expect(() => synth({ uploadSuffixes: ["*.csv"] })).toThrow('EventDrivenStack: upload prefix and suffixes cannot contain "*" (got "*.csv")');
  });
});
