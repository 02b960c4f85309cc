// S3 upload -> EventBridge rule -> processor Lambda -> DynamoDB metadata -> SQS -> consumer Lambda.
// Every asynchronous hop delivers at least once and has somewhere for failures to go: the rule
// target a dead-letter queue, the processor an on-failure destination, the queue a redrive policy.
// Both functions are idempotent, and alarms fire when a dead-letter queue holds anything.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as destinations from "aws-cdk-lib/aws-lambda-destinations";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import * as logs from "aws-cdk-lib/aws-logs";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { addPipelineAlarms } from "./alarms.js";
import { bundledHandlerCode } from "./handler-code.js";

const exampleRoot = join(fileURLToPath(import.meta.url), "..", "..");

export interface EventDrivenStackProps extends StackProps {
  /** Only objects whose key starts with this are processed. Default `uploads/`. */
  readonly uploadPrefix?: string;
  /** ...and ends with one of these. Empty: any key under the prefix. Default `.csv`, `.json`. */
  readonly uploadSuffixes?: readonly string[];
  /**
   * A stack for experiments: `cdk destroy` deletes the bucket (with its objects) and the table,
   * and the table has no deletion protection. Default false: both outlive the stack.
   */
  readonly throwaway?: boolean;
}

export class EventDrivenStack extends Stack {
  constructor(scope: Construct, id: string, props: EventDrivenStackProps = {}) {
    super(scope, id, props);
    const uploadPrefix = props.uploadPrefix ?? "uploads/";
    const uploadSuffixes = props.uploadSuffixes ?? [".csv", ".json"];
    for (const part of [uploadPrefix, ...uploadSuffixes]) {
      // EventBridge wildcard patterns give `*` a meaning; a literal one would match too much.
      if (part.includes("*")) throw new Error(`EventDrivenStack: upload prefix and suffixes cannot contain "*" (got "${part}")`);
    }
    const throwaway = props.throwaway ?? false;
    const statefulRemoval = throwaway ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    // #region bucket
    const accessLogsBucket = new s3.Bucket(this, "AccessLogsBucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ id: "expire-access-logs", expiration: Duration.days(90) }],
      removalPolicy: statefulRemoval,
      autoDeleteObjects: throwaway,
    });
    Validations.of(accessLogsBucket).acknowledge({
      id: "AwsSolutions-S1",
      reason: "This bucket receives the upload bucket's server access logs; logging it into itself would log its own log deliveries.",
    });

