#!/usr/bin/env node
// Entry point `cdk synth` / `cdk deploy` run (see cdk.json). Account and region come from the
// CLI's credentials at deploy time; iac-check synthesizes with a dummy account offline.
// Options are context values: `npx cdk deploy -c certificateArn=arn:aws:acm:... -c throwaway=true`.
import { Annotations, App } from "aws-cdk-lib";
import { parseContext } from "../lib/app-context.js";
import { EcsFargateStack } from "../lib/ecs-fargate-stack.js";

const app = new App();
const { options, errors } = parseContext((key) => app.node.tryGetContext(key));
const stack = new EcsFargateStack(app, "EcsFargate", {
  ...options,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: "aws-patterns example: ALB + ECS on Fargate (ARM64) + Aurora PostgreSQL Serverless v2",
});
// A synth error (not a stack trace) for each wrong context value; `cdk deploy` stops on them.
for (const error of errors) Annotations.of(stack).addError(error);
