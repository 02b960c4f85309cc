// Override files (`override.tf`, `*_override.tf`, and their `.tf.json` forms) are not more
// declarations: Terraform loads them last, in name order, and merges each of their blocks into
// the block of the same type and name declared in the other files
// (developer.hashicorp.com/terraform/language/files/override). The checks then see one merged
// block, so nothing is a duplicate and a required argument may come from either file. The merge:
//
// - an argument replaces the argument of the same name;
// - a nested block replaces every nested block of its type (and `dynamic` blocks generating it),
//   except `lifecycle`, which is merged argument by argument;
// - `locals`: each local value replaces the one of the same name;
// - `terraform`: `required_providers` entries merge one by one, other settings replace;
// - a block with nothing to override is an error, as in Terraform.
//
// Merged-in arguments and blocks keep their own file and line (Position.file).

import { basename } from "node:path";
import type { Diagnostic } from "../language.js";
import { diagnosticAt } from "./diagnostics.js";
import { blockAddress, type Position, type TfAttribute, type TfBlock, type TfFile, type TfModule } from "./model.js";

export const isOverrideFile = (path: string): boolean => /(^|_)override\.tf(\.json)?$/.test(basename(path));

export function mergeOverrides(module: TfModule): Diagnostic[] {
  const out: Diagnostic[] = [];
  const base = module.files.filter((f) => !isOverrideFile(f.path));
  const overrides = module.files.filter((f) => isOverrideFile(f.path)).sort((a, b) => basename(a.path).localeCompare(basename(b.path)));
  const baseBlocks = base.flatMap((f) => f.blocks);
  for (const file of overrides) {
    const kept: TfBlock[] = [];
    file.merged = [];
    for (const block of file.blocks) {
      stampFile(block, file);
      if (block.type === "locals") {
        mergeLocals(block, baseBlocks, out);
        continue;
      }
      const target = baseBlocks.find((b) => sameBlock(b, block));
      if (!target) {
        if (block.type === "terraform") kept.push(block); // settings with nothing to merge into stand alone
        else out.push(diagnosticAt(file, block.position, "error", "tf/override-without-base", `${describe(block)} in an override file has no ${describe(block)} in the module's other files to merge into: override files only change blocks declared elsewhere. Declare it in a regular file or fix its name.`, blockAddress(block)));
        continue;
      }
      if (block.type === "terraform") mergeTerraform(target, block);
      else mergeBody(target, block, block.type === "resource" || block.type === "data");
      file.merged.push({ block, into: target });
    }
    file.blocks = kept;
  }
  return out;
}

function describe(block: TfBlock): string {
  return `${block.type}${block.labels.map((l) => ` "${l}"`).join("")}`;
}

function sameBlock(a: TfBlock, b: TfBlock): boolean {
  if (a.type !== b.type || a.labels.join("\u0000") !== b.labels.join("\u0000")) return false;
  if (a.type !== "provider") return true;
  const alias = (x: TfBlock): unknown => x.attributes.find((y) => y.name === "alias")?.value;
  return alias(a) === alias(b);
}

function mergeAttributes(target: TfBlock, attributes: TfAttribute[]): void {
  for (const attr of attributes) {
    const i = target.attributes.findIndex((a) => a.name === attr.name);
    if (i >= 0) target.attributes[i] = attr;
    else target.attributes.push(attr);
  }
}

function mergeBody(target: TfBlock, override: TfBlock, isResource: boolean): void {
  // A .tf.json override writes nested blocks as object values: where the base has blocks of that
  // name, they are blocks.
  const generates = (b: TfBlock): string => (b.type === "dynamic" ? b.labels[0] ?? "" : b.type);
  const asBlocks = override.attributes.filter((a) => a.asBlocks && target.blocks.some((b) => generates(b) === a.name));
  const blocks = [...override.blocks, ...asBlocks.flatMap((a) => a.asBlocks!)];
  mergeAttributes(target, override.attributes.filter((a) => !asBlocks.includes(a)));
  for (const type of new Set(blocks.map(generates))) {
    const incoming = blocks.filter((b) => generates(b) === type);
    const existing = target.blocks.filter((b) => generates(b) === type);
    if (isResource && type === "lifecycle" && existing.length === 1 && incoming.length === 1) {
      mergeAttributes(existing[0]!, incoming[0]!.attributes);
      existing[0]!.blocks.push(...incoming[0]!.blocks);
      continue;
    }
    target.blocks = [...target.blocks.filter((b) => !existing.includes(b)), ...incoming];
  }
}

function mergeTerraform(target: TfBlock, override: TfBlock): void {
  mergeAttributes(target, override.attributes);
  for (const block of override.blocks) {
    const existing = target.blocks.find((b) => b.type === block.type && b.labels.join() === block.labels.join());
    if (block.type === "required_providers" && existing) mergeAttributes(existing, block.attributes);
    else target.blocks = [...target.blocks.filter((b) => b.type !== block.type), block];
  }
}

function mergeLocals(override: TfBlock, baseBlocks: TfBlock[], out: Diagnostic[]): void {
  for (const attr of override.attributes) {
    const owner = baseBlocks.find((b) => b.type === "locals" && b.attributes.some((a) => a.name === attr.name));
    if (!owner) {
      out.push(diagnosticAt(override.file, attr.position, "error", "tf/override-without-base", `local.${attr.name} in an override file is not declared in the module's other files: override files only change values declared elsewhere. Declare it in a regular file.`, `local.${attr.name}`));
      continue;
    }
    mergeAttributes(owner, [attr]);
  }
}

/** Marks every position in an override block with its file, so findings there point at it. */
function stampFile(block: TfBlock, file: TfFile): void {
  const stamp = (p: Position): void => {
    p.file = file.path;
  };
  stamp(block.position);
  for (const a of block.attributes) {
    stamp(a.position);
    a.traversals.forEach((t) => stamp(t.position));
    a.asBlocks?.forEach((b) => stampFile(b, file));
  }
  block.blocks.forEach((b) => stampFile(b, file));
}
