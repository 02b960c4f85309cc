// What the user pointed at: a CDK app folder (cdk.json), a synthesized assembly (cdk.out, with
// manifest.json), a Terraform module folder, a CloudFormation template, or a folder holding any
// of them (walked as iac-check walks it: node_modules, cdk.out, dist and dot-folders skipped).
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { cloudFormationLanguage } from "@aws-patterns/iac-check/dist/cloudformation/index.js";
import type { CheckReport, LanguageModule } from "@aws-patterns/iac-check/dist/language.js";
import { resolveTargets, UsageError as IacCheckUsageError } from "@aws-patterns/iac-check/dist/resolve-targets.js";
import { isTerraformFile, terraformFilesIn } from "@aws-patterns/iac-check/dist/terraform/terraform-files.js";
import { UsageError } from "../shared/index.js";
import type { Problem, TargetKind } from "./report.js";

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

// Only claims are used here; checking is done by security-check's own modules.
const notUsed = async (): Promise<CheckReport[]> => [];
const kinds: { kind: TargetKind; language: LanguageModule }[] = [
  { kind: "cdk-assembly", language: { name: "cdk-assembly", claims: (p) => isDirectory(p) && existsSync(join(p, "manifest.json")) && !existsSync(join(p, "cdk.json")), check: notUsed } },
  { kind: "cdk-app", language: { name: "cdk", claims: (p) => isDirectory(p) && existsSync(join(p, "cdk.json")), check: notUsed } },
  {
    kind: "terraform",
    language: { name: "terraform", claims: (p) => (isDirectory(p) ? terraformFilesIn(p).length > 0 : isTerraformFile(p) && existsSync(p)), check: notUsed },
  },
  { kind: "cloudformation", language: { ...cloudFormationLanguage, check: notUsed } },
];

export interface Targets {
  byKind: Map<TargetKind, string[]>;
  problems: Problem[];
}

export function findTargets(path: string): Targets {
  let plan;
  try {
    plan = resolveTargets([path], kinds.map((k) => k.language));
  } catch (error) {
    if (error instanceof IacCheckUsageError) {
      throw new UsageError(
        `security-check: ${error.message.replace(/not something iac-check checks \(expected [^)]*\)/, "not something security-check checks")}`,
        "Point it at a CDK app folder (with cdk.json), a cdk.out folder, a Terraform module folder, a CloudFormation template (.yaml, .yml, .json), or a folder holding them.",
      );
    }
    throw error;
  }
  const byKind = new Map<TargetKind, string[]>();
  for (const batch of plan.batches) {
    const kind = kinds.find((k) => k.language === batch.language)!.kind;
    byKind.set(kind, batch.targets);
  }
  return { byKind, problems: plan.diagnostics.map((d) => ({ file: d.file, rule: d.rule, message: d.message.replace(/\biac-check\b/g, "security-check") })) };
}
