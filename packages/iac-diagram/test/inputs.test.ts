// Each input kind drawn end to end through the CLI, with the exact Mermaid expected, and bad
// input answered with iac-check's own message and nothing drawn.
import { describe, expect, it } from "vitest";
import { run, spawnBin } from "./run.js";

const TEMPLATE = [
    "flowchart LR",
    "  Alerts[\"Alerts<br/>SNS Topic\"]",
    "  Notifier[\"Notifier<br/>Lambda Function\"]",
    "  Table[\"Table<br/>DynamoDB Table\"]",
    "  subgraph g_Vpc[\"VPC Vpc\"]",
    "    Igw[\"Igw<br/>EC2 InternetGateway\"]",
    "    subgraph g_Vpc_public[\"public subnets \u00b7 2 subnets\"]",
    "      LoadBalancer[\"LoadBalancer<br/>ELBv2 LoadBalancer\"]",
    "      Nat[\"Nat<br/>EC2 NatGateway\"]",
    "    end",
    "    subgraph g_Vpc_private[\"private subnets \u00b7 1 subnet\"]",
    "      Function[\"Function<br/>Lambda Function<br/><i>+ 1 alarm, logs</i>\"]",
    "    end",
    "    subgraph g_Vpc_isolated[\"isolated subnets \u00b7 1 subnet\"]",
    "      subgraph g_Vpc_isolated_RDS[\"RDS\"]",
    "        Database[\"Database<br/>RDS DBCluster\"]",
    "        DatabaseWriter[\"DatabaseWriter<br/>RDS DBInstance\"]",
    "      end",
    "    end",
    "  end",
    "  DatabaseWriter --> Database",
    "  Function -- allows --> Database",
    "  Function -. IAM .-> Table",
    "  LoadBalancer -- allows --> Function",
    "  Notifier --> Alerts",
    "  Notifier -. IAM .-> Table",
    "%% Folded (`--show-glue` draws them): alarms \u00d71 (as badges), IAM \u00d72 (as IAM edges), log groups \u00d71 (as badges), network plumbing \u00d718 (as subgraphs and edges).",
  ].join("\n") + "\n";

const TERRAFORM = [
    "flowchart LR",
    "  dynamodb_table_items[\"items<br/>DynamoDB Table\"]",
    "  lambda_function_handler[\"handler<br/>Lambda Function<br/><i>+ 1 alarm, logs</i>\"]",
    "  sqs_queue_jobs[\"jobs<br/>SQS Queue\"]",
    "  lambda_function_handler --> dynamodb_table_items",
    "  sqs_queue_jobs -- triggers --> lambda_function_handler",
    "%% Folded (`--show-glue` draws them): alarms \u00d71 (as badges), IAM \u00d74 (as IAM edges), log groups \u00d71 (as badges).",
  ].join("\n") + "\n";

describe("a CloudFormation template", () => {
  it("draws VPC, subnet tiers, references, IAM access, security group rules and badges", async () => {
    const result = await run(["fixtures/template/network-app.yaml"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(TEMPLATE);
    expect(result.code).toBe(0);
  });

  it("that does not parse gets iac-check's message, exit 2 and no diagram", async () => {
    const result = await run(["fixtures/template/broken.yaml"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "fixtures/template/broken.yaml:6:1  error  not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ] (iac-check reads CloudFormation templates in YAML, with the !Ref/!GetAtt/!Sub... short forms, or JSON)  cloudformation/syntax\n" +
        "iac-diagram: cannot draw fixtures/template/broken.yaml: fix the error above\n",
    });
  });
});

describe("a Terraform module", () => {
  it("draws resources, references through locals and data sources, connectors and badges", async () => {
    const result = await run(["fixtures/terraform/basic"]);
    expect(result.stdout).toBe(TERRAFORM);
    expect(result.code).toBe(0);
  });

  it("that does not parse gets iac-check's message, exit 2 and no diagram", async () => {
    const result = await run(["fixtures/terraform/broken"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "fixtures/terraform/broken/main.tf:1:33  error  Unclosed configuration block: There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.  tf/syntax\n" +
        "iac-diagram: cannot draw fixtures/terraform/broken: fix the error above\n",
    });
  });
});

describe("paths that are not infrastructure", () => {
  it("a file of another kind is a usage error", async () => {
    const result = await run(["vitest.config.ts"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("iac-diagram: vitest.config.ts: not something iac-diagram draws");
  });

  it("a JSON file without a Resources section is not a template", async () => {
    const result = await run(["package.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("package.json:1:1  error  no Resources section (a mapping of logical ids to resources), so nothing to draw: is this a CloudFormation template?  iac-diagram/no-resources");
  });

  it("a folder with nothing to draw says what it looked for", async () => {
    const result = await run(["test"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("test  error  nothing to draw in test: no CDK app (a folder with cdk.json), no cloud assembly (manifest.json)");
  });

  it("a missing path is a usage error", async () => {
    // The built bin, as a process: its exit code and stderr are what a shell sees.
    const result = await spawnBin(["no/such/place"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("iac-diagram: no/such/place: no such file or folder");
  });
});
