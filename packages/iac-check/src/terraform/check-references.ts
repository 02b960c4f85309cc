// Checks that every reference points to something the module declares, that resource and data
// source attributes are ones the type exports, that names are declared once, and that locals
// do not depend on themselves.

import type { Diagnostic } from "../language.js";
import { diagnosticAt, didYouMean } from "./diagnostics.js";
import { blockAddress, type TfAttribute, type TfBlock, type TfModule, type Traversal } from "./model.js";
import { providerLocalName, schemaForLocalName, type BlockSchema } from "./provider-schema.js";

/** Outputs of local child modules by module name; undefined when unknown (registry modules). */
export type ModuleOutputs = Map<string, Set<string> | undefined>;

const BUILT_INS: Record<string, string[]> = {
  path: ["module", "root", "cwd"],
  terraform: ["workspace", "applying"],
};

interface Declarations {
  resources: Map<string, TfBlock>;
  data: Map<string, TfBlock>;
  variables: Set<string>;
  locals: Map<string, TfAttribute>;
  modules: Set<string>;
  providerAliases: Set<string>;
  resourceTypes: Set<string>;
}

export function checkReferences(module: TfModule, sources: Map<string, string>, moduleOutputs: ModuleOutputs): Diagnostic[] {
  const out: Diagnostic[] = [];
  const decl = collectDeclarations(module, out);
  for (const file of module.files) {
    for (const block of file.blocks) {
      if (block.type === "moved" || block.type === "removed") continue; // they name things that may no longer exist
      const provider = block.attributes.find((a) => a.name === "provider" && (block.type === "resource" || block.type === "data"));
      const alias = provider?.traversals[0]?.parts.join(".");
      if (provider && alias && alias.includes(".") && !decl.providerAliases.has(alias)) {
        out.push(diagnosticAt(file, provider.position, "error", "tf/undeclared-provider-alias", `provider = ${alias} names no provider configuration: add provider "${alias.split(".")[0]}" { alias = "${alias.split(".")[1]}" ... } or fix the name.`, blockAddress(block)));
      }
      walk(block, block, new Set(), (attr, owner, bound) => {
        for (const t of referencesOf(attr, owner)) checkTraversal(t, block, bound, decl, sources, moduleOutputs, out);
      });
    }
  }
  out.push(...findLocalCycles(decl.locals, module));
  return out;
}

function collectDeclarations(module: TfModule, out: Diagnostic[]): Declarations {
  const decl: Declarations = { resources: new Map(), data: new Map(), variables: new Set(), locals: new Map(), modules: new Set(), providerAliases: new Set(), resourceTypes: new Set() };
  const seen = new Map<string, TfBlock>();
  const once = (key: string, block: TfBlock, position = block.position): boolean => {
    const first = seen.get(key);
    if (first) {
      out.push(diagnosticAt(block.file, position, "error", "tf/duplicate-declaration", `${key} is declared twice (first at ${first.file.path}:${first.position.line}): rename or remove one.`, key));
      return false;
    }
    seen.set(key, block);
    return true;
  };
  for (const file of module.files) {
    for (const block of file.blocks) {
      const [a, b] = block.labels;
      if (block.type === "resource" && a && b && once(blockAddress(block), block)) {
        decl.resources.set(`${a}.${b}`, block);
        decl.resourceTypes.add(a);
      } else if (block.type === "data" && a && b && once(blockAddress(block), block)) decl.data.set(`${a}.${b}`, block);
      else if (block.type === "variable" && a && once(`var.${a}`, block)) decl.variables.add(a);
      else if (block.type === "check") {
        // A check block's scoped data sources are readable inside that check only; close enough.
        for (const d of block.blocks.filter((x) => x.type === "data" && x.labels.length === 2)) decl.data.set(d.labels.join("."), d);
      }
      else if (block.type === "module" && a && once(`module.${a}`, block)) decl.modules.add(a);
      else if (block.type === "output" && a) once(`output.${a}`, block);
      else if (block.type === "locals") {
        for (const attr of block.attributes) if (once(`local.${attr.name}`, block, attr.position)) decl.locals.set(attr.name, attr);
      } else if (block.type === "terraform") {
        // A child module receives aliased providers from its caller: required_providers names them.
        for (const rp of block.blocks.filter((x) => x.type === "required_providers")) {
          for (const entry of rp.attributes) {
            const aliases = (entry.value as { configuration_aliases?: unknown } | undefined)?.configuration_aliases;
            for (const alias of Array.isArray(aliases) ? aliases : []) {
              if (typeof alias === "string") decl.providerAliases.add(alias.replace(/^\$\{(.*)\}$/, "$1"));
            }
          }
        }
      } else if (block.type === "provider" && a) {
        const alias = block.attributes.find((x) => x.name === "alias")?.value;
        decl.providerAliases.add(typeof alias === "string" ? `${a}.${alias}` : a);
      }
    }
  }
  return decl;
}

