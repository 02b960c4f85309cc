// Every warning and error each CDK fixture app must produce, in the order iac-check reports them:
// the same whether iac-check checks in its own process or through the shared engine.
export type Expected = [rule: string, file: string, line: number | undefined];

/** Every warning and error each app must produce, in the order iac-check reports them. */
export const EXPECTED: Record<string, Expected[]> = {
  passing: [],
  "type-error": [
    ["tsc/TS2322", "bin/app.ts", 8],
    ["cfn-validate/W9003", "bin/app.ts", 9],
  ],
  "deprecated-api": [
    ["deprecated-api/jsdoc", "bin/app.ts", 11],
    ["deprecated-api/runtime", "bin/app.ts", 8],
  ],
  "deprecated-runtime": [
    ["annotation/warning", "bin/app.ts", 12],
    ["cdk-nag/AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]", "bin/app.ts", 9],
    ["cdk-nag/Serverless-LambdaDLQ", "bin/app.ts", 9],
    ["cdk-nag/Serverless-LambdaTracing", "bin/app.ts", 9],
    // One finding for the old runtime, though AwsSolutions-L1 and Serverless-LambdaLatestVersion say it too.
    ["cfn-validate/W2531", "bin/app.ts", 9],
  ],
  "unknown-property": [["cfn-validate/F3002", "bin/app.ts", 8]],
  "nag-unacknowledged": [
    ["cdk-nag/AwsSolutions-S1", "bin/app.ts", 7],
    ["cdk-nag/AwsSolutions-S10", "bin/app.ts", 7],
  ],
  "ack-without-reason": [["acknowledgement/reason", "bin/app.ts", 8]],
  "app-throws": [["synth/app-threw", "bin/app.ts", 7]],
  "annotation-warning": [
    ["annotation/warning", "bin/app.ts", 8],
    ["cdk-nag/AwsSolutions-SQS3", "bin/app.ts", 7],
  ],
  // The stack is built after an await: it is synthesized and checked like any other.
  "async-main": [["cdk-nag/AwsSolutions-S1", "bin/app.ts", 17]],
  "no-stacks": [["synth/no-stacks", "bin/app.ts", undefined]],
  // A custom resource provider (autoDeleteObjects) leaves a directory handle open: not pending work.
  "custom-resource": [["cdk-nag/AwsSolutions-S1", "bin/app.ts", 9]],
  "rejected-promise": [["synth/app-threw", "bin/app.ts", 8]],
  "cdk-json-null": [["cdk/cdk-json", "cdk.json", 1]],
  "cdk-json-app-not-string": [["cdk/cdk-json", "cdk.json", 1]],
  "cdk-json-context-not-object": [["cdk/cdk-json", "cdk.json", 1]],
  "cdk-json-invalid": [["cdk/cdk-json", "cdk.json", 1]],
  "iam-admin-equivalent": [
    ["cdk-nag/AwsSolutions-IAM5[Resource::*]", "bin/app.ts", 10],
    ["cdk-nag/IacCheck-IAMAdminEquivalent", "bin/app.ts", 10],
    ["cdk-nag/IacCheck-IAMAdminEquivalent", "bin/app.ts", 15],
  ],
  "ack-unknown-rule": [["acknowledgement/unknown-rule", "bin/app.ts", 10]],
};
