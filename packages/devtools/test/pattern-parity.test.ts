// Every pattern that exists in more than one language must be the same service in each: the same
// components (through the mapping table in src/parity/mapping.ts) and the same security settings
// (authorization on every route, encryption, public access, log retention, point-in-time
// recovery, deletion protection, tracing, throttling). A CDK app is read from the cloud assembly its
// `check` task synthesized (src/parity/checked-assembly.ts; this package's test task depends on
// those checks); the CloudFormation template and the Terraform module are read as written. A version joins the
// comparison as soon as its folder exists. pattern-parity-drift.test.ts proves each kind of
// difference is caught. Each version's diagram (iac-diagram, glue folded) must also draw the same
// picture: the same components in the same places, pointing at each other the same way.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDiagram, loadInput, resourcesOfTemplate } from "@aws-patterns/iac-diagram";
import { compareInventories, type ParityException } from "../src/parity/compare.js";
import { compareDiagrams, pictureOf, type Picture } from "../src/parity/diagram-picture.js";
import { cloudFormationInventory, parseTemplate, terraformInventory, type Inventory } from "../src/parity/inventory.js";
import { checkedAssemblyTemplates } from "../src/parity/checked-assembly.js";
import { findRepoRoot } from "../src/workspace.js";

const root = findRepoRoot(__dirname);
/** iac-diagram's limit for a synthesis (it reads the Terraform and CloudFormation versions as written). */
const SYNTH_TIMEOUT_MS = 300_000;

type Source = { cdkApp: string; stack: string } | { template: string } | { terraform: string };

/** The patterns and where each language's version lives. */
const PATTERNS: { pattern: string; versions: Record<string, Source> }[] = [
  {
    pattern: "serverless-api",
    versions: {
      cdk: { cdkApp: "examples/cdk/serverless-api", stack: "ServerlessApi" },
      terraform: { terraform: "examples/terraform/serverless-api" },
      cloudformation: { template: "examples/cloudformation/lambda-api/template.yaml" },
    },
  },
  {
    pattern: "ecs-fargate",
    versions: {
      cdk: { cdkApp: "examples/cdk/ecs-fargate", stack: "EcsFargate" },
      terraform: { terraform: "examples/terraform/ecs-fargate" },
    },
  },
];

/**
 * Differences that are in the nature of a language, each with its reason. `subject` is a
 * component, a "component: setting", or a resource type the mapping table leaves out.
 */
const EXCEPTIONS: ParityException[] = [
  {
    pattern: "ecs-fargate",
    subject: "AWS::SecretsManager::Secret",
    reason: "CDK generates the master secret as a resource of the stack (DatabaseSecret); Terraform asks RDS to manage it (manage_master_user_password), which creates the secret outside the configuration",
  },
  {
    pattern: "ecs-fargate",
    subject: "AWS::SecretsManager::SecretTargetAttachment",
    reason: "attaches CDK's generated secret to the cluster for rotation; an RDS-managed secret needs no attachment",
  },
  {
    pattern: "ecs-fargate",
    subject: "aws_default_security_group",
    reason: "every VPC has a default security group; Terraform can adopt it as a resource (here to strip its rules), CloudFormation cannot and only CDK's restrictDefaultSecurityGroup custom resource would; nothing in the app uses the group",
  },
];

const pathOf = (source: Source): string => ("cdkApp" in source ? source.cdkApp : "template" in source ? source.template : source.terraform);

export async function terraformModuleInventory(dir: string): Promise<Inventory> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".tf"));
  return terraformInventory(Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), "utf8")])));
}

async function inventoryOf(source: Source): Promise<{ inventory: Inventory; picture: Picture }> {
  const draw = (sets: Parameters<typeof buildDiagram>[1]): Picture => pictureOf(buildDiagram(pathOf(source), sets, { fold: "none", showGlue: false }));
  const loadDrawn = async (path: string): Promise<Picture> => {
    const loaded = await loadInput(path, { synth: "auto", timeoutMs: SYNTH_TIMEOUT_MS });
    if ("diagnostics" in loaded) throw new Error(`iac-diagram cannot read ${path}: ${loaded.diagnostics.map((d) => d.message).join("; ")}`);
    return draw(loaded.sets);
  };
  if ("terraform" in source) return { inventory: await terraformModuleInventory(join(root, source.terraform)), picture: await loadDrawn(join(root, source.terraform)) };
  if ("template" in source) return { inventory: cloudFormationInventory(parseTemplate(readFileSync(join(root, source.template), "utf8"))), picture: await loadDrawn(join(root, source.template)) };
  const templates = checkedAssemblyTemplates(join(root, source.cdkApp), root);
  const template = templates[source.stack];
  if (!template) throw new Error(`${source.cdkApp}'s cloud assembly has no stack ${source.stack} (it has: ${Object.keys(templates).join(", ") || "none"})`);
  return { inventory: cloudFormationInventory(template), picture: draw([{ name: source.stack, resources: resourcesOfTemplate(template) }]) };
}