/** Visits every argument, tracking the names `dynamic` blocks bind in their content. */
function walk(block: TfBlock, top: TfBlock, bound: Set<string>, visit: (attr: TfAttribute, owner: TfBlock, bound: Set<string>) => void): void {
  for (const attr of block.attributes) visit(attr, block, bound);
  for (const child of block.blocks) {
    if (child.type === "dynamic") {
      const iterator = child.attributes.find((a) => a.name === "iterator")?.traversals[0]?.parts[0] ?? child.labels[0];
      const inner = new Set(bound);
      if (iterator) inner.add(iterator);
      for (const attr of child.attributes) visit(attr, child, attr.name === "for_each" ? bound : inner);
      for (const content of child.blocks) walk(content, top, inner, visit);
      continue;
    }
    walk(child, top, bound, visit);
  }
}

function referencesOf(attr: TfAttribute, owner: TfBlock): Traversal[] {
  // `ignore_changes = [tags]` names the resource's own arguments; `provider = aws.west` is checked apart.
  if (owner.type === "lifecycle" && attr.name === "ignore_changes") return [];
  if (attr.name === "provider" || attr.name === "providers") return [];
  if (owner.type === "required_providers" || owner.type === "terraform") return [];
  return attr.traversals;
}

function checkTraversal(
  t: Traversal,
  top: TfBlock,
  bound: Set<string>,
  decl: Declarations,
  sources: Map<string, string>,
  moduleOutputs: ModuleOutputs,
  out: Diagnostic[],
): void {
  const [root, first, second, third] = t.parts;
  if (!root || bound.has(root)) return;
  const err = (rule: string, message: string): void => {
    out.push(diagnosticAt(top.file, t.position, "error", rule, message, blockAddress(top)));
  };
  const needsName = (what: string): boolean => {
    if (!first || first === "[]" || first === "*") {
      err("tf/invalid-reference", `"${t.text}" must name a ${what}: write ${root}.NAME.`);
      return false;
    }
    return true;
  };
  switch (root) {
    case "var":
      if (needsName("variable") && !decl.variables.has(first!)) {
        err("tf/undeclared-variable", `var.${first} is not declared in this module: add variable "${first}" { ... } or fix the name.${didYouMean(first!, decl.variables)}`);
      }
      return;
    case "local":
      if (needsName("local value") && !decl.locals.has(first!)) {
        err("tf/undeclared-local", `local.${first} is not declared in this module: add it to a locals { ... } block or fix the name.${didYouMean(first!, decl.locals.keys())}`);
      }
      return;
    case "module": {
      if (!needsName("module")) return;
      if (!decl.modules.has(first!)) {
        err("tf/undeclared-module", `module.${first} is not declared in this module: add module "${first}" { source = ... } or fix the name.${didYouMean(first!, decl.modules)}`);
        return;
      }
      const outputs = moduleOutputs.get(first!);
      const output = second === "[]" ? third : second;
      if (outputs && output && output !== "*" && !outputs.has(output)) {
        err("tf/unknown-module-output", `module.${first} has no output "${output}": add output "${output}" { value = ... } to the child module or fix the name.${didYouMean(output, outputs)}`);
      }
      return;
    }
    case "data": {
      if (!first || !second || second === "[]") {
        err("tf/invalid-reference", `"${t.text}" must name a data source: write data.TYPE.NAME.`);
        return;
      }
      const block = decl.data.get(`${first}.${second}`);
      if (!block) {
        err("tf/undeclared-data-source", `data.${first}.${second} is not declared in this module: add data "${first}" "${second}" { ... } or fix the name.${didYouMean(`${first}.${second}`, decl.data.keys())}`);
        return;
      }
      checkAttribute(t.parts.slice(3), "dataSources", first, `data.${first}.${second}`, sources, err);
      return;
    }
    case "each":
      if (!top.attributes.some((a) => a.name === "for_each")) err("tf/invalid-reference", `each.${first ?? ""} can only be used in a block that sets for_each: add for_each to ${blockAddress(top)} or use a different value.`);
      else if (first !== "key" && first !== "value") err("tf/invalid-reference", `each has only "key" and "value", not "${first}".`);
      return;
    case "count":
      if (!top.attributes.some((a) => a.name === "count")) err("tf/invalid-reference", `count.index can only be used in a block that sets count: add count to ${blockAddress(top)} or use a different value.`);
      else if (first !== "index") err("tf/invalid-reference", `count has only "index", not "${first}".`);
      return;
    case "self":
    case "ephemeral":
      return;
    case "path":
    case "terraform":
      if (!first || !BUILT_INS[root]!.includes(first)) err("tf/invalid-reference", `${root}.${first ?? ""} does not exist: ${root} has ${BUILT_INS[root]!.map((x) => `${root}.${x}`).join(", ")}.`);
      return;
    default: {
      if (t.parts.length < 2) return; // a bare name: Terraform reports it, and it is often a for variable we did not see
      if (first === "[]" || first === "*") {
        err("tf/invalid-reference", `"${t.text}" is not a valid reference: a resource reference is TYPE.NAME.`);
        return;
      }
      if (!decl.resources.has(`${root}.${first}`)) {
        const declaredOfType = [...decl.resources.keys()].filter((k) => k.startsWith(`${root}.`));
        const hint = declaredOfType.length ? didYouMean(first!, declaredOfType.map((k) => k.slice(root.length + 1))) : decl.data.has(`${root}.${first}`) ? ` It is a data source: write data.${root}.${first}.` : didYouMean(root, decl.resourceTypes);
        err("tf/undeclared-resource", `${root}.${first} is not declared in this module: add resource "${root}" "${first}" { ... } or fix the name.${hint}`);
        return;
      }
      checkAttribute(t.parts.slice(2), "resources", root, `${root}.${first}`, sources, err);
    }
  }
}

