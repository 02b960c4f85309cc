import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Diagnostic, LanguageModule } from "./language.js";

/** Folders never walked into: dependencies, build output and the CDK CLI's assembly. */
const SKIPPED_FOLDERS = new Set(["node_modules", "cdk.out", "dist", ".git", ".turbo"]);

export class UsageError extends Error {}

export interface TargetPlan {
  /** One batch per language, in languages.ts order, each run once over all its targets. */
  batches: { language: LanguageModule; targets: string[] }[];
  /** Problems with the paths themselves (e.g. a folder with nothing to check). */
  diagnostics: Diagnostic[];
}

export function resolveTargets(paths: string[], languages: LanguageModule[]): TargetPlan {
  const byLanguage = new Map<LanguageModule, Set<string>>();
  const diagnostics: Diagnostic[] = [];
  const claim = (path: string, explicit: boolean): boolean => {
    const owner = languages.find((language) => language.claims(path, { explicit }));
    if (!owner) return false;
    const targets = byLanguage.get(owner) ?? new Set<string>();
    targets.add(relative(process.cwd(), path) || ".");
    byLanguage.set(owner, targets);
    return true;
  };
  const walk = (folder: string): number => {
    let found = 0;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      // Say so and go on: the rest of the tree still gets checked.
      const code = (error as NodeJS.ErrnoException).code;
      const file = relative(process.cwd(), folder) || ".";
      diagnostics.push({ file, severity: "error", rule: "iac-check/unreadable", message: `cannot read the folder ${file} (${code === "EACCES" || code === "EPERM" ? "permission denied" : (error as Error).message}), so nothing in it was checked: make it readable, or leave it out of the paths` });
      return 1;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith("."))) continue;
      const path = join(folder, entry.name);
      if (claim(path, false)) found++;
      else if (entry.isDirectory()) found += walk(path);
    }
    return found;
  };

  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`${path}: no such file or folder`);
    }
    if (claim(path, true)) continue;
    if (!stats.isDirectory()) {
      throw new UsageError(`${path}: not something iac-check checks (expected a CDK app folder with cdk.json, or a .yaml, .yml or .json CloudFormation template)`);
    }
    if (walk(path) === 0) diagnostics.push(nothingToCheck(path));
  }
  return {
    batches: languages.filter((l) => byLanguage.has(l)).map((language) => ({ language, targets: [...byLanguage.get(language)!] })),
    diagnostics,
  };
}

/** A folder with no target: most often a CDK app that lost (or never had) its cdk.json. */
function nothingToCheck(folder: string): Diagnostic {
  const looksLikeCdk = hasAny(folder, ["bin", "lib", "package.json"]);
  const file = relative(process.cwd(), folder) || ".";
  return {
    file,
    severity: "error",
    rule: "iac-check/no-targets",
    message: looksLikeCdk
      ? `no cdk.json in ${file}: a CDK app folder needs a cdk.json whose "app" command names the entry file (e.g. {"app": "npx tsx bin/app.ts"}); add one, or point iac-check at a template file`
      : `nothing to check in ${file}: no CDK app (a folder with cdk.json), no CloudFormation template (.yaml, .yml, .json with a Resources section) and no Terraform module (*.tf, *.tf.json) was found`,
  };
}

function hasAny(folder: string, names: string[]): boolean {
  return names.some((name) => {
    try {
      statSync(join(folder, name));
      return true;
    } catch {
      return false;
    }
  });
}
