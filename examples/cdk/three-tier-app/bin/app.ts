#!/usr/bin/env node
// Entry point `cdk synth` / `cdk deploy` run (see cdk.json). The stack deploys to the account and
// Region of the CLI's credentials. Only the Region is fixed at synth time (ALB access logging needs
// it); leaving the account open makes the VPC take exactly two AZs from Fn::GetAZs instead of a
// context lookup. Options are context values, e.g. `cdk deploy -c throwaway=true`.
import { App, Tags } from "aws-cdk-lib";
import { ThreeTierAppStack } from "../lib/three-tier-app-stack.js";

const app = new App();

function optionalString(key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") throw new Error(`context ${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

function flag(key: string): boolean {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === false || value === "false") return false;
  if (value === true || value === "true") return true;
  throw new Error(`context ${key} must be true or false, got ${JSON.stringify(value)}`);
}

const natGateways = optionalString("natGateways") ?? "2";
if (natGateways !== "1" && natGateways !== "2") throw new Error(`context natGateways must be 1 or 2, got ${natGateways}`);

const region = process.env.CDK_DEFAULT_REGION;
if (!region) throw new Error("No AWS Region: set AWS_REGION or give your AWS CLI profile a region, then run cdk again");

const stack = new ThreeTierAppStack(app, "ThreeTierApp", {
  env: { region },
  description: "aws-patterns example: CloudFront + S3 (OAC) + internal ALB (VPC origin) + ECS Fargate + Aurora PostgreSQL",
  throwaway: flag("throwaway"),
  natGateways: natGateways === "1" ? 1 : 2,
  certificateArn: optionalString("certificateArn"),
  domainName: optionalString("domainName"),
  webAclArn: optionalString("webAclArn"),
  apiImage: optionalString("apiImage"),
});
// Cost allocation: every resource that takes tags says which application it belongs to.
Tags.of(stack).add("app", "three-tier-app");