/** Checks the first attribute read from a resource or data source against its exported attributes. */
function checkAttribute(
  rest: string[],
  table: "resources" | "dataSources",
  type: string,
  address: string,
  sources: Map<string, string>,
  err: (rule: string, message: string) => void,
): void {
  let schema: BlockSchema | undefined = schemaForLocalName(providerLocalName(type), sources)?.[table][type];
  let path = address;
  const names = rest.filter((p) => p !== "[]" && p !== "*");
  // Follow nested blocks (`aws_x.y.block[0].attr`); stop at anything that is not a block, whose
  // inner shape the schema does not describe.
  for (const [depth, name] of names.entries()) {
    if (!schema) return;
    if (name in schema.a || schema.x?.includes(name) || (depth === 0 && name === "id")) return;
    const nested: BlockSchema | undefined = schema.b?.[name];
    if (nested) {
      schema = nested;
      path = `${path}.${name}`;
      continue;
    }
    const all = [...Object.keys(schema.a), ...Object.keys(schema.b ?? {}), ...(schema.x ?? [])];
    const exported = depth === 0 ? ` ${type} exports: ${(schema.x ?? []).concat("id").slice(0, 10).join(", ")} and its arguments.` : "";
    err("tf/unknown-attribute", `${path} has no attribute "${name}".${didYouMean(name, all)}${exported}`);
    return;
  }
}

function findLocalCycles(locals: Map<string, TfAttribute>, module: TfModule): Diagnostic[] {
  const out: Diagnostic[] = [];
  const edges = new Map<string, string[]>();
  for (const [name, attr] of locals) {
    edges.set(name, attr.traversals.filter((t) => t.parts[0] === "local" && t.parts[1] && locals.has(t.parts[1])).map((t) => t.parts[1]!));
  }
  const state = new Map<string, "visiting" | "done">();
  const reported = new Set<string>();
  const visit = (name: string, stack: string[]): void => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const key = [...new Set(cycle)].sort().join(",");
      if (!reported.has(key)) {
        reported.add(key);
        const attr = locals.get(name)!;
        const file = module.files.find((f) => f.blocks.some((b) => b.attributes.includes(attr)))!;
        out.push(diagnosticAt(file, attr.position, "error", "tf/circular-locals", `Circular reference among locals: ${cycle.map((c) => `local.${c}`).join(" -> ")}. A local value cannot depend on itself; compute one of them from variables or resources instead.`, `local.${name}`));
      }
      return;
    }
    state.set(name, "visiting");
    for (const next of edges.get(name) ?? []) visit(next, [...stack, name]);
    state.set(name, "done");
  };
  for (const name of locals.keys()) visit(name, []);
  return out;
}
