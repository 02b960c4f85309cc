// Checks one Terraform module folder: an offline `terraform validate` plus security rules.
// Order: parse -> fmt -> versions -> schema -> references -> security rules -> terraform/tofu
// CLI when present.

import { realpathSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import type { CheckOptions, CheckReport } from "../language.js";
import { checkFormat, warmUpFormatter } from "./check-format.js";
import { withoutOfflineDuplicates } from "./cli-duplicates.js";
import { checkModuleCalls, checkModuleCycles, loadLocalModules, type LocalModules } from "./check-module-calls.js";
import { checkReferences, type ModuleOutputs } from "./check-references.js";
import { checkSchema } from "./check-schema.js";
import { checkVersions, providerSources } from "./check-versions.js";
import { isTerraformFile, loadModule, terraformFilesIn, type LoadedModule } from "./load-module.js";
import { warmUpParser } from "./parse-hcl.js";
import { topBlocks, type TfModule } from "./model.js";
import { providerSchemas } from "./provider-schema.js";
import { findTerraformBinary, runTerraformCli, type CliResult } from "./run-terraform-cli.js";
import { runSecurityRules } from "./run-security-rules.js";

export interface TerraformCheckOptions extends CheckOptions {
  /** Run terraform/tofu init+validate when a binary is on PATH (default true). */
  runCli?: boolean;
  /**
   * Real paths of module folders already checked in this run (shared across targets), so a
   * module that is both a target and another target's local child is reported once.
   */
  checked?: Set<string>;
}

let cliSkipAnnounced = false;

/** Reusable child modules usually pin providers loosely (`>= 5.0`): pins are checked in the root. */
const CHILD_EXEMPT = new Set(["tf/provider-not-pinned", "tf/provider-version"]);

export async function checkTerraformModule(target: string, options: TerraformCheckOptions): Promise<CheckReport> {
  const started = performance.now();
  const dir = isTerraformFile(target) && !isDirectory(target) ? dirname(target) : target;
  const display = relative(process.cwd(), resolve(dir)) || ".";
  const report: CheckReport = { language: "terraform", target: display, diagnostics: [], acknowledgements: [], details: { childModules: [] }, timingsMs: {} };
  const time = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      // Summed: child modules go through the same steps.
      report.timingsMs[name] = Math.round(((report.timingsMs[name] ?? 0) + performance.now() - t0) * 10) / 10;
    }
  };
  try {
    if (terraformFilesIn(dir).length === 0) {
      report.diagnostics.push({ file: display, severity: "error", rule: "tf/no-files", message: `No .tf or .tf.json files in ${display}: point iac-check at a Terraform module folder.` });
      return report;
    }
    // Both Go WebAssembly modules compile on background threads while this thread parses the
    // 5 MB provider schema: together they are most of a first check's time.
    const formatterReady = warmUpFormatter();
    const parserReady = warmUpParser();
    await time("schemaLoad", () => providerSchemas());
    await time("wasmStart", () => Promise.all([parserReady, formatterReady]));
    const visited = options.checked ?? new Set<string>();
    const realDir = realpathSync(dir);
    if (visited.has(realDir)) {
      report.details.skipped = "already checked in this run as a local module called by another target";
      return report;
    }
    visited.add(realDir);
    const loaded = await time("parse", () => loadModule(dir));
    const tree: ModuleTree = { report, options, time, cache: new Map(), visited };
    await checkModuleAndChildren(loaded, tree, undefined, [realDir]);
    if (options.runCli !== false) {
      const binary = findTerraformBinary();
      const cycle = Boolean(binary && tree.moduleCycle);
      const cli: CliResult = cycle
        ? { status: "skipped", reason: "the local modules call each other in a cycle (tf/module-cycle above), on which terraform init loops" }
        : await time("terraformCli", () => runTerraformCli(dir, Math.min(options.timeoutMs, 300_000), binary, [...tree.visited]));
      report.details.terraformCli = cli.status === "skipped" ? { status: "skipped", reason: cli.reason } : { status: cli.status, binary: cli.binary };
      if (cli.status === "skipped") {
        if (!cliSkipAnnounced || cycle) {
          cliSkipAnnounced = true; // said once per run, not once per module
          report.diagnostics.push({ file: display, severity: "info", rule: "tf/terraform-cli", message: `terraform validate skipped: ${cli.reason}.` });
        }
      } else {
        report.diagnostics.push(...withoutOfflineDuplicates(report.diagnostics, cli.diagnostics));
      }
    }
  } catch (error) {
    // A bug in this module, not in the user's files: report it as one diagnostic, not a crash.
    report.diagnostics.push({ file: display, severity: "error", rule: "tf/internal", message: `iac-check's Terraform checks failed unexpectedly (please report): ${error instanceof Error ? error.message : String(error)}` });
  }
  report.diagnostics.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  report.timingsMs.total = Math.round((performance.now() - started) * 10) / 10;
  return report;
}

