// Checks every block against its schema, as `terraform validate` would with the provider
// downloaded: resource and data source types exist; every argument and nested block exists in
// its type (nested blocks included); an argument is not written as a block or the other way
// round; computed-only attributes are not set; required arguments and blocks are present.

import type { Diagnostic } from "../language.js";
import { closest, diagnosticAt, didYouMean } from "./diagnostics.js";
import { BUILTIN_DATA_SOURCES, BUILTIN_RESOURCES, LANGUAGE_BLOCKS, RESOURCE_META_ARGUMENTS, RESOURCE_META_BLOCKS } from "./language-schema.js";
import { blockAddress, type TfBlock, type TfModule } from "./model.js";
import { providerLocalName, providerSchemas, schemaForLocalName, type BlockSchema, type NestedBlockSchema } from "./provider-schema.js";

type AnySchema = BlockSchema & { open?: boolean; labels?: number; b?: Record<string, NestedBlockSchema & { open?: boolean; labels?: number }> };

interface Context {
  /** Terraform address shown in messages: `aws_s3_bucket.logs`, `aws_s3_bucket.logs.versioning`. */
  address: string;
  /** Resources and data sources accept meta-arguments (count, for_each, lifecycle...). */
  meta: "resource" | "data" | "none";
  /** Whether `dynamic` blocks may generate this body's nested blocks (provider schemas only). */
  dynamic: boolean;
}

export function checkSchema(module: TfModule, sources: Map<string, string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const unchecked = new Set<string>();
  for (const file of module.files) {
    for (const block of file.blocks) {
      const lang = LANGUAGE_BLOCKS[block.type];
      if (!lang) {
        out.push(diagnosticAt(file, block.position, "error", "tf/unknown-block", `Unsupported block type "${block.type}".${didYouMean(block.type, Object.keys(LANGUAGE_BLOCKS))} A Terraform file holds terraform, provider, variable, output, locals, module, resource, data, moved, import, removed and check blocks.`));
        continue;
      }
      if (lang.labels !== undefined && block.labels.length !== lang.labels) {
        out.push(diagnosticAt(file, block.position, "error", "tf/block-labels", `A ${block.type} block takes ${lang.labels} label(s), found ${block.labels.length}: write ${exampleHeader(block.type)}.`));
        continue;
      }
      if (block.type === "resource" || block.type === "data" || block.type === "ephemeral") {
        const type = block.labels[0]!;
        const builtin = block.type === "resource" ? BUILTIN_RESOURCES[type] : block.type === "data" ? BUILTIN_DATA_SOURCES[type] : undefined;
        if (builtin) {
          checkBody(block, builtin, { address: blockAddress(block), meta: block.type === "resource" ? "resource" : "data", dynamic: false }, out);
          continue;
        }
        const local = providerLocalName(type);
        const schema = schemaForLocalName(local, sources);
        if (!schema || block.type === "ephemeral") {
          const key = `${block.type}:${local}`;
          if (!unchecked.has(key)) {
            unchecked.add(key);
            const known = [...providerSchemas().keys()].join(", ");
            out.push(diagnosticAt(file, block.position, "warning", "tf/unchecked-provider", `No offline schema for ${block.type === "ephemeral" ? "ephemeral resources" : `provider "${sources.get(local) ?? `hashicorp/${local}`}"`}: ${type} and the other ${block.type} blocks of it are not checked (iac-check has schemas for ${known}; see packages/iac-check/schema/pin.json).`, blockAddress(block)));
          }
          continue;
        }
        const table = block.type === "resource" ? schema.resources : schema.dataSources;
        const typeSchema = table[type];
        if (!typeSchema) {
          const other = block.type === "resource" ? schema.dataSources[type] : schema.resources[type];
          const hint = other
            ? ` ${type} exists as a ${block.type === "resource" ? "data source: write data" : "resource: write resource"} "${type}" "${block.labels[1]}".`
            : didYouMean(type, Object.keys(table));
          out.push(diagnosticAt(file, block.position, "error", block.type === "resource" ? "tf/unknown-resource-type" : "tf/unknown-data-source", `Unknown ${block.type === "resource" ? "resource type" : "data source"} "${type}" in ${schema.header.providerSource} ${schema.header.providerVersion}.${hint}`, blockAddress(block)));
          continue;
        }
        checkBody(block, typeSchema, { address: blockAddress(block), meta: block.type === "resource" ? "resource" : "data", dynamic: true }, out);
      } else if (block.type === "provider") {
        const schema = schemaForLocalName(block.labels[0]!, sources);
        if (schema) checkBody(block, { ...schema.provider, a: { ...schema.provider.a, alias: { t: "string" } } }, { address: `provider.${block.labels[0]}`, meta: "none", dynamic: true }, out);
      } else {
        checkBody(block, lang, { address: blockAddress(block), meta: "none", dynamic: false }, out);
      }
    }
  }
  return out;
}

