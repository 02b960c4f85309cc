#!/usr/bin/env node
// Entry point `cdk synth` / `cdk deploy` run (see cdk.json). Account and region come from the
// CLI's credentials at deploy time; iac-check synthesizes with a dummy account offline.
// `-c throwaway=true` makes a stack whose bucket and table `cdk destroy` deletes (see README).
import { App } from "aws-cdk-lib";
import { EventDrivenStack } from "../lib/event-driven-stack.js";

const app = new App();
const throwaway: unknown = app.node.tryGetContext("throwaway");
if (throwaway !== undefined && !["true", "false", true, false].includes(throwaway as string | boolean)) {
  throw new Error(`context value "throwaway" must be true or false (cdk deploy -c throwaway=true), got ${JSON.stringify(throwaway)}`);
}
new EventDrivenStack(app, "EventDriven", {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: "aws-patterns example: S3 upload -> EventBridge -> Lambda -> DynamoDB -> SQS -> consumer",
  throwaway: throwaway === true || throwaway === "true",
});
