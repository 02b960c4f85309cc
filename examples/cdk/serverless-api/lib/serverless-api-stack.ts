// An HTTP API in front of one Lambda function that stores items in DynamoDB. Secure by default:
// IAM-authorized routes, throttling, JSON access logs, encrypted table with point-in-time
// recovery, least-privilege role, X-Ray tracing and alarms on errors, throttles and 5xx.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import { HttpIamAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cloudwatchActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sns from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";
import { bundledHandlerCode } from "./handler-code.js";

const exampleRoot = join(fileURLToPath(import.meta.url), "..", "..");

export interface ServerlessApiStackProps extends StackProps {
  /** Steady-state requests per second the API accepts before it answers 429. */
  readonly throttleRateLimit?: number;
  /** Burst of concurrent requests the API accepts. */
  readonly throttleBurstLimit?: number;
}

export class ServerlessApiStack extends Stack {
  constructor(scope: Construct, id: string, props: ServerlessApiStackProps = {}) {
    super(scope, id, props);

    // #region table
    const table = new dynamodb.TableV2(this, "ItemsTable", {
      partitionKey: { name: "id", type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Data outlives the stack: `cdk destroy` keeps the table (see README to delete it).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // #endregion table

    // #region function
    const functionLogs = new logs.LogGroup(this, "ItemsFunctionLogs", {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of the AWSLambdaBasicExecutionRole managed policy: writes to this
    // function's log group only.
    const functionRole = new iam.Role(this, "ItemsFunctionRole", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: "Items API handler: its log group, X-Ray and the items table only",
    });
    functionLogs.grantWrite(functionRole);

    const runtime = lambda.Runtime.NODEJS_24_X;
    const itemsFunction = new lambda.Function(this, "ItemsFunction", {
      code: bundledHandlerCode({ entry: join(exampleRoot, "lambda", "items.ts"), runtime }),
      handler: "index.handler",
      runtime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      role: functionRole,
      logGroup: functionLogs,
      loggingFormat: lambda.LoggingFormat.JSON,
      // Stack traces in the logs point at the TypeScript source.
      environment: { TABLE_NAME: table.tableName, NODE_OPTIONS: "--enable-source-maps" },
    });
    table.grantReadWriteData(itemsFunction);
    Validations.of(functionRole).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason: "X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions, so active tracing needs Resource *.",
    });
    Validations.of(itemsFunction).acknowledge({
      id: "Serverless-LambdaDLQ",
      reason: "The function is only invoked synchronously by the HTTP API; errors go back to the caller, so a dead-letter queue would never receive anything.",
    });
    // #endregion function

    // #region api
    const accessLogs = new logs.LogGroup(this, "ApiAccessLogs", {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const api = new apigwv2.HttpApi(this, "ItemsApi", {
      description: "CRUD on items",
      createDefaultStage: false,
      // Every route is signed with SigV4 by an IAM principal that may call execute-api:Invoke.
      defaultAuthorizer: new HttpIamAuthorizer(),
    });
    const stage = new apigwv2.HttpStage(this, "DefaultStage", {
      httpApi: api,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit ?? 50, burstLimit: props.throttleBurstLimit ?? 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            ip: "$context.identity.sourceIp",
            caller: "$context.identity.caller",
            requestTime: "$context.requestTime",
            routeKey: "$context.routeKey",
            status: "$context.status",
            latencyMs: "$context.responseLatency",
            integrationError: "$context.integrationErrorMessage",
          }),
        ),
      },
    });
    const integration = new HttpLambdaIntegration("ItemsIntegration", itemsFunction);
    api.addRoutes({ path: "/items", methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration });
    api.addRoutes({ path: "/items/{id}", methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.PUT, apigwv2.HttpMethod.DELETE], integration });
    // #endregion api

    // #region alarms
    // Alarm notifications go to an encrypted topic; CloudWatch needs a key policy that lets it
    // use the key, which the AWS managed SNS key does not allow, hence a customer managed key.
    const alarmKey = new kms.Key(this, "AlarmTopicKey", {
      enableKeyRotation: true,
      description: "Encrypts the items API alarm topic",
      removalPolicy: RemovalPolicy.DESTROY,
    });
    alarmKey.grant(new iam.ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
    const alarmTopic = new sns.Topic(this, "AlarmTopic", { masterKey: alarmKey, enforceSSL: true });
    const alarms = [
      new cloudwatch.Alarm(this, "FunctionErrors", {
        alarmDescription: "The items function threw or timed out",
        metric: itemsFunction.metricErrors({ period: Duration.minutes(1) }),
        threshold: 1,
        evaluationPeriods: 1,
      }),
      new cloudwatch.Alarm(this, "FunctionThrottles", {
        alarmDescription: "The items function hit its concurrency limit",
        metric: itemsFunction.metricThrottles({ period: Duration.minutes(1) }),
        threshold: 1,
        evaluationPeriods: 1,
      }),
      new cloudwatch.Alarm(this, "ApiServerErrors", {
        alarmDescription: "The API answered 5xx",
        metric: stage.metricServerError({ period: Duration.minutes(1) }),
        threshold: 1,
        evaluationPeriods: 1,
      }),
    ];
    for (const alarm of alarms) {
      alarm.addAlarmAction(new cloudwatchActions.SnsAction(alarmTopic));
    }
    // #endregion alarms

    new CfnOutput(this, "ApiUrl", { value: stage.url, description: "Base URL; sign requests with SigV4 (service execute-api)" });
    new CfnOutput(this, "TableName", { value: table.tableName });
    new CfnOutput(this, "AlarmTopicArn", { value: alarmTopic.topicArn, description: "Subscribe to get alarm notifications" });
  }
}
