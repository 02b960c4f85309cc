// Proves the parity check catches each kind of drift it claims to: every case mutates a copy of a
// real example in memory (the Terraform serverless-api against the hand-written CloudFormation
// template, or the Terraform ecs-fargate against itself) and expects the exact message. No CDK
// synthesis here, so these run in seconds. The diagram comparison is proven the same way.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDiagram, loadInput } from "@aws-patterns/iac-diagram";
import { beforeAll, describe, expect, it } from "vitest";
import { compareInventories } from "../src/parity/compare.js";
import { compareDiagrams, pictureOf, type Picture } from "../src/parity/diagram-picture.js";
import { cloudFormationInventory, parseTemplate, terraformInventory } from "../src/parity/inventory.js";
import { findRepoRoot } from "../src/workspace.js";

const root = findRepoRoot(__dirname);
const readModule = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(join(root, dir)).filter((f) => f.endsWith(".tf")).map((f) => [f, readFileSync(join(root, dir, f), "utf8")]));
const tfServerless = readModule("examples/terraform/serverless-api");
const cfnServerless = readFileSync(join(root, "examples/cloudformation/lambda-api/template.yaml"), "utf8");

/** Applies a replacement and fails loudly if the example no longer has the text it targets. */
function mutate(text: string, from: RegExp | string, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`the mutation found nothing to replace (${String(from)}): update this test to the example`);
  return out;
}

async function serverlessDrift(tf: Record<string, string>, cfn: string): Promise<string[]> {
  return compareInventories("serverless-api", { terraform: await terraformInventory(tf), cloudformation: cloudFormationInventory(parseTemplate(cfn)) });
}

const ROUTES = ["DELETE /items/{id}", "GET /items", "GET /items/{id}", "POST /items", "PUT /items/{id}"];
const routes = (auth: (route: string) => string): string => ROUTES.map((r) => `${r} ${auth(r)}`).join("; ");

describe("the parity check catches drift between the Terraform and CloudFormation serverless-api", () => {
  it("finds none in the examples as they are", async () => {
    expect(await serverlessDrift(tfServerless, cfnServerless)).toEqual([]);
  });

  it("authorization removed from one route", async () => {
    const cfn = mutate(cfnServerless, /(RouteKey: PUT \/items\/\{id\}\n)\s+AuthorizationType: AWS_IAM\n/, "$1");
    expect(await serverlessDrift(tfServerless, cfn)).toEqual([
      `serverless-api: http-api-route: authorization differs: terraform ${routes(() => "AWS_IAM")} | cloudformation ${routes((r) => (r.startsWith("PUT") ? "NONE" : "AWS_IAM"))}`,
    ]);
  });

  it("a route one language lacks", async () => {
    const tf = { ...tfServerless, "main.tf": mutate(tfServerless["main.tf"]!, ', "PUT /items/{id}"', "") };
    expect(await serverlessDrift(tf, cfnServerless)).toEqual([
      `serverless-api: http-api-route: authorization differs: terraform ${routes(() => "AWS_IAM").replace("; PUT /items/{id} AWS_IAM", "")} | cloudformation ${routes(() => "AWS_IAM")}`,
    ]);
  });

  it("point-in-time recovery dropped", async () => {
    const tf = { ...tfServerless, "main.tf": mutate(tfServerless["main.tf"]!, /\n  point_in_time_recovery \{\n    enabled = true\n  \}\n/, "\n") };
    expect(await serverlessDrift(tf, cfnServerless)).toEqual(["serverless-api: dynamodb-table: point-in-time recovery differs: terraform false | cloudformation true"]);
  });

  it("log retention changed (through a variable's default)", async () => {
    const tf = { ...tfServerless, "variables.tf": mutate(tfServerless["variables.tf"]!, /(variable "log_retention_days" \{[^}]*default\s+=) 30/, "$1 14") };
    expect(await serverlessDrift(tf, cfnServerless)).toEqual(["serverless-api: log-group: log retention differs: terraform 14 days | cloudformation 30 days"]);
  });

  it("encryption weakened", async () => {
    const cfn = mutate(cfnServerless, "SSEEnabled: true", "SSEEnabled: false");
    expect(await serverlessDrift(tfServerless, cfn)).toEqual(["serverless-api: dynamodb-table: encryption differs: terraform kms | cloudformation aws-owned key"]);
  });

  it("deletion protection off by default", async () => {
    const tf = { ...tfServerless, "variables.tf": mutate(tfServerless["variables.tf"]!, /(variable "deletion_protection" \{[^}]*default\s+=) true/, "$1 false") };
    expect(await serverlessDrift(tf, cfnServerless)).toEqual(["serverless-api: dynamodb-table: deletion protection differs: terraform false | cloudformation true"]);
  });

  it("tracing removed", async () => {
    const tf = { ...tfServerless, "main.tf": mutate(tfServerless["main.tf"]!, /\n  tracing_config \{\n    mode = "Active"\n  \}\n/, "\n") };
    expect(await serverlessDrift(tf, cfnServerless)).toEqual(["serverless-api: lambda-function: tracing differs: terraform PassThrough | cloudformation Active"]);
  });

  it("throttling changed (through a parameter's default)", async () => {
    const cfn = mutate(cfnServerless, /(ThrottleRateLimit:\n(?:    .*\n)*?    Default:) 50/, "$1 500");
    expect(await serverlessDrift(tfServerless, cfn)).toEqual(["serverless-api: http-api-stage: throttling differs: terraform rate 50, burst 100 | cloudformation rate 500, burst 100"]);
  });

  it("a component removed", async () => {
    const cfn = mutate(cfnServerless, /\n  AlarmTopicPolicy:\n(?:    .*\n|\n)*?(?=\n  \w)/, "\n");
    expect(await serverlessDrift(tfServerless, cfn)).toEqual(["serverless-api: cloudformation lacks sns-topic-policy (AWS::SNS::TopicPolicy / aws_sns_topic_policy), which terraform has"]);
  });

  it("a resource type the mapping table does not know", async () => {
    const tf = { ...tfServerless, "extra.tf": 'resource "aws_sqs_queue" "dead_letters" {\n  name = "items-dlq"\n}\n' };
    expect(await serverlessDrift(tf, cfnServerless)).toEqual([
      "serverless-api/terraform: aws_sqs_queue (aws_sqs_queue.dead_letters) is in no row of the mapping table (src/parity/mapping.ts): map it to its equivalent, or list it in the test's exceptions with a reason",
    ]);
  });

  it("an exception with a reason accepts the difference it names, and only that", async () => {
    const cfn = mutate(cfnServerless, "SSEEnabled: true", "SSEEnabled: false");
    const exceptions = [{ pattern: "serverless-api", subject: "dynamodb-table: encryption", reason: "only to prove that a listed exception is honoured" }];
    expect(compareInventories("serverless-api", { terraform: await terraformInventory(tfServerless), cloudformation: cloudFormationInventory(parseTemplate(cfn)) }, exceptions)).toEqual([]);
  });
});

