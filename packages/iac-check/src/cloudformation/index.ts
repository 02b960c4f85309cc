import { existsSync, lstatSync, statSync } from "node:fs";
import { extname } from "node:path";
import type { CheckOptions, CheckReport, ClaimContext, LanguageModule } from "../language.js";
import { looksLikeTemplate, TEMPLATE_EXTENSIONS } from "./load-template.js";

/**
 * A CloudFormation template is a .yaml/.yml/.json file. Named explicitly, any such file is claimed
 * (so a broken one gets a message); found while walking a folder, only files that look like a
 * template (a top-level Resources or AWSTemplateFormatVersion key) are, so package.json and
 * friends are left alone.
 */
export const cloudFormationLanguage: LanguageModule = {
  name: "cloudformation",
  claims(path: string, context?: ClaimContext): boolean {
    if (!TEMPLATE_EXTENSIONS.has(extname(path).toLowerCase())) return false;
    // A link to nothing is claimed, so the check says so rather than skip it in silence.
    if (!isFile(path)) return isDanglingLink(path);
    if (context?.explicit) return true;
    return looksLikeTemplate(path);
  },
  // Loaded on first use: a run with no target of this language does not pay for its imports.
  async check(targets: string[], options: CheckOptions): Promise<CheckReport[]> {
    const { checkTemplates } = await import("./check-templates.js");
    return checkTemplates(targets, options);
  },
};

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && !existsSync(path);
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
