// Calls of local child modules (`source = "./modules/x"`): the folder exists, every argument is a
// variable the child declares, and every variable without a default is passed. Registry and git
// modules are downloaded only by `terraform init`, so their calls are not checked. The loaded
// children are also handed back, so check-module.ts can check them in turn.

import { existsSync, realpathSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Diagnostic } from "../language.js";
import { diagnosticAt, didYouMean } from "./diagnostics.js";
import { loadModule, type LoadedModule } from "./load-module.js";
import { topBlocks, type TfModule } from "./model.js";

export interface ChildModule {
  outputs: Set<string>;
  /** Variable name -> required (declared without a default). */
  variables: Map<string, boolean>;
}

/** Child modules by module block name; undefined when not local or not readable. */
export type LocalModules = Map<string, ChildModule | undefined>;

/** A local child module folder as loaded, keyed by its real path (two calls of one folder share it). */
export interface LoadedChild {
  realDir: string;
  loaded: LoadedModule;
}

const MODULE_META = new Set(["source", "version", "count", "for_each", "depends_on", "providers"]);
export const isLocalSource = (source: unknown): source is string => typeof source === "string" && /^\.\.?\//.test(source);

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Loads the local modules `module` calls. `cache` maps real folder paths to loaded modules, so a
 * folder called twice (or by several parents) is read once.
 */
export async function loadLocalModules(module: TfModule, cache: Map<string, LoadedModule> = new Map()): Promise<{ children: LocalModules; loaded: LoadedChild[] }> {
  const children: LocalModules = new Map();
  const loadedChildren: LoadedChild[] = [];
  for (const m of topBlocks(module, "module")) {
    const name = m.labels[0];
    const source = m.attributes.find((a) => a.name === "source")?.value;
    if (!name) continue;
    const dir = isLocalSource(source) ? join(module.dir, source) : undefined;
    if (!dir || !isFolder(dir)) {
      children.set(name, undefined);
      continue;
    }
    const realDir = realpathSync(dir);
    let child = cache.get(realDir);
    if (!child) {
      child = await loadModule(dir);
      cache.set(realDir, child);
    }
    if (!loadedChildren.some((c) => c.realDir === realDir)) loadedChildren.push({ realDir, loaded: child });
    if (!child.ok || child.module.files.length === 0) {
      children.set(name, undefined);
      continue;
    }
    children.set(name, {
      outputs: new Set(topBlocks(child.module, "output").map((o) => o.labels[0]!)),
      variables: new Map(topBlocks(child.module, "variable").map((v) => [v.labels[0]!, !v.attributes.some((a) => a.name === "default")])),
    });
  }
  return { children, loaded: loadedChildren };
}

export function checkModuleCalls(module: TfModule, children: LocalModules): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of topBlocks(module, "module")) {
    const name = m.labels[0]!;
    const where = `module.${name}`;
    const source = m.attributes.find((a) => a.name === "source");
    if (isLocalSource(source?.value) && !(existsSync(join(module.dir, source.value)) && isFolder(join(module.dir, source.value)))) {
      out.push(diagnosticAt(m.file, source.position, "error", "tf/module-source", `module.${name} source "${source.value}" is not a folder next to this module: fix the path.`, where));
      continue;
    }
    const child = children.get(name);
    if (!child) continue;
    for (const attr of m.attributes) {
      if (MODULE_META.has(attr.name) || child.variables.has(attr.name)) continue;
      out.push(diagnosticAt(m.file, attr.position, "error", "tf/unknown-module-input", `module.${name} has no variable "${attr.name}": declare variable "${attr.name}" in ${source?.value ?? "the child module"} or fix the name.${didYouMean(attr.name, child.variables.keys())}`, where));
    }
    for (const [variable, required] of child.variables) {
      if (required && !m.attributes.some((a) => a.name === variable)) {
        out.push(diagnosticAt(m.file, m.position, "error", "tf/missing-module-input", `module.${name} needs variable "${variable}" (it has no default): add ${variable} = ...`, where));
      }
    }
  }
  return out;
}

/**
 * Local module calls that lead back to a module already on the call path (`ancestors`: real
 * folder paths, root first, ending with this module's). Terraform expands such calls forever (its
 * init fails with "file name too long"), so each is an error at the call.
 */
export function checkModuleCycles(module: TfModule, ancestors: string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of topBlocks(module, "module")) {
    const source = m.attributes.find((a) => a.name === "source");
    if (!isLocalSource(source?.value) || !isFolder(join(module.dir, source.value))) continue;
    const at = ancestors.indexOf(realpathSync(join(module.dir, source.value)));
    if (at < 0) continue;
    const chain = [...ancestors.slice(at), ancestors[at]!].map((d) => relative(process.cwd(), d) || ".").join(" -> ");
    out.push(diagnosticAt(m.file, source.position, "error", "tf/module-cycle", `module.${m.labels[0]} calls "${source.value}", a module already on this call path (${chain}): Terraform would nest them inside each other forever. Break the cycle.`, `module.${m.labels[0]}`));
  }
  return out;
}
