#!/usr/bin/env node
// Entry point `cdk synth` / `cdk deploy` run (see cdk.json). One stack per NAT choice, so that
// `cdk synth` (and the repository's checks) cover all three; deploy the one you want by name:
// `npx cdk deploy VpcSharedNat`. The stacks are environment-agnostic: they go to the account and
// Region of the CLI's credentials. Options are context values:
// `-c dualStack=true` adds IPv6, `-c throwaway=true` lets `cdk destroy` delete the flow logs,
// `-c availabilityZones=eu-west-1a,eu-west-1b,eu-west-1c` pins the AZs.
import { App } from "aws-cdk-lib";
import { VpcNetworkingStack, type NatChoice } from "../lib/vpc-networking-stack.js";

const app = new App();

function flag(key: string): boolean {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === false || value === "false") return false;
  if (value === true || value === "true") return true;
  throw new Error(`context value "${key}" must be true or false (cdk deploy -c ${key}=true), got ${JSON.stringify(value)}`);
}

function list(key: string): string[] | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") throw new Error(`context value "${key}" must be a comma-separated list, got ${JSON.stringify(value)}`);
  return value.split(",").map((item) => item.trim());
}

const dualStack = flag("dualStack");
const throwaway = flag("throwaway");
const availabilityZones = list("availabilityZones");

// Different blocks, so that the three can be deployed side by side and peered later.
const variants: { id: string; nat: NatChoice; cidr: string; summary: string }[] = [
  { id: "VpcPerAzNat", nat: "per-az", cidr: "10.20.0.0/16", summary: "one NAT gateway per AZ" },
  { id: "VpcSharedNat", nat: "shared", cidr: "10.21.0.0/16", summary: "one shared NAT gateway" },
  { id: "VpcNoNat", nat: "none", cidr: "10.22.0.0/16", summary: "no NAT, interface endpoints" },
];

for (const { id, nat, cidr, summary } of variants) {
  new VpcNetworkingStack(app, id, {
    nat,
    cidr,
    dualStack,
    throwaway,
    availabilityZones,
    description: `aws-patterns example: VPC in three AZs, public/private/isolated subnets, ${summary}, flow logs`,
  });
}
