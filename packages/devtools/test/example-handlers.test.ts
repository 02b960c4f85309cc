import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot } from "../src/workspace.js";

const root = findRepoRoot(__dirname);

// Each example stands alone in the bundle, so the CloudFormation and Terraform examples carry their
// own copies of the CDK example's handler (unit-tested there). This keeps a fix to one from silently
// missing the others.
const COPIES: [string, string][] = [
  ["examples/cdk/serverless-api/lambda/items.ts", "examples/cloudformation/lambda-api/src/items.ts"],
  ["examples/cdk/serverless-api/lambda/validate-item.ts", "examples/cloudformation/lambda-api/src/validate-item.ts"],
  ["examples/cdk/serverless-api/lambda/items.ts", "examples/terraform/serverless-api/src/items.ts"],
  ["examples/cdk/serverless-api/lambda/validate-item.ts", "examples/terraform/serverless-api/src/validate-item.ts"],
];

describe("the Lambda handler shared by the CDK, CloudFormation and Terraform serverless-api examples", () => {
  it.each(COPIES)("%s and %s are the same file", (original, copy) => {
    expect(readFileSync(join(root, copy), "utf8"), `copy ${original} to ${copy}`).toBe(readFileSync(join(root, original), "utf8"));
  });
});
