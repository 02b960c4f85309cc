// Each input kind drawn end to end through the CLI, with the exact Mermaid expected, and bad
// input answered with iac-check's own message and nothing drawn.
import { describe, expect, it } from "vitest";
import { run } from "./run.js";

const TEMPLATE = [
    "flowchart LR",
    "  n_Alerts[\"Alerts<br/><small>SNS Topic</small>\"]",
    "  n_Notifier[\"Notifier<br/><small>Lambda Function</small>\"]",
    "  n_Table[\"Table<br/><small>DynamoDB Table</small>\"]",
    "  subgraph g_vpc_Vpc[\"VPC Vpc\"]",
    "    n_Igw[\"Igw<br/><small>EC2 InternetGateway</small>\"]",
    "    subgraph g_tier_Vpc_public[\"public subnets \u00b7 2 subnets\"]",
    "      n_LoadBalancer[\"LoadBalancer<br/><small>ElasticLoadBalancingV2 LoadBalancer</small>\"]",
    "      n_Nat[\"Nat<br/><small>EC2 NatGateway</small>\"]",
    "    end",
    "    subgraph g_tier_Vpc_private[\"private subnets \u00b7 1 subnet\"]",
    "      n_Function[\"Function<br/><small>Lambda Function</small><br/><i>+ 1 alarm, logs</i>\"]",
    "    end",
    "    subgraph g_tier_Vpc_isolated[\"isolated subnets \u00b7 1 subnet\"]",
    "      subgraph g_svc_g_tier_Vpc_isolated_RDS[\"RDS\"]",
    "        n_Database[\"Database<br/><small>RDS DBCluster</small>\"]",
    "        n_DatabaseWriter[\"DatabaseWriter<br/><small>RDS DBInstance</small>\"]",
    "      end",
    "    end",
    "  end",
    "  n_DatabaseWriter --> n_Database",
    "  n_Function -- allows --> n_Database",
    "  n_Function -. IAM .-> n_Table",
    "  n_LoadBalancer -- allows --> n_Function",
    "  n_Notifier --> n_Alerts",
    "  n_Notifier -. IAM .-> n_Table",
    "%% Folded away (`--show-glue` draws them): alarms (badges) \u00d71; IAM (roles, policies, permissions: drawn as IAM edges from who assumes a role to what its policies name) \u00d72; log groups (badges) \u00d71; network plumbing (subnets, route tables, security groups and rules: drawn as subgraphs and edges) \u00d718.",
  ].join("\n") + "\n";

const TERRAFORM = [
    "flowchart LR",
    "  n_aws_dynamodb_table_items[\"items<br/><small>DynamoDB Table</small>\"]",
    "  n_aws_lambda_function_handler[\"handler<br/><small>Lambda Function</small><br/><i>+ 1 alarm, logs</i>\"]",
    "  n_aws_sqs_queue_jobs[\"jobs<br/><small>SQS Queue</small>\"]",
    "  n_aws_lambda_function_handler --> n_aws_dynamodb_table_items",
    "  n_aws_sqs_queue_jobs -- triggers --> n_aws_lambda_function_handler",
    "%% Folded away (`--show-glue` draws them): alarms (badges) \u00d71; IAM (roles, policies, permissions: drawn as IAM edges from who assumes a role to what its policies name) \u00d74; log groups (badges) \u00d71.",
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
    const result = await run(["no/such/place"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("iac-diagram: no/such/place: no such file or folder");
  });
});
