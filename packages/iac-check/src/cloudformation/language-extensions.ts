// The AWS::LanguageExtensions transform, as far as the security rules need it: `Fn::ForEach`
// loops are expanded into the resources (and outputs, conditions) they stand for, so
// cloudformation-include and cdk-nag see what CloudFormation will deploy. The validation
// engine judges the template as written; this copy is only for the rules.
import { isObject } from "./acknowledgements.js";

export const LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions";
const FOR_EACH = /^Fn::ForEach::/;

export class ExpansionError extends Error {
  constructor(
    message: string,
    /** Where the loop is, as a template path (for the finding's line). */
    readonly path: (string | number)[],
  ) {
    super(message);
  }
}

export function declaresTransform(template: Record<string, unknown>, name: string): boolean {
  const transform = template.Transform;
  return transform === name || (Array.isArray(transform) && transform.includes(name));
}

/**
 * Expands every `Fn::ForEach::<Loop>` key of Resources, Outputs and Conditions (nested loops
 * too). Returns the expanded template and, for each produced logical id, the path of the loop
 * that produced it.
 */
export function expandForEach(template: Record<string, unknown>): { template: Record<string, unknown>; origins: Map<string, (string | number)[]> } {
  const origins = new Map<string, (string | number)[]>();
  const parameters = isObject(template.Parameters) ? template.Parameters : {};
  const expanded: Record<string, unknown> = { ...template };
  for (const section of ["Resources", "Outputs", "Conditions"]) {
    const entries = template[section];
    if (!isObject(entries)) continue;
    expanded[section] = expandSection(entries, [section], parameters, (id, path) => {
      if (section === "Resources") origins.set(id, path);
    });
  }
  return { template: expanded, origins };
}

function expandSection(entries: Record<string, unknown>, path: (string | number)[], parameters: Record<string, unknown>, produced: (id: string, loopPath: (string | number)[]) => void): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (!FOR_EACH.test(key)) {
      out[key] = value;
      continue;
    }
    const loopPath = [...path, key];
    if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== "string" || !isObject(value[2])) {
      throw new ExpansionError(`${key} must be a list of three: the identifier, the collection, and the fragment to repeat`, loopPath);
    }
    const [identifier, collection, fragment] = value as [string, unknown, Record<string, unknown>];
    for (const item of collectionValues(collection, parameters, key, loopPath)) {
      const copy = substitute(fragment, identifier, item) as Record<string, unknown>;
      const inner = expandSection(copy, loopPath, parameters, produced);
      for (const [id, body] of Object.entries(inner)) {
        if (id in out) throw new ExpansionError(`${key} produces ${id}, which already exists`, loopPath);
        out[id] = body;
        produced(id, loopPath);
      }
    }
  }
  return out;
}

function collectionValues(collection: unknown, parameters: Record<string, unknown>, loop: string, path: (string | number)[]): string[] {
  if (Array.isArray(collection) && collection.every((v) => typeof v === "string" || typeof v === "number")) return collection.map(String);
  // A list parameter: its Default is what a deployment without overrides loops over.
  if (isObject(collection) && typeof collection.Ref === "string") {
    const parameter = parameters[collection.Ref];
    const fallback = isObject(parameter) ? parameter.Default : undefined;
    if (typeof fallback === "string") return fallback.split(",").map((s) => s.trim());
    if (Array.isArray(fallback)) return fallback.map(String);
  }
  throw new ExpansionError(`${loop} loops over a collection that is only known at deploy time (a parameter without a Default, or an intrinsic function), so its resources could not be expanded for the security rules; give the parameter a Default or list the values`, path);
}

/** `${Id}` and `&{Id}` in keys and strings, and `{ Ref: Id }`, become the item. */
function substitute(node: unknown, identifier: string, item: string): unknown {
  const inText = (text: string): string => text.split(`\${${identifier}}`).join(item).split(`&{${identifier}}`).join(item.replace(/[^A-Za-z0-9]/g, ""));
  if (typeof node === "string") return inText(node);
  if (Array.isArray(node)) return node.map((child) => substitute(child, identifier, item));
  if (!isObject(node)) return node;
  if (Object.keys(node).length === 1 && node.Ref === identifier) return item;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [inText(key), substitute(value, identifier, item)]));
}
