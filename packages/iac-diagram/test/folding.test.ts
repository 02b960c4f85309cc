// The folding rules: glue folded by default and drawn with --show-glue, one node per service with
// --fold services or past AUTO_FOLD_LIMIT resources with auto, and output that does not depend on
// the order resources are written in.
import { join } from "node:path";
import { loadTemplateFile } from "@aws-patterns/iac-check/loaders";
import { describe, expect, it } from "vitest";
import { AUTO_FOLD_LIMIT, buildDiagram } from "../src/build-diagram.js";
import { resourcesOfTemplate } from "../src/from-template.js";
import { renderMermaid } from "../src/mermaid.js";
import { PACKAGE_DIR, run } from "./run.js";

const SERVICES = [
    "flowchart LR",
    "  n_top_DynamoDB[\"DynamoDB \u00d71<br/><small>Table</small>\"]",
    "  n_top_Lambda[\"Lambda \u00d71<br/><small>Function</small>\"]",
    "  n_top_SNS[\"SNS \u00d71<br/><small>Topic</small>\"]",
    "  subgraph g_vpc_Vpc[\"VPC Vpc\"]",
    "    n_g_vpc_Vpc_EC2[\"EC2 \u00d71<br/><small>InternetGateway</small>\"]",
    "    subgraph g_tier_Vpc_public[\"public subnets \u00b7 2 subnets\"]",
    "      n_g_tier_Vpc_public_EC2[\"EC2 \u00d71<br/><small>NatGateway</small>\"]",
    "      n_g_tier_Vpc_public_ElasticLoadBalancingV2[\"ElasticLoadBalancingV2 \u00d71<br/><small>LoadBalancer</small>\"]",
    "    end",
    "    subgraph g_tier_Vpc_private[\"private subnets \u00b7 1 subnet\"]",
    "      n_g_tier_Vpc_private_Lambda[\"Lambda \u00d71<br/><small>Function</small><br/><i>+ 1 alarm, logs</i>\"]",
    "    end",
    "    subgraph g_tier_Vpc_isolated[\"isolated subnets \u00b7 1 subnet\"]",
    "      n_g_tier_Vpc_isolated_RDS[\"RDS \u00d72<br/><small>DBCluster, DBInstance</small>\"]",
    "    end",
    "  end",
    "  n_g_tier_Vpc_private_Lambda -- allows --> n_g_tier_Vpc_isolated_RDS",
    "  n_g_tier_Vpc_private_Lambda -. IAM .-> n_top_DynamoDB",
    "  n_g_tier_Vpc_public_ElasticLoadBalancingV2 -- allows --> n_g_tier_Vpc_private_Lambda",
    "  n_top_Lambda -. IAM .-> n_top_DynamoDB",
    "  n_top_Lambda --> n_top_SNS",
    "%% Folded to services: 9 resources in 8 service nodes. `--fold none` draws each resource.",
    "%% Folded away (`--show-glue` draws them): alarms (badges) \u00d71; IAM (roles, policies, permissions: drawn as IAM edges from who assumes a role to what its policies name) \u00d72; log groups (badges) \u00d71; network plumbing (subnets, route tables, security groups and rules: drawn as subgraphs and edges) \u00d718.",
  ].join("\n") + "\n";

const GLUE_SHOWN = [
    "flowchart LR",
    "  n_aws_cloudwatch_log_group_handler[\"handler<br/><small>Logs LogGroup</small>\"]",
    "  n_aws_cloudwatch_metric_alarm_errors[\"errors<br/><small>CloudWatch Alarm</small>\"]",
    "  n_aws_dynamodb_table_items[\"items<br/><small>DynamoDB Table</small>\"]",
    "  n_aws_sqs_queue_jobs[\"jobs<br/><small>SQS Queue</small>\"]",
    "  subgraph g_svc_top_IAM[\"IAM\"]",
    "    n_aws_iam_role_handler[\"handler<br/><small>IAM Role</small>\"]",
    "    n_aws_iam_role_policy_read[\"read<br/><small>IAM RolePolicy</small>\"]",
    "    n_data_aws_iam_policy_document_assume[\"assume<br/><small>IAM PolicyDocument</small>\"]",
    "    n_data_aws_iam_policy_document_read[\"read<br/><small>IAM PolicyDocument</small>\"]",
    "  end",
    "  subgraph g_svc_top_Lambda[\"Lambda\"]",
    "    n_aws_lambda_event_source_mapping_jobs[\"jobs<br/><small>Lambda EventSourceMapping</small>\"]",
    "    n_aws_lambda_function_handler[\"handler<br/><small>Lambda Function</small>\"]",
    "  end",
    "  n_aws_cloudwatch_metric_alarm_errors --> n_aws_lambda_function_handler",
    "  n_aws_iam_role_handler --> n_data_aws_iam_policy_document_assume",
    "  n_aws_iam_role_policy_read --> n_aws_iam_role_handler",
    "  n_aws_iam_role_policy_read --> n_data_aws_iam_policy_document_read",
    "  n_aws_lambda_event_source_mapping_jobs --> n_aws_lambda_function_handler",
    "  n_aws_lambda_event_source_mapping_jobs --> n_aws_sqs_queue_jobs",
    "  n_aws_lambda_function_handler --> n_aws_cloudwatch_log_group_handler",
    "  n_aws_lambda_function_handler --> n_aws_dynamodb_table_items",
    "  n_aws_lambda_function_handler --> n_aws_iam_role_handler",
    "  n_aws_lambda_function_handler --> n_aws_iam_role_policy_read",
    "  n_data_aws_iam_policy_document_read --> n_aws_dynamodb_table_items",
  ].join("\n") + "\n";

