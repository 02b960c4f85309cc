// Reads a CloudFormation template (parsed by iac-check, or synthesized by CDK) into resources and
// their references: Ref, Fn::GetAtt, Fn::Sub (`${Name}` and `${Name.Attr}`) and DependsOn.
import type { Reference, ReferenceKind, SourceResource } from "./resources.js";

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** CDK's version-reporting resource is added by the CDK CLI only: it is not part of any design. */
const NOT_DRAWN = new Set(["AWS::CDK::Metadata"]);

export function resourcesOfTemplate(template: Obj): SourceResource[] {
  const all = isObject(template.Resources) ? template.Resources : {};
  const resources = Object.fromEntries(Object.entries(all).filter(([, r]) => !(isObject(r) && NOT_DRAWN.has(String(r.Type)))));
  const ids = new Set(Object.keys(resources));
  // CDK names resources Path + 8 hex digits of a hash; the label drops the hash (the id keeps it).
  const cdk = isObject(template.Rules) && "CheckBootstrapVersion" in template.Rules || Object.values(resources).some((r) => isObject(r) && isObject(r.Metadata) && "aws:cdk:path" in r.Metadata);
  return Object.keys(resources)
    .sort()
    .map((id) => {
      const resource = resources[id];
      const body = isObject(resource) ? resource : {};
      const type = typeof body.Type === "string" ? body.Type : "(no Type)";
      const references: Reference[] = [];
      const add = (target: string, kind: ReferenceKind, property: string): void => {
        if (ids.has(target) && target !== id) references.push({ target, kind, property });
      };
      const properties = isObject(body.Properties) ? body.Properties : {};
      for (const [property, value] of Object.entries(properties)) collect(value, property, add);
      const dependsOn = typeof body.DependsOn === "string" ? [body.DependsOn] : Array.isArray(body.DependsOn) ? body.DependsOn : [];
      for (const target of dependsOn) if (typeof target === "string") add(target, "DependsOn", "DependsOn");
      const name = cdk ? id.replace(/(?<=[A-Za-z0-9])[0-9A-F]{8}$/, "") : id;
      return { id, type, sourceType: type, name, references: dedupe(references) };
    });
}

function collect(value: unknown, property: string, add: (target: string, kind: ReferenceKind, property: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, property, add);
    return;
  }
  if (!isObject(value)) return;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys;
    const arg = value[key!];
    if (key === "Ref" && typeof arg === "string") return add(arg, "Ref", property);
    if (key === "Fn::GetAtt") {
      const target = Array.isArray(arg) ? arg[0] : typeof arg === "string" ? arg.split(".")[0] : undefined;
      if (typeof target === "string") add(target, "GetAtt", property);
      return;
    }
    if (key === "Fn::Sub") {
      const [text, variables] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
      const local = new Set(isObject(variables) ? Object.keys(variables) : []);
      if (typeof text === "string") for (const name of subNames(text)) if (!local.has(name)) add(name, "Sub", property);
      if (isObject(variables)) collect(variables, property, add);
      return;
    }
  }
  for (const inner of Object.values(value)) collect(inner, property, add);
}

/** The resource names `${Name}` / `${Name.Attr}` of a Fn::Sub string (`${!Literal}` is text). */
function subNames(text: string): string[] {
  return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map((m) => m[1]!.trim().split(".")[0]!);
}

export function dedupe(references: Reference[]): Reference[] {
  const seen = new Set<string>();
  return references.filter((r) => {
    const key = `${r.target}\u0000${r.kind}\u0000${r.property}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
