// Every pattern that exists in more than one language must be the same service in each: the same
// components (through the mapping table in src/parity/mapping.ts) and the same security settings
// (authorization on every route, encryption, public access, log retention, point-in-time
// recovery, deletion protection, tracing, throttling). CDK apps are synthesized offline; the
// CloudFormation template and the Terraform module are read as written. A version joins the
// comparison as soon as its folder exists. pattern-parity-drift.test.ts proves each kind of
// difference is caught.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compareInventories, type ParityException } from "../src/parity/compare.js";
import { cloudFormationInventory, parseTemplate, terraformInventory, type Inventory } from "../src/parity/inventory.js";
import { synthesizeCdkApp } from "../src/parity/synthesize-cdk.js";
import { findRepoRoot } from "../src/workspace.js";

const root = findRepoRoot(__dirname);
/** Each synthesis runs in a child process killed after this long (two apps share 2 busy cores). */
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

async function inventoryOf(source: Source): Promise<Inventory> {
  if ("terraform" in source) return terraformModuleInventory(join(root, source.terraform));
  if ("template" in source) return cloudFormationInventory(parseTemplate(readFileSync(join(root, source.template), "utf8")));
  const templates = await synthesizeCdkApp(join(root, source.cdkApp), "bin/app.ts", SYNTH_TIMEOUT_MS);
  const template = templates[source.stack];
  if (!template) throw new Error(`${source.cdkApp} synthesized no stack ${source.stack} (it has: ${Object.keys(templates).join(", ") || "none"})`);
  return cloudFormationInventory(template);
}

const present = PATTERNS.map(({ pattern, versions }) => ({ pattern, versions: Object.fromEntries(Object.entries(versions).filter(([, s]) => existsSync(join(root, pathOf(s))))) })).filter((p) => Object.keys(p.versions).length > 1);

describe.each(present)("$pattern is the same pattern in every language", ({ pattern, versions }) => {
  const inventories: Record<string, Inventory> = {};

  beforeAll(async () => {
    // All versions at once: the CDK syntheses overlap instead of queueing.
    const entries = await Promise.all(Object.entries(versions).map(async ([language, source]) => [language, await inventoryOf(source)] as const));
    for (const [language, inventory] of entries) inventories[language] = inventory;
  }, 2 * SYNTH_TIMEOUT_MS);

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
  for (const e of EXCEPTIONS) {
    expect(PATTERNS.map((p) => p.pattern)).toContain(e.pattern);
    expect(e.reason.length).toBeGreaterThan(30);
  }
});