function exampleHeader(type: string): string {
  if (type === "resource" || type === "data") return `${type} "TYPE" "NAME" { ... }`;
  const labels = LANGUAGE_BLOCKS[type]?.labels ?? 0;
  return `${type}${' "NAME"'.repeat(labels)} { ... }`;
}

function checkBody(block: TfBlock, schema: AnySchema, ctx: Context, out: Diagnostic[]): void {
  const file = block.file;
  const where = ctx.address;
  const nestedNames = Object.keys(schema.b ?? {});
  const argumentNames = Object.keys(schema.a);
  const metaArgs = ctx.meta === "none" ? [] : [...RESOURCE_META_ARGUMENTS];
  const metaBlocks = ctx.meta === "resource" ? RESOURCE_META_BLOCKS : ctx.meta === "data" ? { lifecycle: RESOURCE_META_BLOCKS.lifecycle! } : {};
  const present = new Set<string>();

  for (const attr of block.attributes) {
    present.add(attr.name);
    if (metaArgs.includes(attr.name)) continue;
    if (attr.name in schema.a) {
      const problem = literalTypeProblem(attr.value, schema.a[attr.name]!.t);
      if (problem) out.push(diagnosticAt(file, attr.position, "error", "tf/argument-type", `"${attr.name}" in ${where} ${problem}.`, where));
      continue;
    }
    const nested = schema.b?.[attr.name] ?? (metaBlocks as Record<string, AnySchema>)[attr.name];
    if (nested) {
      // Only .tf.json values carry asBlocks (an override file's may be merged into a .tf block).
      const fromJson = file.isJson || attr.asBlocks !== undefined;
      // The bindings mark the Plugin Framework's single nested *attributes* (`x = { ... }`) the
      // same way as single nested blocks (type "struct"), so for those both spellings pass.
      if ((nested as NestedBlockSchema).n === "struct" && schema.b?.[attr.name] && !fromJson) continue;
      if (fromJson && attr.asBlocks) {
        for (const b of attr.asBlocks) checkBody(b, nested, { ...ctx, address: `${where}.${attr.name}`, meta: "none" }, out);
        continue;
      }
      out.push(diagnosticAt(file, attr.position, "error", "tf/block-as-argument", `"${attr.name}" is a nested block in ${where}, not an argument: write \`${attr.name} { ... }\` without "=".`, where));
      continue;
    }
    if (schema.x?.includes(attr.name)) {
      // Terraform accepts a computed-only attribute set to null, which an expression may yield.
      if (attr.value === null) continue;
      const literal = !(typeof attr.value === "string" && attr.value.includes("${"));
      out.push(diagnosticAt(file, attr.position, literal ? "error" : "warning", "tf/computed-argument", `"${attr.name}" is computed by the provider for ${where} and cannot be set${literal ? "" : " to anything but null"}: remove it (read it as ${where}.${attr.name} elsewhere).`, where));
      continue;
    }
    if (schema.open) continue;
    out.push(diagnosticAt(file, attr.position, "error", "tf/unknown-argument", `Unsupported argument "${attr.name}" in ${where}.${didYouMean(attr.name, [...argumentNames, ...metaArgs])}${closest(attr.name, argumentNames) ? "" : ` It accepts: ${argumentNames.slice(0, 12).join(", ")}${argumentNames.length > 12 ? ", ..." : ""}.`}`, where));
  }

  for (const child of block.blocks) {
    if (child.type === "dynamic" && ctx.dynamic) {
      checkDynamic(child, schema, ctx, out);
      present.add(child.labels[0] ?? "");
      continue;
    }
    present.add(child.type);
    const nested = schema.b?.[child.type] ?? (metaBlocks as Record<string, AnySchema & { labels?: number }>)[child.type];
    if (nested) {
      const isMeta = !schema.b?.[child.type];
      checkBody(child, nested, { address: `${where}.${child.type}`, meta: "none", dynamic: ctx.dynamic && !isMeta }, out);
      continue;
    }
    if (child.type in schema.a) {
      out.push(diagnosticAt(file, child.position, "error", "tf/argument-as-block", `"${child.type}" is an argument of ${where}, not a block: write \`${child.type} = { ... }\`${schema.a[child.type]!.t.endsWith("List") ? " (a list: `= [{ ... }]`)" : ""}.`, where));
      continue;
    }
    if (schema.open) continue;
    out.push(diagnosticAt(file, child.position, "error", "tf/unknown-block", `Unsupported block type "${child.type}" in ${where}.${didYouMean(child.type, [...nestedNames, ...Object.keys(metaBlocks)])}${nestedNames.length ? "" : " It has no nested blocks."}`, where));
  }

  for (const [name, a] of Object.entries(schema.a)) {
    if (a.r && !present.has(name)) {
      out.push(diagnosticAt(file, block.position, "error", "tf/missing-argument", `Missing required argument "${name}" in ${where}: add \`${name} = ...\`.`, where));
    }
  }
  for (const [name, b] of Object.entries(schema.b ?? {})) {
    if (b.r && !present.has(name)) {
      out.push(diagnosticAt(file, block.position, "error", "tf/missing-block", `Missing required block "${name}" in ${where}: add \`${name} { ... }\`.`, where));
    }
  }
}

