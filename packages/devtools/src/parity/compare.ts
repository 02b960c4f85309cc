// Compares the inventories of one pattern across languages: a component one language has and
// another lacks, a security setting whose values differ, or a resource type the mapping table
// does not know. Each problem is one line naming the pattern, the languages and the values.
import { COMPONENTS } from "./mapping.js";
import type { Inventory } from "./inventory.js";

/** A difference the test accepts because it is in the nature of one language, with the reason. */
export interface ParityException {
  pattern: string;
  /** The component ("sns-topic"), setting ("log-group: log retention") or unmapped resource type ("aws_default_security_group") it covers. */
  subject: string;
  reason: string;
}

const typesOf = (component: string): string => {
  const m = COMPONENTS.find((c) => c.component === component);
  return m ? `${m.cloudformation.join(", ")} / ${m.terraform.join(", ")}` : component;
};

const show = (values: Set<string> | undefined): string => (values && values.size > 0 ? [...values].sort().join("; ") : "(not set)");

export function compareInventories(pattern: string, versions: Record<string, Inventory>, exceptions: ParityException[] = []): string[] {
  const problems: string[] = [];
  const languages = Object.keys(versions);
  const excepted = (subject: string): boolean => exceptions.some((e) => e.pattern === pattern && e.subject === subject);
  for (const [language, inv] of Object.entries(versions)) {
    for (const { type, address } of inv.unmapped.filter((u) => !excepted(u.type))) problems.push(`${pattern}/${language}: ${type} (${address}) is in no row of the mapping table (src/parity/mapping.ts): map it to its equivalent, or list it in the test's exceptions with a reason`);
  }
  const components = [...new Set(Object.values(versions).flatMap((inv) => [...inv.components.keys()]))].sort();
  for (const component of components) {
    const lacking = languages.filter((l) => !versions[l]!.components.has(component));
    if (lacking.length === 0 || excepted(component)) continue;
    const having = languages.filter((l) => !lacking.includes(l));
    problems.push(`${pattern}: ${lacking.join(" and ")} ${lacking.length > 1 ? "lack" : "lacks"} ${component} (${typesOf(component)}), which ${having.join(" and ")} ${having.length > 1 ? "have" : "has"}`);
  }
  const settings = [...new Set(Object.values(versions).flatMap((inv) => [...inv.settings.keys()]))].sort();
  for (const setting of settings) {
    const component = setting.split(":")[0]!;
    // A missing component is reported once, above; its settings would only repeat it.
    if (languages.some((l) => !versions[l]!.components.has(component)) || excepted(setting)) continue;
    const shown = languages.map((l) => show(versions[l]!.settings.get(setting)));
    if (new Set(shown).size > 1) problems.push(`${pattern}: ${setting} differs: ${languages.map((l, i) => `${l} ${shown[i]}`).join(" | ")}`);
  }
  return problems;
}
