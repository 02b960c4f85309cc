// Each kind of input (template JSON and YAML, cdk.out, Terraform), the usage profile and flags, and
// every user mistake: a message with file:line and exit 2, never a stack trace.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DATA_FILES } from "../src/cost-estimate/records-list.js";
import { estimateJson, FIXTURES, linesOf, REPO, runCost } from "./cost-helpers.js";

const tmp = () => mkdtempSync(path.join(tmpdir(), "cost-estimate-"));
const NAT = path.join(FIXTURES, "nat-gateway.yaml");

describe("inputs", () => {
  it("reads a JSON template like its YAML form", async () => {
    const dir = tmp();
    const file = path.join(dir, "nat.json");
    writeFileSync(file, JSON.stringify({ Resources: { NatGateway: { Type: "AWS::EC2::NatGateway", Properties: { ConnectivityType: "private" } } } }));
    const fromJson = await estimateJson([file]);
    const fromYaml = await estimateJson([NAT]);
    expect(linesOf(fromJson, "NatGateway")).toEqual(linesOf(fromYaml, "NatGateway"));
    expect(fromJson.totalText).toBe("$33.30");
  });

  it("reads every stack of a cdk.out, nested stages too, and names resources by construct path", async () => {
    const estimate = await estimateJson([path.join(FIXTURES, "cdk-out"), "--set", "Handler.requests=2000000", "--set", "Prod/Queues/Jobs.requests=500000"]);
    expect(estimate.resources.map((r) => `${r.stack} ${r.name}`)).toEqual(["Api Handler", "Api HttpApi", "Prod/Queues Jobs"]);
    // 2M x $0.20 = $0.40; 2M x 0.1 s x 0.25 GB = 50,000 GB-s x $0.0000133334 = $0.66667
    expect(linesOf(estimate, "Handler886CB40B")).toEqual([
      ["Requests", 2, 0.2, "$0.40"],
      ["Duration, arm64", 50_000, 0.0000133334, "$0.67"],
    ]);
    // 0.5M x $0.40 = $0.20
    expect(linesOf(estimate, "JobsQueue1A2B3C4D")).toEqual([["Standard queue requests", 0.5, 0.4, "$0.20"]]);
    // AWS::CDK::Metadata is no AWS resource: neither priced nor listed.
    expect(estimate.unpriced.map((r) => r.type)).toEqual(["AWS::IAM::Role"]);
  });

  it("reads a Terraform module: variables, count and for_each, references between resources", async () => {
    const estimate = await estimateJson([path.join(FIXTURES, "terraform"), "--set", "aws_sqs_queue.jobs.count=0"]);
    // memory_size = var.memory_mb (512): 1M x 0.1 s x 0.5 GB = 50,000 GB-s x $0.0000133334 = $0.66667
    expect(linesOf(estimate, "aws_lambda_function.api")).toEqual([
      ["Requests", 1, 0.2, "$0.20"],
      ["Duration, arm64", 50_000, 0.0000133334, "$0.67"],
    ]);
    // count = var.nat_gateways (2): 2 x 730 h x $0.045 = $65.70; 2 x 10 GB x $0.045 = $0.90
    expect(linesOf(estimate, "aws_nat_gateway.egress")).toEqual([
      ["NAT gateway hours", 1460, 0.045, "$65.70"],
      ["Data processed", 20, 0.045, "$0.90"],
    ]);
    // for_each = toset(3 services) x 2 subnets x 730 h = 4,380 x $0.01 = $43.80; 3 x 10 GB x $0.01 = $0.30
    expect(linesOf(estimate, "aws_vpc_endpoint.interface")).toEqual([
      ["Interface endpoint hours", 4380, 0.01, "$43.80"],
      ["Data processed", 30, 0.01, "$0.30"],
    ]);
    // task definition found through `aws_ecs_task_definition.app.arn`: 2 x 0.5 vCPU x 730 = 730 x $0.03238 = $23.6374
    expect(linesOf(estimate, "aws_ecs_service.app")).toEqual([
      ["Fargate vCPU, ARM64", 730, 0.03238, "$23.64"],
      ["Fargate memory, ARM64", 1460, 0.00356, "$5.20"],
    ]);
    // count = var.use_cache ? 1 : 0 is not evaluated; --set count=0 prices none of it
    expect(linesOf(estimate, "aws_sqs_queue.jobs")).toEqual([["Standard queue requests", 0, 0.4, "$0.00"]]);
    expect(estimate.resources.find((r) => r.id === "aws_sqs_queue.jobs")!.assumptions).toContain("count = var.use_cache ? 1 : 0 not evaluated: count = 0 (--set aws_sqs_queue.jobs.count)");
    expect(estimate.resources.find((r) => r.id === "aws_nat_gateway.egress")!.assumptions).toContain("count = 2 (template: count or for_each)");
  });

  it("takes a count from the profile over the one the code gives, and says when it could not evaluate one", async () => {
    const estimate = await estimateJson([path.join(FIXTURES, "terraform"), "--set", "aws_nat_gateway.egress.count=1"]);
    // 1 x 730 h x $0.045 = $32.85
    expect(linesOf(estimate, "aws_nat_gateway.egress")[0]).toEqual(["NAT gateway hours", 730, 0.045, "$32.85"]);
    expect(estimate.resources.find((r) => r.id === "aws_sqs_queue.jobs")!.assumptions[0]).toBe("count = var.use_cache ? 1 : 0 not evaluated: 1 instance priced (set `count` in the usage profile)");
  });

  it("applies flags over the profile, and --set over flags", async () => {
    const estimate = await estimateJson([NAT, "--gb-processed", "100", "--hours", "100"]);
    // 100 h x $0.045 = $4.50; 100 GB x $0.045 = $4.50
    expect(linesOf(estimate, "NatGateway")).toEqual([
      ["NAT gateway hours", 100, 0.045, "$4.50"],
      ["Data processed", 100, 0.045, "$4.50"],
    ]);
    const set = await estimateJson([NAT, "--gb-processed", "100", "--set", "NatGateway.gb_processed=20"]);
    expect(linesOf(set, "NatGateway")[1]).toEqual(["Data processed", 20, 0.045, "$0.90"]);
  });

  it("lists an unknown type as not priced in the table output", async () => {
    const result = await runCost([path.join(FIXTURES, "all-types.yaml")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("- Custom resources (`Thing`): custom resource (the function behind it is priced where it is defined).");
    expect(result.stdout).toContain("- Types cost-estimate has no pricer for: AWS::IAM::Role, AWS::ECS::TaskDefinition x 2, AWS::EC2::Subnet x 3.");
  });

  it("exits 1 above --budget, 0 within it", async () => {
    const over = await runCost([NAT, "--budget", "30"]);
    expect(over.code).toBe(1);
    expect(over.stdout).toContain("**Over budget:** $33.30 is more than the budget of $30.");
    expect((await runCost([NAT, "--budget", "40"])).code).toBe(0);
  });
});

describe("mistakes are messages with exit 2", () => {
  const cases: [string, () => string[], string][] = [
    ["a Region without price records", () => [NAT, "--region", "eu-west-1"], "no price data for eu-west-1: the skill/data price records are for us-east-1, us-east-2 (and global prices)\n"],
    ["a Region where a record used is missing", () => [NAT, "--region", "us-east-2"], "no price data for us-east-2: no price record `networking.price-nat-gateway-hour` for us-east-2 (the record is for us-east-1); no price record `networking.price-nat-gateway-gb` for us-east-2 (the record is for us-east-1)\n"],
    ["not a Region", () => [NAT, "--region", "moon"], "--region moon: not an AWS Region code\n"],
    ["a missing input", () => ["/no/such/template.yaml"], "/no/such/template.yaml: no such file or folder\n"],
    ["a bad budget", () => [NAT, "--budget", "lots"], "--budget lots: not an amount in USD\n"],
    ["a bad flag value", () => [NAT, "--requests", "many"], "--requests: `many` is not a number, 0 or more\n"],
    ["a bad --set", () => [NAT, "--set", "nat_gateway.gb=1"], "--set nat_gateway.gb=1: `nat_gateway` has no usage key `gb`\n"],
    ["a --set naming nothing", () => [NAT, "--set", "Nat.gb_processed=1"], "--set Nat.…: `Nat` is neither a kind of resource nor a resource in the input\n"],
  ];
  for (const [what, args, first] of cases) {
    it(what, async () => {
      const result = await runCost(args());
      expect(result.code).toBe(2);
      expect(result.stderr.split("\n")[0] + "\n").toBe(first);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it("a template that is not YAML: file:line:col", async () => {
    const file = path.join(tmp(), "bad.yaml");
    writeFileSync(file, "Resources:\n  Nat:\n    Type: AWS::EC2::NatGateway\n   Properties: [\n");
    const result = await runCost([file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:4:\\d+: not valid YAML or JSON: `));
  });

  it("a template without Resources, a resource without Type, a CDK app that is not synthesized", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "empty.yaml"), "AWSTemplateFormatVersion: '2010-09-09'\n");
    writeFileSync(path.join(dir, "untyped.yaml"), "Resources:\n  Thing:\n    Properties: {}\n");
    mkdirSync(path.join(dir, "app"));
    writeFileSync(path.join(dir, "app", "cdk.json"), "{}");
    expect((await runCost([path.join(dir, "empty.yaml")])).stderr).toBe(`${path.join(dir, "empty.yaml")}:1:1: not a CloudFormation template: no Resources section\nA template needs a top-level Resources mapping.\n`);
    expect((await runCost([path.join(dir, "untyped.yaml")])).stderr).toBe(`${path.join(dir, "untyped.yaml")}:2:3: resource Thing has no Type\n`);
    const app = await runCost([path.join(dir, "app")]);
    expect(app.code).toBe(2);
    expect(app.stderr).toBe(`${path.join(dir, "app")}: this is a CDK app, not a synthesized one\nRun \`npx cdk synth\` there and pass its output folder (${path.join(dir, "app", "cdk.out")}).\n`);
  });

  it("a Terraform syntax error: file:line", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "main.tf"), 'resource "aws_sqs_queue" "q" {\n  name = \n}\n');
    const result = await runCost([dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/main\.tf:2:\d+: /);
  });

  const profiles: [string, string, string][] = [
    ["an unknown kind", "types:\n  lamda:\n    requests: 1\n", ":2: unknown kind of resource `lamda`"],
    ["an unknown key", "types:\n  nat_gateway:\n    gb: 1\n", ":3: `nat_gateway` has no usage key `gb`"],
    ["a value that is not a number", "resources:\n  NatGateway:\n    gb_processed: lots\n", ":3: `gb_processed` must be a number, 0 or more"],
    ["a bad storage class", "types:\n  s3:\n    storage_class: COLD\n", ":3: `storage_class` must be one of STANDARD, STANDARD_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE, not `COLD`"],
    ["a resource that is not in the input", "resources:\n  NatGateway:\n    gb_processed: 1\n  Gateway:\n    gb_processed: 1\n", ":4: `Gateway` names no resource in the input"],
    ["a key the resource's kind does not have", "resources:\n  NatGateway:\n    requests: 1\n", ":2: `NatGateway` (nat_gateway) has no usage key `requests`"],
    ["a top-level key that does not exist", "hours: 730\nregion: us-east-1\n", ":2: unknown key `region`"],
    ["YAML that does not parse", "types:\n  nat_gateway: [\n", ":1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"],
  ];
  for (const [what, text, message] of profiles) {
    it(`a usage profile with ${what}: file:line`, async () => {
      const file = path.join(tmp(), "usage.yaml");
      writeFileSync(file, text);
      const result = await runCost([NAT, "--usage", file]);
      expect(result.code).toBe(2);
      expect(result.stderr.startsWith(`${file}${message}`)).toBe(true);
    });
  }
});

describe("README sections and records", () => {
  it("--write fills the section between the markers, --check then passes, and fails after an edit", async () => {
    const readme = path.join(tmp(), "README.md");
    writeFileSync(readme, "# Example\n\n## Cost\n\nProse.\n\n<!-- cost-estimate:start -->\nold\n<!-- cost-estimate:end -->\n\nMore prose.\n");
    expect(await runCost([NAT, "--write", readme])).toEqual({ code: 0, stdout: `${readme}: cost section updated\n`, stderr: "" });
    const text = readFileSync(readme, "utf8");
    expect(text).toContain("| `NatGateway` | NAT gateway hours | 730 h | $0.045 per hour | $32.85 | `networking.price-nat-gateway-hour` |");
    expect(text.endsWith("<!-- cost-estimate:end -->\n\nMore prose.\n")).toBe(true);
    expect((await runCost([NAT, "--check", readme])).code).toBe(0);
    writeFileSync(readme, text.replace("$32.85", "$30.00"));
    const check = await runCost([NAT, "--check", readme]);
    expect(check.code).toBe(1);
    expect(check.stderr).toBe(`${readme}:7: the cost section differs from what cost-estimate computes; regenerate it with the same command and --write ${readme} instead of --check\n`);
  });

  it("embeds every skill/data file that holds a price", () => {
    const withPrices = readdirSync(path.join(REPO, "skill", "data"))
      .filter((name) => name.endsWith(".json"))
      .filter((name) => {
        const facts = (JSON.parse(readFileSync(path.join(REPO, "skill", "data", name), "utf8")) as { facts: Record<string, { unit: string }> }).facts;
        return Object.values(facts).some((fact) => /^USD\b/.test(fact.unit));
      })
      .map((name) => name.replace(/\.json$/, ""));
    expect(Object.keys(DATA_FILES).sort()).toEqual(withPrices.sort());
  });
});
