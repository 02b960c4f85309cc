// Reads one language's version of a pattern into an inventory: which components it has (through
// the mapping table) and the values of their security settings. CloudFormation comes as a parsed
// template (synthesized by CDK, or hand-written YAML); Terraform as the text of its .tf files.
import { parse as hclToJson } from "@cdktn/hcl2json";
import { cloudFormationTags, toLongForm } from "@aws-patterns/cfn-yaml-tags";
import { parseDocument } from "yaml";
import { componentOf, TOOLING_TYPES } from "./mapping.js";
import type { Resolve } from "./settings.js";

export interface Inventory {
  /** component -> the resources (logical ids, Terraform addresses) that make it up */
  components: Map<string, string[]>;
  /** "component: setting" -> the distinct values its resources have */
  settings: Map<string, Set<string>>;
  /** Resources whose type is in no row of the mapping table (CDK's tooling types aside). */
  unmapped: { type: string; address: string }[];
}

type Obj = Record<string, unknown>;
const COMPUTED = "(computed)";

function emptyInventory(): Inventory {
  return { components: new Map(), settings: new Map(), unmapped: [] };
}

function record(inv: Inventory, language: "cloudformation" | "terraform", type: string, address: string, read: (reader: NonNullable<ReturnType<typeof componentOf>>) => void): void {
  const mapping = componentOf(language, type);
  if (!mapping) {
    // Custom resources are CDK's (or a template author's) own Lambda-backed helpers.
    if (!(type in TOOLING_TYPES) && !type.startsWith("Custom::")) inv.unmapped.push({ type, address });
    return;
  }
  inv.components.set(mapping.component, [...(inv.components.get(mapping.component) ?? []), address]);
  read(mapping);
}

function addValues(inv: Inventory, key: string, values: string[]): void {
  if (values.length === 0) return;
  const set = inv.settings.get(key) ?? new Set<string>();
  for (const v of values) set.add(v);
  inv.settings.set(key, set);
}

/** A CloudFormation template as text (YAML or JSON, short-form tags allowed). */
export function parseTemplate(text: string): Obj {
  const document = parseDocument(text, { customTags: cloudFormationTags });
  if (document.errors.length > 0) throw new Error(`template does not parse: ${document.errors[0]!.message}`);
  return toLongForm(document) as Obj;
}

export function cloudFormationInventory(template: Obj): Inventory {
  const inv = emptyInventory();
  const parameters = (template.Parameters ?? {}) as Record<string, Obj>;
  const resolve: Resolve = (v) => {
    if (v === null || typeof v !== "object") return String(v);
    const ref = (v as Obj).Ref;
    if (typeof ref === "string" && parameters[ref]?.Default !== undefined) return String(parameters[ref].Default);
    return COMPUTED;
  };
  for (const [id, resource] of Object.entries((template.Resources ?? {}) as Record<string, Obj>)) {
    const type = String(resource.Type);
    const properties = (resource.Properties ?? {}) as Obj;
    record(inv, "cloudformation", type, id, (mapping) => {
      for (const [name, reader] of Object.entries(mapping.settings ?? {})) addValues(inv, `${mapping.component}: ${name}`, reader.cloudformation(type, properties, resolve));
    });
    // A role's inline Policies are the same component as AWS::IAM::Policy / aws_iam_role_policy.
    if (type === "AWS::IAM::Role" && Array.isArray(properties.Policies) && properties.Policies.length > 0) record(inv, "cloudformation", "AWS::IAM::Policy", `${id}.Policies`, () => undefined);
  }
  return inv;
}

/** `for_each = toset([...])` or a literal list: the values `each.value` takes; [undefined] when unknown or absent. */
function eachValues(forEach: unknown): (string | undefined)[] {
  if (Array.isArray(forEach)) return forEach.map(String);
  const m = typeof forEach === "string" ? /^\$\{toset\((\[[\s\S]*\])\)\}$/.exec(forEach) : null;
  if (m) {
    try {
      return (JSON.parse(m[1]!) as unknown[]).map(String);
    } catch {
      return [undefined];
    }
  }
  return [undefined];
}

/** The .tf files of a module, by file name. */
export async function terraformInventory(files: Record<string, string>): Promise<Inventory> {
  const inv = emptyInventory();
  const parsed = await Promise.all(Object.entries(files).map(([name, text]) => hclToJson(name, text) as Promise<Obj>));
  const variables = new Map<string, unknown>();
  for (const json of parsed) {
    for (const [name, bodies] of Object.entries((json.variable ?? {}) as Record<string, Obj[]>)) variables.set(name, bodies[0]?.default);
  }
  for (const json of parsed) {
    for (const [type, byName] of Object.entries((json.resource ?? {}) as Record<string, Record<string, Obj[]>>)) {
      for (const [name, bodies] of Object.entries(byName)) {
        const body = bodies[0] ?? {};
        for (const each of eachValues(body.for_each)) {
          const resolve: Resolve = (v) => {
            if (typeof v !== "string") return v === null || typeof v === "object" ? COMPUTED : String(v);
            if (v === "${each.value}" && each !== undefined) return each;
            const variable = /^\$\{(!?)var\.([\w-]+)\}$/.exec(v);
            const fallback = variable ? variables.get(variable[2]!) : undefined;
            if (fallback !== undefined) return variable![1] ? String(!(fallback === true || fallback === "true")) : String(fallback);
            return v.includes("${") ? COMPUTED : v;
          };
          const address = each === undefined ? `${type}.${name}` : `${type}.${name}["${each}"]`;
          record(inv, "terraform", type, address, (mapping) => {
            for (const [setting, reader] of Object.entries(mapping.settings ?? {})) addValues(inv, `${mapping.component}: ${setting}`, reader.terraform(type, body, resolve));
          });
        }
      }
    }
  }
  return inv;
}
