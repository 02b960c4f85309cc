// Calls of local child modules (`source = "./modules/x"`): the folder exists, every argument is a
// variable the child declares, and every variable without a default is passed. Registry and git
// modules are downloaded only by `terraform init`, so their calls are not checked.

import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../language.js";
import { diagnosticAt, didYouMean } from "./diagnostics.js";
import { loadModule } from "./load-module.js";
import { topBlocks, type TfModule } from "./model.js";

export interface ChildModule {
  outputs: Set<string>;
  /** Variable name -> required (declared without a default). */
  variables: Map<string, boolean>;
}

/** Child modules by module block name; undefined when not local or not readable. */
export type LocalModules = Map<string, ChildModule | undefined>;

const MODULE_META = new Set(["source", "version", "count", "for_each", "depends_on", "providers"]);
const isLocalSource = (source: unknown): source is string => typeof source === "string" && /^\.\.?\//.test(source);

export async function loadLocalModules(module: TfModule): Promise<LocalModules> {
  const children: LocalModules = new Map();
  for (const m of topBlocks(module, "module")) {
    const name = m.labels[0];
    const source = m.attributes.find((a) => a.name === "source")?.value;
    if (!name) continue;
    if (!isLocalSource(source) || !existsSync(join(module.dir, source))) {
      children.set(name, undefined);
      continue;
    }
    const child = await loadModule(join(module.dir, source));
    if (!child.ok || child.module.files.length === 0) {
      children.set(name, undefined);
      continue;
    }
    children.set(name, {
      outputs: new Set(topBlocks(child.module, "output").map((o) => o.labels[0]!)),
      variables: new Map(topBlocks(child.module, "variable").map((v) => [v.labels[0]!, !v.attributes.some((a) => a.name === "default")])),
    });
  }
  return children;
}

export function checkModuleCalls(module: TfModule, children: LocalModules): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of topBlocks(module, "module")) {
    const name = m.labels[0]!;
    const where = `module.${name}`;
    const source = m.attributes.find((a) => a.name === "source");
    if (isLocalSource(source?.value) && !existsSync(join(module.dir, source.value))) {
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
