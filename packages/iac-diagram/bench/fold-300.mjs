// Times iac-diagram on a 300-resource template (run after `pnpm --filter @aws-patterns/iac-diagram
// build`): loading (read + parse through iac-check's loader) apart from drawing (graph, folding,
// Mermaid), which the issue asks to stay well under a second. Prints a table and writes it to
// bench/results/tmp/. Not a test: timings depend on the machine and its load.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDiagram, loadInput, renderMermaid } from "../dist/index.js";

/** A VPC with three tiers and, around it, functions, tables, queues, topics, roles and alarms: 300 resources. */
function template() {
  const r = {};
  r.Vpc = { Type: "AWS::EC2::VPC", Properties: { CidrBlock: "10.0.0.0/16" } };
  r.Igw = { Type: "AWS::EC2::InternetGateway" };
  r.Attach = { Type: "AWS::EC2::VPCGatewayAttachment", Properties: { VpcId: { Ref: "Vpc" }, InternetGatewayId: { Ref: "Igw" } } };
  for (const tier of ["Public", "Private"]) {
    r[`${tier}Routes`] = { Type: "AWS::EC2::RouteTable", Properties: { VpcId: { Ref: "Vpc" } } };
    r[`${tier}Subnet`] = { Type: "AWS::EC2::Subnet", Properties: { VpcId: { Ref: "Vpc" } } };
    r[`${tier}Assoc`] = { Type: "AWS::EC2::SubnetRouteTableAssociation", Properties: { SubnetId: { Ref: `${tier}Subnet` }, RouteTableId: { Ref: `${tier}Routes` } } };
  }
  r.PublicDefault = { Type: "AWS::EC2::Route", Properties: { RouteTableId: { Ref: "PublicRoutes" }, GatewayId: { Ref: "Igw" } } };
  r.Nat = { Type: "AWS::EC2::NatGateway", Properties: { SubnetId: { Ref: "PublicSubnet" } } };
  r.PrivateDefault = { Type: "AWS::EC2::Route", Properties: { RouteTableId: { Ref: "PrivateRoutes" }, NatGatewayId: { Ref: "Nat" } } };
  for (let i = 0; Object.keys(r).length < 300; i++) {
    r[`Table${i}`] = { Type: "AWS::DynamoDB::Table" };
    r[`Queue${i}`] = { Type: "AWS::SQS::Queue" };
    r[`Role${i}`] = { Type: "AWS::IAM::Role" };
    r[`Policy${i}`] = { Type: "AWS::IAM::Policy", Properties: { Roles: [{ Ref: `Role${i}` }], PolicyDocument: { Statement: [{ Resource: { "Fn::GetAtt": [`Table${i}`, "Arn"] } }] } } };
    r[`Function${i}`] = { Type: "AWS::Lambda::Function", Properties: { Role: { "Fn::GetAtt": [`Role${i}`, "Arn"] }, VpcConfig: { SubnetIds: [{ Ref: "PrivateSubnet" }] }, Environment: { Variables: { QUEUE: { Ref: `Queue${i}` } } } } };
    r[`Errors${i}`] = { Type: "AWS::CloudWatch::Alarm", Properties: { Dimensions: [{ Value: { Ref: `Function${i}` } }] } };
  }
  return { Resources: Object.fromEntries(Object.entries(r).slice(0, 300)) };
}

const dir = mkdtempSync(join(tmpdir(), "iac-diagram-bench-"));
const file = join(dir, "large.json");
writeFileSync(file, JSON.stringify(template(), null, 2));
const runs = 20;
const load = [];
const draw = [];
let last;
try {
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const loaded = await loadInput(file, { synth: "auto", timeoutMs: 60_000 });
    const t1 = performance.now();
    last = buildDiagram(file, loaded.sets, { fold: "auto", showGlue: false });
    renderMermaid(last);
    draw.push(performance.now() - t1);
    load.push(t1 - t0);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, max ${s.at(-1).toFixed(1)} ms`;
};
const lines = [
  `iac-diagram, 300-resource template, ${runs} runs in one process (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`,
  `load (read + parse): ${stat(load)}`,
  `draw (graph + fold + Mermaid): ${stat(draw)}`,
  `folded: ${last.notes[0]}`,
];
console.log(lines.join("\n"));
mkdirSync(new URL("./results/tmp/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/tmp/fold-300.txt", import.meta.url), lines.join("\n") + "\n");