    const uploadBucket = new s3.Bucket(this, "UploadBucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // SSE-S3: no key policy or key-use audit is needed here, and it has no per-request KMS charge.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Each upload is its own version, so the version id identifies it in the metadata table.
      versioned: true,
      serverAccessLogsBucket: accessLogsBucket,
      serverAccessLogsPrefix: "upload-bucket/",
      lifecycleRules: [
        { id: "abort-incomplete-multipart-uploads", abortIncompleteMultipartUploadAfter: Duration.days(7) },
        { id: "expire-old-versions", noncurrentVersionExpiration: Duration.days(30), expiredObjectDeleteMarker: true },
      ],
      removalPolicy: statefulRemoval,
      autoDeleteObjects: throwaway,
    });
    // EventBridge notifications set on the bucket resource itself. The `eventBridgeEnabled` prop
    // would do it through a custom resource: one more Lambda function and role to deploy and audit.
    const cfnUploadBucket = uploadBucket.node.defaultChild as s3.CfnBucket;
    cfnUploadBucket.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    // #endregion bucket

    // #region table
    const table = new dynamodb.TableV2(this, "UploadsTable", {
      partitionKey: { name: "objectId", type: dynamodb.AttributeType.STRING },
      sortKey: { name: "objectVersion", type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: !throwaway,
      removalPolicy: statefulRemoval,
    });
    // #endregion table

    // #region queue
    const queueDefaults = { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true };
    // Dead-letter queues keep messages for 14 days, the maximum, to give time to fix and redrive.
    const deadLetterDefaults = { ...queueDefaults, retentionPeriod: Duration.days(14) };
    const uploadsDeadLetterQueue = new sqs.Queue(this, "UploadsDeadLetterQueue", deadLetterDefaults);
    Validations.of(uploadsDeadLetterQueue).acknowledge({
      id: "Serverless-SQSRedrivePolicy",
      reason: "This is the uploads queue's dead-letter queue: nothing consumes it automatically, so a redrive policy of its own would never apply.",
    });
    const consumerTimeout = Duration.seconds(30);
    const uploadsQueue = new sqs.Queue(this, "UploadsQueue", {
      ...queueDefaults,
      // Six times the consumer's timeout, so a message is not redelivered while a batch still runs.
      visibilityTimeout: Duration.seconds(consumerTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: uploadsDeadLetterQueue, maxReceiveCount: 5 },
    });
    // #endregion queue

    // #region processor
    const runtime = lambda.Runtime.NODEJS_24_X;
    // Events the processor failed on after Lambda's retries, with the error (on-failure destination).
    const processorFailureQueue = new sqs.Queue(this, "ProcessorFailureQueue", deadLetterDefaults);
    const processorRole = functionRole(this, "Processor", "Upload processor: its log group, X-Ray, put/update on the uploads table, send to the uploads queue");
    const processor = new lambda.Function(this, "ProcessorFunction", {
      description: "Records each uploaded object's metadata once and tells downstream consumers",
      code: bundledHandlerCode({ entry: join(exampleRoot, "lambda", "record-upload.ts"), runtime }),
      handler: "index.handler",
      runtime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      role: processorRole.role,
      logGroup: processorRole.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: { TABLE_NAME: table.tableName, QUEUE_URL: uploadsQueue.queueUrl, NODE_OPTIONS: "--enable-source-maps" },
      // Asynchronous invocations (the rule's): two retries, then the event and error go to the queue.
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(processorFailureQueue),
    });
    table.grant(processor, "dynamodb:PutItem", "dynamodb:UpdateItem");
    uploadsQueue.grantSendMessages(processor);
    acknowledgeTracing(processorRole.role);
    Validations.of(processor).acknowledge({
      id: "Serverless-LambdaDLQ",
      reason: "Asynchronous failures go to an on-failure destination queue (ProcessorFailureQueue), which also records the error; a DLQ would duplicate it.",
    });
    // #endregion processor

    // #region rule
    // Events that EventBridge could not deliver to the processor (throttling, service errors).
    const ruleDeadLetterQueue = new sqs.Queue(this, "RuleDeadLetterQueue", deadLetterDefaults);
    const uploadRule = new events.Rule(this, "UploadCreatedRule", {
      description: `Object Created in the upload bucket under ${uploadPrefix}`,
      eventPattern: {
        source: ["aws.s3"],
        detailType: ["Object Created"],
        detail: {
          bucket: { name: [uploadBucket.bucketName] },
          object: {
            key: uploadSuffixes.length === 0 ? events.Match.prefix(uploadPrefix) : events.Match.anyOf(...uploadSuffixes.map((suffix) => events.Match.wildcard(`${uploadPrefix}*${suffix}`))),
          },
        },
      },
    });
    uploadRule.addTarget(
      new targets.LambdaFunction(processor, {
        deadLetterQueue: ruleDeadLetterQueue,
        // EventBridge's maximum: a day of throttling or Lambda outage loses no upload.
        retryAttempts: 185,
        maxEventAge: Duration.hours(24),
      }),
    );
    // #endregion rule

    // #region consumer
    const consumerRole = functionRole(this, "Consumer", "Upload consumer: its log group, X-Ray, update on the uploads table, the uploads queue and its DLQ");
    const consumer = new lambda.Function(this, "ConsumerFunction", {
      description: "Consumes upload messages in batches, reporting failed messages only",
      code: bundledHandlerCode({ entry: join(exampleRoot, "lambda", "consume-upload.ts"), runtime }),
      handler: "index.handler",
      runtime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: consumerTimeout,
      tracing: lambda.Tracing.ACTIVE,
      role: consumerRole.role,
      logGroup: consumerRole.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: { TABLE_NAME: table.tableName, DEAD_LETTER_QUEUE_URL: uploadsDeadLetterQueue.queueUrl, NODE_OPTIONS: "--enable-source-maps" },
    });
    consumer.addEventSource(
      new SqsEventSource(uploadsQueue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(5),
        // The handler returns the ids of failed messages; the rest of the batch is deleted.
        reportBatchItemFailures: true,
        // Caps what the consumer puts on whatever it calls downstream.
        maxConcurrency: 5,
      }),
    );
    // Acknowledged on the function, which holds the event source mapping.
    Validations.of(consumer).acknowledge({
      id: "Serverless-LambdaEventSourceMappingDestination",
      reason: "Lambda has no on-failure destination for SQS event sources; failed messages go to the queue's dead-letter queue after maxReceiveCount receives.",
    });
    table.grant(consumer, "dynamodb:UpdateItem");
    // Poison messages are moved to the dead-letter queue at once instead of being received 5 times.
    uploadsDeadLetterQueue.grantSendMessages(consumer);
    acknowledgeTracing(consumerRole.role);
    Validations.of(consumer).acknowledge({
      id: "Serverless-LambdaDLQ",
      reason: "The function is only invoked by its SQS event source; failed messages go to the queue's own dead-letter queue through its redrive policy.",
    });
    // #endregion consumer

    for (const queue of [ruleDeadLetterQueue, processorFailureQueue]) {
      Validations.of(queue).acknowledge({
        id: "AwsSolutions-SQS3",
        reason: "This queue is a dead-letter queue (an EventBridge target DLQ or a Lambda on-failure destination); cdk-nag only recognises queues named in a redrive policy.",
      });
      Validations.of(queue).acknowledge({
        id: "Serverless-SQSRedrivePolicy",
        reason: "This queue is a dead-letter queue that nothing consumes automatically, so a redrive policy of its own would never apply.",
      });
    }

    const alarmTopic = addPipelineAlarms(this, {
      functions: { Processor: processor, Consumer: consumer },
      deadLetterQueues: { RuleDeadLetter: ruleDeadLetterQueue, ProcessorFailure: processorFailureQueue, UploadsDeadLetter: uploadsDeadLetterQueue },
      workQueue: uploadsQueue,
    });

    new CfnOutput(this, "BucketName", { value: uploadBucket.bucketName, description: `Upload objects under ${uploadPrefix}` });
    new CfnOutput(this, "UploadPrefix", { value: uploadPrefix });
    new CfnOutput(this, "TableName", { value: table.tableName });
    new CfnOutput(this, "QueueUrl", { value: uploadsQueue.queueUrl, description: "Upload messages for downstream consumers" });
    new CfnOutput(this, "UploadsDeadLetterQueueUrl", { value: uploadsDeadLetterQueue.queueUrl });
    new CfnOutput(this, "UploadsDeadLetterQueueArn", { value: uploadsDeadLetterQueue.queueArn, description: "Redrive source once the cause is fixed" });
    new CfnOutput(this, "ProcessorFunctionName", { value: processor.functionName, description: "Re-invoke it with a failed event's requestPayload" });
    new CfnOutput(this, "ProcessorFailureQueueUrl", { value: processorFailureQueue.queueUrl });
    new CfnOutput(this, "RuleDeadLetterQueueUrl", { value: ruleDeadLetterQueue.queueUrl });
    new CfnOutput(this, "AlarmTopicArn", { value: alarmTopic.topicArn, description: "Subscribe to get alarm notifications" });
  }
}

/** A role and log group for one function: no AWSLambdaBasicExecutionRole, only its own logs. */
function functionRole(scope: Construct, name: string, description: string): { role: iam.Role; logGroup: logs.LogGroup } {
  const logGroup = new logs.LogGroup(scope, `${name}Logs`, { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  const role = new iam.Role(scope, `${name}Role`, { assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"), description });
  logGroup.grantWrite(role);
  return { role, logGroup };
}

function acknowledgeTracing(role: iam.Role): void {
  Validations.of(role).acknowledge({
    id: "AwsSolutions-IAM5[Resource::*]",
    reason: "X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions, so active tracing needs Resource *.",
  });
}
