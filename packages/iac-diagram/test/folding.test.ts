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
    "  DynamoDB[\"DynamoDB \u00d71<br/>Table\"]",
    "  Lambda[\"Lambda \u00d71<br/>Function\"]",
    "  SNS[\"SNS \u00d71<br/>Topic\"]",
    "  subgraph g_Vpc[\"VPC Vpc\"]",
    "    EC2_g_Vpc[\"EC2 \u00d71<br/>InternetGateway\"]",
    "    subgraph g_Vpc_public[\"public subnets \u00b7 2 subnets\"]",
    "      EC2_g_Vpc_public[\"EC2 \u00d71<br/>NatGateway\"]",
    "      ElasticLoadBalancingV2_g_Vpc_public[\"ELBv2 \u00d71<br/>LoadBalancer\"]",
    "    end",
    "    subgraph g_Vpc_private[\"private subnets \u00b7 1 subnet\"]",
    "      Lambda_g_Vpc_private[\"Lambda \u00d71<br/>Function<br/><i>+ 1 alarm, logs</i>\"]",
    "    end",
    "    subgraph g_Vpc_isolated[\"isolated subnets \u00b7 1 subnet\"]",
    "      RDS_g_Vpc_isolated[\"RDS \u00d72<br/>DBCluster, DBInstance\"]",
    "    end",
    "  end",
    "  ElasticLoadBalancingV2_g_Vpc_public -- allows --> Lambda_g_Vpc_private",
    "  Lambda -. IAM .-> DynamoDB",
    "  Lambda --> SNS",
    "  Lambda_g_Vpc_private -. IAM .-> DynamoDB",
    "  Lambda_g_Vpc_private -- allows --> RDS_g_Vpc_isolated",
    "%% Folded to services: 9 resources in 8 service nodes. `--fold none` draws each resource.",
    "%% Folded (`--show-glue` draws them): alarms \u00d71 (as badges), IAM \u00d72 (as IAM edges), log groups \u00d71 (as badges), network plumbing \u00d718 (as subgraphs and edges).",
  ].join("\n") + "\n";

const GLUE_SHOWN = [
    "flowchart LR",
    "  cloudwatch_log_group_handler[\"handler<br/>Logs LogGroup\"]",
    "  cloudwatch_metric_alarm_errors[\"errors<br/>CloudWatch Alarm\"]",
    "  dynamodb_table_items[\"items<br/>DynamoDB Table\"]",
    "  sqs_queue_jobs[\"jobs<br/>SQS Queue\"]",
    "  subgraph g_IAM[\"IAM\"]",
    "    iam_role_handler[\"handler<br/>IAM Role\"]",
    "    iam_role_policy_read[\"read<br/>IAM RolePolicy\"]",
    "    iam_policy_document_assume[\"assume<br/>IAM PolicyDocument\"]",
    "    iam_policy_document_read[\"read<br/>IAM PolicyDocument\"]",
    "  end",
    "  subgraph g_Lambda[\"Lambda\"]",
    "    lambda_event_source_mapping_jobs[\"jobs<br/>Lambda EventSourceMapping\"]",
    "    lambda_function_handler[\"handler<br/>Lambda Function\"]",
    "  end",
    "  cloudwatch_metric_alarm_errors --> lambda_function_handler",
    "  iam_policy_document_read --> dynamodb_table_items",
    "  iam_role_handler --> iam_policy_document_assume",
    "  iam_role_policy_read --> iam_policy_document_read",
    "  iam_role_policy_read --> iam_role_handler",
    "  lambda_event_source_mapping_jobs --> lambda_function_handler",
    "  lambda_event_source_mapping_jobs --> sqs_queue_jobs",
    "  lambda_function_handler --> cloudwatch_log_group_handler",
    "  lambda_function_handler --> dynamodb_table_items",
    "  lambda_function_handler --> iam_role_handler",
    "  lambda_function_handler --> iam_role_policy_read",
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
    expect(diagram.edges).toEqual([{ from: "Lambda", to: "DynamoDB" }, { from: "Lambda", to: "SNS" }]);
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