// Public access has no setting in serverless-api; the ecs-fargate module has a database and a bucket.
describe.runIf(existsSync(join(root, "examples/terraform/ecs-fargate")))("the parity check catches public access drift (Terraform ecs-fargate against a mutated copy)", () => {
  let module: Record<string, string> = {};
  beforeAll(() => {
    module = readModule("examples/terraform/ecs-fargate");
  });
  // The one type the mapping table leaves out of ecs-fargate (pattern-parity.test.ts says why) is in both copies.
  const unmappedInBoth = [{ pattern: "ecs-fargate", subject: "aws_default_security_group", reason: "excused with its reason in pattern-parity.test.ts" }];
  const drift = async (mutated: Record<string, string>): Promise<string[]> => compareInventories("ecs-fargate", { terraform: await terraformInventory(module), mutated: await terraformInventory(mutated) }, unmappedInBoth);
  const fileWith = (pattern: RegExp): string => Object.keys(module).find((f) => pattern.test(module[f]!)) ?? "(none)";

  it("a database instance made publicly accessible", async () => {
    const file = fileWith(/resource "aws_rds_cluster_instance" "\w+" \{\n/);
    // The first instance: turn an explicit `publicly_accessible = false` around, or add the argument.
    const explicit = /(resource "aws_rds_cluster_instance" "\w+" \{\n(?:  .*\n)*?  publicly_accessible\s+=) false/;
    const text = explicit.test(module[file]!) ? mutate(module[file]!, explicit, "$1 true") : mutate(module[file]!, /(resource "aws_rds_cluster_instance" "\w+" \{\n)/, "$1  publicly_accessible = true\n");
    const mutated = { ...module, [file]: text };
    expect(await drift(mutated)).toEqual(["ecs-fargate: db-instance: public access differs: terraform private | mutated private; public"]);
  });

  it("a bucket's public access block loosened", async () => {
    const file = fileWith(/block_public_policy\s+= true/);
    const mutated = { ...module, [file]: mutate(module[file]!, /block_public_policy(\s+)= true/, "block_public_policy$1= false") };
    expect(await drift(mutated)).toEqual(["ecs-fargate: s3-bucket: public access differs: terraform all public access blocked | mutated public access not fully blocked"]);
  });
});

describe("the diagram comparison catches a picture that differs (Terraform serverless-api mutated, against the CloudFormation template)", () => {
  const draw = async (path: string): Promise<Picture> => {
    const loaded = await loadInput(path, { synth: "auto", timeoutMs: 60_000 });
    if ("diagnostics" in loaded) throw new Error(loaded.diagnostics.map((d) => d.message).join("; "));
    return pictureOf(buildDiagram(path, loaded.sets, { fold: "none", showGlue: false }));
  };
  const drift = async (tf: Record<string, string>): Promise<string[]> => {
    const dir = mkdtempSync(join(tmpdir(), "parity-diagram-"));
    try {
      for (const [name, text] of Object.entries(tf)) writeFileSync(join(dir, name), text);
      return compareDiagrams("serverless-api", { terraform: await draw(dir), cloudformation: await draw(join(root, "examples/cloudformation/lambda-api/template.yaml")) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("finds none in the examples as they are", async () => {
    expect(await drift(tfServerless)).toEqual([]);
  });

  it("an integration that no longer points at the function", async () => {
    const main = mutate(tfServerless["main.tf"]!, "integration_uri        = aws_lambda_function.handler.invoke_arn", 'integration_uri        = "arn:aws:lambda:us-east-1:123456789012:function:other"');
    expect(await drift({ ...tfServerless, "main.tf": main })).toEqual(["serverless-api diagram: cloudformation draws the edge http-api-integration -> lambda-function, terraform does not"]);
  });
});