/**
 * Where a pattern's diagrams differ by the nature of a language, with the reason. `subject` is a
 * drawn node ("component @ place") or edge ("component -> component") as compareDiagrams names it.
 */
const DIAGRAM_EXCEPTIONS: ParityException[] = [
  {
    pattern: "ecs-fargate",
    subject: "AWS::SecretsManager::Secret @ outside any VPC",
    reason: "CDK generates the master secret as a resource of the stack; Terraform's RDS-managed secret (manage_master_user_password) is created by RDS, outside the configuration, so there is no node to draw",
  },
  {
    pattern: "ecs-fargate",
    subject: "db-cluster -> AWS::SecretsManager::Secret",
    reason: "the cluster reads CDK's generated secret; with an RDS-managed secret the cluster owns it and nothing points from the cluster to a secret resource",
  },
  {
    pattern: "ecs-fargate",
    subject: "ecs-task-definition -> db-cluster",
    reason: "the task definition's secrets name the RDS-managed secret through the cluster (aws_rds_cluster.this.master_user_secret[0].secret_arn); in CDK they name the generated secret resource, drawn as its own node",
  },
  {
    pattern: "ecs-fargate",
    subject: "nat-gateway -> internet-gateway",
    reason: "Terraform orders the NAT gateway after the internet gateway with depends_on; CDK puts that order on the public route and its gateway attachment (DependsOn), network plumbing the diagram folds",
  },
];

const present = PATTERNS.map(({ pattern, versions }) => ({ pattern, versions: Object.fromEntries(Object.entries(versions).filter(([, s]) => existsSync(join(root, pathOf(s))))) })).filter((p) => Object.keys(p.versions).length > 1);

describe.each(present)("$pattern is the same pattern in every language", ({ pattern, versions }) => {
  const inventories: Record<string, Inventory> = {};
  const pictures: Record<string, Picture> = {};

  beforeAll(async () => {
    const entries = await Promise.all(Object.entries(versions).map(async ([language, source]) => [language, await inventoryOf(source)] as const));
    for (const [language, { inventory, picture }] of entries) {
      inventories[language] = inventory;
      pictures[language] = picture;
    }
  }, 2 * SYNTH_TIMEOUT_MS);

  it(`draws the same diagram in ${Object.keys(versions).join(", ")}`, () => {
    expect(compareDiagrams(pattern, pictures, DIAGRAM_EXCEPTIONS)).toEqual([]);
  });

  it("uses every diagram exception listed for it", () => {
    for (const exception of DIAGRAM_EXCEPTIONS.filter((e) => e.pattern === pattern)) {
      expect(compareDiagrams(pattern, pictures, DIAGRAM_EXCEPTIONS.filter((e) => e !== exception)).length, `${exception.subject} excuses nothing`).toBeGreaterThan(0);
    }
  });

  it(`has the same components and security settings in ${Object.keys(versions).join(", ")}`, () => {
    expect(compareInventories(pattern, inventories, EXCEPTIONS)).toEqual([]);
  });

  it("uses every exception listed for it (a stale one would hide a future difference)", () => {
    for (const exception of EXCEPTIONS.filter((e) => e.pattern === pattern)) {
      expect(compareInventories(pattern, inventories, EXCEPTIONS.filter((e) => e !== exception)).length, `${exception.subject} excuses nothing`).toBeGreaterThan(0);
    }
  });

  it("has HTTP API routes, tables, functions or services to compare (the readers found them)", () => {
    for (const [language, inventory] of Object.entries(inventories)) expect(inventory.components.size, language).toBeGreaterThan(5);
  });
});

it("every exception names a pattern in the table and gives a reason", () => {
  for (const e of [...EXCEPTIONS, ...DIAGRAM_EXCEPTIONS]) {
    expect(PATTERNS.map((p) => p.pattern)).toContain(e.pattern);
    expect(e.reason.length).toBeGreaterThan(30);
  }
});
