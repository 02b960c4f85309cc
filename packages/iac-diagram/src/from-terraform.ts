// Reads a Terraform module (loaded by iac-check: the real HCL parser plus positions and
// references) into resources and their references. A reference through a local value counts as
// a reference to what the local reads; `module.x` calls are resources of their own.
import type { TfAttribute, TfBlock, TfModule, Traversal } from "@aws-patterns/iac-check/terraform-loader";
import { dedupe } from "./from-template.js";
import type { Reference, SourceResource } from "./resources.js";
import { cloudFormationTypeOf } from "./types.js";

export function resourcesOfModule(module: TfModule): SourceResource[] {
  const blocks = module.files.flatMap((f) => f.blocks);
  const declared = new Map<string, TfBlock>();
  const locals = new Map<string, TfAttribute>();
  for (const block of blocks) {
    const [a, b] = block.labels;
    if (block.type === "resource" && a && b) declared.set(`${a}.${b}`, block);
    else if (block.type === "data" && a && b) declared.set(`data.${a}.${b}`, block);
    else if (block.type === "module" && a) declared.set(`module.${a}`, block);
    else if (block.type === "locals") for (const attr of block.attributes) locals.set(attr.name, attr);
  }

  /** The declared things a traversal reads, following local values (cycles are iac-check's to report). */
  const targetsOf = (t: Traversal, seen: Set<string>): string[] => {
    const [root, first, second] = t.parts;
    if (!root || !first) return [];
    if (root === "local") {
      const local = locals.get(first);
      if (!local || seen.has(first)) return [];
      seen.add(first);
      return local.traversals.flatMap((inner) => targetsOf(inner, seen));
    }
    const address = root === "data" ? `data.${first}.${second ?? ""}` : root === "module" ? `module.${first}` : `${root}.${first}`;
    return declared.has(address) ? [address] : [];
  };

  const resources: SourceResource[] = [];
  for (const [id, block] of [...declared].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const references: Reference[] = [];
    const visit = (b: TfBlock, property: string | undefined): void => {
      for (const attr of b.attributes) {
        const where = property ?? attr.name;
        const kind = attr.name === "depends_on" && !property ? "depends_on" : "hcl";
        for (const t of attr.traversals) for (const target of targetsOf(t, new Set())) if (target !== id) references.push({ target, kind, property: where });
      }
      for (const child of b.blocks) visit(child, property ?? (child.type === "dynamic" ? (child.labels[0] ?? child.type) : child.type));
    };
    visit(block, undefined);
    const [type = "", name = ""] = block.labels;
    const isModule = block.type === "module";
    const repeated = block.attributes.some((a) => a.name === "count" || a.name === "for_each");
    let cfnType = isModule ? "TF::Module::Call" : cloudFormationTypeOf(type);
    // One Terraform type holds both directions of a security group rule.
    if (type === "aws_security_group_rule" && valueOf(block, "type") === "egress") cfnType = "AWS::EC2::SecurityGroupEgress";
    resources.push({
      id,
      type: cfnType,
      sourceType: isModule ? "module" : type,
      name: isModule ? type : name,
      references: dedupe(references),
      ...(block.type === "data" ? { dataSource: true } : {}),
      ...(repeated ? { repeated: true } : {}),
    });
  }
  return resources;
}

function valueOf(block: TfBlock, name: string): unknown {
  return block.attributes.find((a) => a.name === name)?.value;
}
