// scripts/bin/diagram.mjs <path>: the architecture of a user's CDK app, cdk.out, CloudFormation
// template or Terraform module as a Mermaid flowchart (iac-diagram, bundled). A CDK app is read
// from its cdk.out when that is newer than its sources, otherwise synthesized with the project's
// own dependencies (its cdk.json "app" command); nothing of aws-cdk-lib is bundled.
import { runCli } from "@aws-patterns/iac-diagram/cli";

process.exitCode = await runCli(process.argv.slice(2));
