// Only the security part of the Terraform checks, for a user's own module (the skill's
// security-check script): parse the module and the local modules it calls, run the tf-sec rules
// and their suppressions. No format, version, schema, reference or terraform CLI step, so the
// 5 MB provider schema is never loaded and nothing runs that is not a security gate. A file that
// does not parse is still reported (tf/syntax), since its resources cannot be checked.

import { realpathSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import type { CheckReport } from "../language.js";
import { loadLocalModules } from "./check-module-calls.js";
import { runSecurityRules } from "./run-security-rules.js";
import { isTerraformFile, loadModule, terraformFilesIn, type LoadedModule } from "./load-module.js";
import { topBlocks } from "./model.js";

/** Checks one module folder (or the folder of one .tf file) and its local child modules. */
export async function checkTerraformSecurity(target: string): Promise<CheckReport> {
  const started = performance.now();
  const dir = isTerraformFile(target) && !isDirectory(target) ? dirname(target) : target;
  const display = relative(process.cwd(), resolve(dir)) || ".";
  const report: CheckReport = { language: "terraform", target: display, diagnostics: [], acknowledgements: [], details: { childModules: [], resources: {} }, timingsMs: {} };
  if (terraformFilesIn(dir).length === 0) {
    report.diagnostics.push({ file: display, severity: "error", rule: "tf/no-files", message: `No .tf or .tf.json files in ${display}: point at a Terraform module folder.` });
    return report;
  }
  const cache = new Map<string, LoadedModule>();
  const visited = new Set<string>([realpathSync(dir)]);
  const visit = async (loaded: LoadedModule, isChild: boolean): Promise<void> => {
    // Of what loading finds, only syntax errors matter here: they hide resources from the rules.
    report.diagnostics.push(...loaded.diagnostics.filter((d) => d.rule === "tf/syntax"));
    const where = relative(process.cwd(), resolve(loaded.module.dir)) || ".";
    if (!loaded.ok) {
      report.details.skipped = `${report.details.skipped ? `${String(report.details.skipped)}; ` : ""}${where}: security rules skipped until the files parse`;
      return;
    }
    if (isChild) (report.details.childModules as string[]).push(where);
    const security = await runSecurityRules(loaded.module);
    report.diagnostics.push(...security.diagnostics);
    report.acknowledgements.push(...security.acknowledgements);
    const resources = report.details.resources as Record<string, number>;
    for (const block of topBlocks(loaded.module, "resource")) resources[block.labels[0]!] = (resources[block.labels[0]!] ?? 0) + 1;
    const { loaded: children } = await loadLocalModules(loaded.module, cache);
    for (const child of children) {
      // Each folder once: modules that call each other in a cycle stop here.
      if (visited.has(child.realDir)) continue;
      visited.add(child.realDir);
      await visit(child.loaded, true);
    }
  };
  await visit(await loadModule(dir), false);
  report.diagnostics.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  report.timingsMs.total = Math.round(performance.now() - started);
  return report;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