/** A template of `count` resources over a few services, each function naming the table and topic after it. */
export function largeTemplate(count: number): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  const types = ["AWS::Lambda::Function", "AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::S3::Bucket", "AWS::IAM::Role"];
  for (let i = 0; i < count; i++) {
    const type = types[i % types.length]!;
    const properties = type === "AWS::Lambda::Function" ? { Environment: { Variables: { TABLE: { Ref: `R${i + 1}` }, TOPIC: { Ref: `R${i + 3}` } } } } : {};
    resources[`R${i}`] = { Type: type, Properties: properties };
  }
  return { Resources: resources };
}

describe("folding", () => {
  it("--fold services draws one node per service and place, with what it folded", async () => {
    const result = await run(["--fold", "services", "fixtures/template/network-app.yaml"]);
    expect(result.stdout).toBe(SERVICES);
  });

  it("--show-glue draws IAM, log groups, alarms, data sources and connectors as nodes with their references", async () => {
    const result = await run(["--show-glue", "fixtures/terraform/basic"]);
    expect(result.stdout).toBe(GLUE_SHOWN);
  });

  it("auto folds a template past the limit to services, and says so", () => {
    const template = largeTemplate(300);
    const diagram = buildDiagram("large.json", [{ name: "large.json", resources: resourcesOfTemplate(template) }], { fold: "auto", showGlue: false });
    expect(diagram.nodes.map((n) => n.name)).toEqual(["DynamoDB ×50", "Lambda ×50", "S3 ×50", "SNS ×50", "SQS ×50"]);
    expect(diagram.edges).toEqual([{ from: "n_top_Lambda", to: "n_top_DynamoDB" }, { from: "n_top_Lambda", to: "n_top_SNS" }]);
    expect(diagram.notes[0]).toBe(`Folded to services (more than ${AUTO_FOLD_LIMIT} resources): 250 resources in 5 service nodes. \`--fold none\` draws each resource.`);
  });

  it("auto keeps one node per resource up to the limit", () => {
    const diagram = buildDiagram("t", [{ name: "t", resources: resourcesOfTemplate(largeTemplate(48)) }], { fold: "auto", showGlue: false });
    expect(diagram.nodes).toHaveLength(AUTO_FOLD_LIMIT);
    expect(diagram.notes.some((n) => n.startsWith("Folded to services"))).toBe(false);
  });
});

describe("determinism", () => {
  it("draws the same text whatever order the resources are written in", () => {
    const loaded = loadTemplateFile(join(PACKAGE_DIR, "fixtures/template/network-app.yaml"), "network-app.yaml");
    if (!("parsed" in loaded)) throw new Error("the fixture does not parse");
    const template = loaded.parsed.template;
    const draw = (t: Record<string, unknown>): string => renderMermaid(buildDiagram("t", [{ name: "t", resources: resourcesOfTemplate(t) }], { fold: "none", showGlue: false }));
    const reversed = { ...template, Resources: Object.fromEntries(Object.entries(template.Resources as object).reverse()) };
    expect(draw(reversed)).toBe(draw(template));
  });
});

describe("references", () => {
  it("Ref, GetAtt (both forms), Sub (not ${!Literal}, not its own variables, not pseudo parameters) and DependsOn", () => {
    const [a] = resourcesOfTemplate({
      Resources: {
        A: {
          Type: "AWS::Lambda::Function",
          DependsOn: ["D"],
          Properties: {
            One: { Ref: "B" },
            Two: { "Fn::GetAtt": ["C", "Arn"] },
            Three: { "Fn::GetAtt": "E.Arn" },
            Four: { "Fn::Sub": ["${F}-${Local}-${!G}-${AWS::Region}", { Local: { Ref: "H" } }] },
          },
        },
        ...Object.fromEntries(["B", "C", "D", "E", "F", "G", "H", "Local"].map((id) => [id, { Type: "AWS::SQS::Queue" }])),
      },
    });
    expect(a!.references).toEqual([
      { target: "B", kind: "Ref", property: "One" },
      { target: "C", kind: "GetAtt", property: "Two" },
      { target: "E", kind: "GetAtt", property: "Three" },
      { target: "F", kind: "Sub", property: "Four" },
      { target: "H", kind: "Ref", property: "Four" },
      { target: "D", kind: "DependsOn", property: "DependsOn" },
    ]);
  });
});
