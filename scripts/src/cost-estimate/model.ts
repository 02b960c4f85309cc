// The shapes every part of cost-estimate shares: a resource to price, whatever language it came
// from, and the error a user's mistake becomes (exit 2, a message, no stack trace).

import { UsageError } from "../shared/cli.js";

/** A problem with the input, the profile or the options: exit 2, message and hint, no stack trace. */
export class InputError extends UsageError {}

export interface Resource {
  /** Logical id (CloudFormation) or address (Terraform, `aws_nat_gateway.this`). */
  id: string;
  /** `AWS::EC2::NatGateway` or `aws_nat_gateway`. */
  type: string;
  language: "cloudformation" | "terraform";
  /** The stack (cdk.out with several stacks) or module folder it belongs to. */
  stack: string | undefined;
  /** Names a usage profile may give it: logical id, CDK construct path (with and without the stack), address. */
  names: string[];
  /** CloudFormation Properties (long form), or Terraform arguments (nested blocks as arrays of objects). */
  properties: Record<string, unknown>;
  /** How many instances (Terraform count/for_each); undefined when an expression could not be evaluated. */
  count: number | undefined;
  countExpression: string | undefined;
  file: string;
  line: number;
}

export interface LoadedInput {
  kind: "template" | "cdk.out" | "terraform";
  /** What was read, for the report header. */
  description: string;
  resources: Resource[];
}