function checkDynamic(dyn: TfBlock, schema: AnySchema, ctx: Context, out: Diagnostic[]): void {
  const name = dyn.labels[0];
  const where = `${ctx.address}.dynamic`;
  if (dyn.labels.length !== 1 || !name) {
    out.push(diagnosticAt(dyn.file, dyn.position, "error", "tf/block-labels", `A dynamic block takes one label, the nested block type it generates: dynamic "NAME" { ... }.`, ctx.address));
    return;
  }
  const target = schema.b?.[name];
  if (!target) {
    const hint = name in schema.a ? ` "${name}" is an argument: dynamic blocks only generate nested blocks; use a for expression instead.` : didYouMean(name, Object.keys(schema.b ?? {}));
    out.push(diagnosticAt(dyn.file, dyn.position, "error", "tf/unknown-block", `dynamic "${name}" in ${ctx.address} generates an unsupported block type.${hint}`, ctx.address));
    return;
  }
  const dynamicSchema: AnySchema = {
    a: { for_each: { t: "any", r: 1 }, iterator: { t: "any" }, labels: { t: "any" } },
    b: { content: { ...target, n: "struct", r: 1 } },
  };
  const content = dyn.blocks.filter((b) => b.type === "content");
  for (const attr of dyn.attributes) {
    if (!(attr.name in dynamicSchema.a)) out.push(diagnosticAt(dyn.file, attr.position, "error", "tf/unknown-argument", `Unsupported argument "${attr.name}" in dynamic "${name}": it takes for_each, iterator, labels and a content block.`, where));
  }
  if (content.length !== 1) {
    out.push(diagnosticAt(dyn.file, dyn.position, "error", "tf/missing-block", `dynamic "${name}" in ${ctx.address} needs exactly one content { ... } block, found ${content.length}.`, where));
  }
  if (!dyn.attributes.some((a) => a.name === "for_each")) {
    out.push(diagnosticAt(dyn.file, dyn.position, "error", "tf/missing-argument", `Missing required argument "for_each" in dynamic "${name}": add \`for_each = ...\`.`, where));
  }
  for (const c of content) checkBody(c, target, { address: `${ctx.address}.${name}`, meta: "none", dynamic: true }, out);
}

const isExpression = (v: unknown): boolean => typeof v === "string" && v.includes("${");

/**
 * What is wrong with a literal value for an argument type, after the conversions Terraform
 * applies ("true" is a bool, "5" a number, numbers and bools are strings). Expressions are not
 * judged: only terraform validate can evaluate them.
 */
export function literalTypeProblem(value: unknown, type: string): string | undefined {
  if (value === null || value === undefined || isExpression(value)) return undefined;
  const shape = Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : typeof value === "string" ? `the string "${value.length > 30 ? value.slice(0, 30) + "..." : value}"` : `${typeof value === "number" ? "the number" : "the bool"} ${String(value)}`;
  if (type === "boolean") {
    if (typeof value === "boolean" || value === "true" || value === "false") return undefined;
    return `must be true or false, not ${shape}`;
  }
  if (type === "number") {
    if (typeof value === "number" || (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))) return undefined;
    return `must be a number, not ${shape}`;
  }
  if (type === "string") {
    if (typeof value !== "object") return undefined;
    return `must be a string, not ${shape} (for a JSON document use jsonencode(...))`;
  }
  if (/(List|Set)$/.test(type) && !/^[A-Z]/.test(type)) {
    return Array.isArray(value) ? undefined : `must be a list, not ${shape}: write [ ... ]`;
  }
  if (/Map$/.test(type) && !/^[A-Z]/.test(type)) {
    return typeof value === "object" && !Array.isArray(value) ? undefined : `must be a map, not ${shape}: write { key = value }`;
  }
  return undefined;
}