interface ModuleTree {
  report: CheckReport;
  options: TerraformCheckOptions;
  time: <T>(name: string, fn: () => T | Promise<T>) => Promise<T>;
  /** Loaded local modules by real path; `visited` holds those already checked (a cycle stops there). */
  cache: Map<string, LoadedModule>;
  visited: Set<string>;
  /** A local module call loops back: terraform init would recurse until paths get too long. */
  moduleCycle?: boolean;
}

/**
 * Checks one module, then every local module it calls, depth first, each folder once. A child
 * inherits its caller's provider sources (Terraform passes the providers down) and reports at its
 * own files; provider version pins are a root module's business, so children skip those rules.
 */
async function checkModuleAndChildren(loaded: LoadedModule, tree: ModuleTree, parentSources: Map<string, string> | undefined, ancestors: string[]): Promise<void> {
  const { report, time } = tree;
  report.diagnostics.push(...loaded.diagnostics);
  report.diagnostics.push(...(await time("format", () => checkFormat(loaded.files.filter((f) => f.parsed), tree.options.fix))));
  const where = relative(process.cwd(), resolve(loaded.module.dir)) || ".";
  if (!loaded.ok) {
    const note = `${where}: schema, reference and security checks skipped until the files parse`;
    report.details.skipped = report.details.skipped ? `${String(report.details.skipped)}; ${note}` : note;
    return;
  }
  const cycles = checkModuleCycles(loaded.module, ancestors);
  report.diagnostics.push(...cycles);
  if (cycles.length) tree.moduleCycle = true;
  const { children, loaded: childModules } = await loadLocalModules(loaded.module, tree.cache);
  const sources = new Map([...(parentSources ?? []), ...providerSources(loaded.module)]);
  await runSemanticChecks(loaded.module, sources, children, report, time, parentSources !== undefined);
  if (parentSources) (report.details.childModules as string[]).push(where);
  for (const child of childModules) {
    if (tree.visited.has(child.realDir)) continue;
    tree.visited.add(child.realDir);
    await checkModuleAndChildren(child.loaded, tree, sources, [...ancestors, child.realDir]);
  }
}

async function runSemanticChecks(
  module: TfModule,
  sources: Map<string, string>,
  children: LocalModules,
  report: CheckReport,
  time: <T>(name: string, fn: () => T | Promise<T>) => Promise<T>,
  isChild: boolean,
): Promise<void> {
  const versions = await time("versions", () => checkVersions(module));
  report.diagnostics.push(...(isChild ? versions.filter((d) => !CHILD_EXEMPT.has(d.rule)) : versions));
  report.diagnostics.push(...(await time("schema", () => checkSchema(module, sources))));
  report.diagnostics.push(...checkModuleCalls(module, children));
  const outputs: ModuleOutputs = new Map([...children].map(([name, child]) => [name, child?.outputs]));
  report.diagnostics.push(...(await time("references", () => checkReferences(module, sources, outputs))));

  const security = await time("security", () => runSecurityRules(module));
  report.diagnostics.push(...security.diagnostics);
  report.acknowledgements.push(...security.acknowledgements);

  const resourcesByType: Record<string, number> = {};
  for (const b of topBlocks(module, "resource")) resourcesByType[b.labels[0]!] = (resourcesByType[b.labels[0]!] ?? 0) + 1;
  report.details.files = [...((report.details.files as string[] | undefined) ?? []), ...module.files.map((f) => f.path)];
  const counted = (report.details.resources as Record<string, number> | undefined) ?? {};
  for (const [type, n] of Object.entries(resourcesByType)) counted[type] = (counted[type] ?? 0) + n;
  report.details.resources = counted;
  report.details.schemas = [...providerSchemas().values()].map((s) => `${s.header.providerSource} ${s.header.providerVersion} (${s.header.bindingsPackage}@${s.header.bindingsVersion})`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
