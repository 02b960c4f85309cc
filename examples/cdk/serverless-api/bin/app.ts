#!/usr/bin/env node
// Entry point `cdk synth` / `cdk deploy` run (see cdk.json). Account and region come from the
// CLI's credentials at deploy time; iac-check synthesizes with a dummy account offline.
import { App } from "aws-cdk-lib";
import { ServerlessApiStack } from "../lib/serverless-api-stack.js";

const app = new App();
new ServerlessApiStack(app, "ServerlessApi", {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: "aws-patterns example: HTTP API + Lambda + DynamoDB (CRUD on items)",
});
