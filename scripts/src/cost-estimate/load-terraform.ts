// A Terraform module folder as resources to price, through iac-check's module loader (hcl2json
// for values, its own tokenizer for line numbers). Terraform is not run: `var.x` and `local.x`
// are replaced by their literal defaults where they have one, and `count`/`for_each` are counted
// when they are a literal, a variable, or length()/toset() of one; anything else is left to the
// usage profile (`count:` per resource) and reported as an assumption.
import { loadModule, type TfBlock, type TfModule } from "@aws-patterns/iac-check/terraform-loader";
import { InputError, type LoadedInput, type Resource } from "./model.js";

export async function terraformResources(dir: string): Promise<LoadedInput> {
  const loaded = await loadModule(dir);
  const error = loaded.diagnostics.find((d) => d.severity === "error");
  if (!loaded.ok || error) {
    const where = error ? `${error.file}${error.line ? `:${error.line}:${error.column ?? 1}` : ""}` : dir;
    throw new InputError(`${where}: ${error?.message ?? "the module could not be parsed"}`, "Fix the Terraform syntax (`terraform validate` shows the same problem).");
  }
  const values = literalValues(loaded.module);
  const resources: Resource[] = [];
  for (const file of loaded.module.files) {
    for (const block of file.blocks) {
      if (block.type !== "resource" || block.labels.length !== 2) continue;
      const [type, name] = block.labels as [string, string];
      const address = `${type}.${name}`;
      const meta = block.attributes.find((a) => a.name === "count") ?? block.attributes.find((a) => a.name === "for_each");
      const count = meta ? instanceCount(meta.value, values) : 1;
      resources.push({
        id: address,
        type,
        language: "terraform",
        stack: undefined,
        names: [address],
        properties: blockObject(block, values),
        count,
        countExpression: meta && count === undefined ? `${meta.name} = ${meta.expression.trim()}` : undefined,
        file: file.path,
        line: block.position.line,
      });
    }
  }
  return { kind: "terraform", description: `Terraform module ${dir}`, resources };
}

/** `var.name` and `local.name` -> literal value, for those whose value is a literal. */
function literalValues(module: TfModule): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const file of module.files) {
    for (const block of file.blocks) {
      if (block.type === "variable" && block.labels[0]) {
        const value = block.attributes.find((a) => a.name === "default")?.value;
        if (value !== undefined && !isExpression(value)) values.set(`var.${block.labels[0]}`, value);
      } else if (block.type === "locals") {
        for (const attribute of block.attributes) if (!isExpression(attribute.value)) values.set(`local.${attribute.name}`, attribute.value);
      }
    }
  }
  return values;
}

function isExpression(value: unknown): boolean {
  if (typeof value === "string") return value.includes("${");
  if (Array.isArray(value)) return value.some(isExpression);
  if (value && typeof value === "object") return Object.values(value).some(isExpression);
  return false;
}

/** A whole-string reference `${var.x}` or `${local.x}` with a literal value, else the value unchanged. */
function substitute(value: unknown, values: Map<string, unknown>): unknown {
  if (typeof value === "string") {
    const match = /^\$\{\s*((?:var|local)\.[A-Za-z0-9_-]+)\s*\}$/.exec(value);
    return match && values.has(match[1]!) ? values.get(match[1]!) : value;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, values));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)]));
  return value;
}

function instanceCount(raw: unknown, values: Map<string, unknown>): number | undefined {
  const sizeOf = (value: unknown): number | undefined => {
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
    if (Array.isArray(value)) return new Set(value.map((v) => JSON.stringify(v))).size;
    if (value && typeof value === "object") return Object.keys(value).length;
    return undefined;
  };
  const direct = sizeOf(substitute(raw, values));
  if (direct !== undefined) return direct;
  if (typeof raw !== "string") return undefined;
  const wrapped = /^\$\{\s*(?:length|toset)\(\s*((?:var|local)\.[A-Za-z0-9_-]+)\s*\)\s*\}$/.exec(raw);
  if (wrapped && values.has(wrapped[1]!)) return sizeOf(values.get(wrapped[1]!));
  return undefined;
}

/** Arguments as values (variables substituted), nested blocks as arrays of objects under their type. */
function blockObject(block: TfBlock, values: Map<string, unknown>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const attribute of block.attributes) object[attribute.name] = substitute(attribute.value, values);
  for (const child of block.blocks) {
    const list = (object[child.type] ??= []) as unknown[];
    if (Array.isArray(list)) list.push(blockObject(child, values));
  }
  return object;
}
