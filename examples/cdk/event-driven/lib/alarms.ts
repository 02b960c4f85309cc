// Alarms for the pipeline: a dead-letter queue that holds anything, a function that errs, and a
// work queue whose oldest message is getting old (the consumer is failing or falling behind).
// Notifications go to an encrypted SNS topic.
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cloudwatchActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as sns from "aws-cdk-lib/aws-sns";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";

export interface PipelineAlarmsProps {
  /** Functions by a name used in the alarm ids. */
  readonly functions: Record<string, lambda.IFunction>;
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  readonly workQueue: sqs.IQueue;
  /** Oldest message age on the work queue that means trouble. Default 15 minutes. */
  readonly maxMessageAge?: Duration;
}

// #region alarms
export function addPipelineAlarms(scope: Construct, props: PipelineAlarmsProps): sns.Topic {
  // CloudWatch can only publish to an encrypted topic whose key policy lets it use the key, which
  // the AWS managed SNS key's policy does not: hence a customer managed key.
  const alarmKey = new kms.Key(scope, "AlarmTopicKey", {
    enableKeyRotation: true,
    description: "Encrypts the upload pipeline's alarm topic",
    removalPolicy: RemovalPolicy.DESTROY,
  });
  alarmKey.grant(new iam.ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
  const alarmTopic = new sns.Topic(scope, "AlarmTopic", { masterKey: alarmKey, enforceSSL: true });
  const oneMinute = Duration.minutes(1);

  const alarms: cloudwatch.Alarm[] = [];
  for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
    alarms.push(
      new cloudwatch.Alarm(scope, `${name}QueueNotEmpty`, {
        alarmDescription: `${name} queue holds messages that failed: find the cause, then redrive them`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: oneMinute, statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }
  for (const [name, fn] of Object.entries(props.functions)) {
    alarms.push(
      new cloudwatch.Alarm(scope, `${name}Errors`, {
        alarmDescription: `The ${name.toLowerCase()} function threw or timed out`,
        metric: fn.metricErrors({ period: oneMinute }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }
  const maxMessageAge = props.maxMessageAge ?? Duration.minutes(15);
  alarms.push(
    new cloudwatch.Alarm(scope, "WorkQueueBacklog", {
      alarmDescription: `The oldest upload message has waited over ${maxMessageAge.toMinutes()} minutes: the consumer is failing or too slow`,
      metric: props.workQueue.metricApproximateAgeOfOldestMessage({ period: oneMinute, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: maxMessageAge.toSeconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  );
  for (const alarm of alarms) alarm.addAlarmAction(new cloudwatchActions.SnsAction(alarmTopic));
  return alarmTopic;
}
// #endregion alarms
