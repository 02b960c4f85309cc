// What a pattern's diagram shows, in the parity table's words: the components drawn (node types
// through src/parity/mapping.ts), where each sits (outside any VPC, in the VPC, or in a subnet
// tier) and which components point at which. Two languages' versions of a pattern should draw
// the same picture; compareDiagrams lists where they do not.
import type { Diagram } from "@aws-patterns/iac-diagram";
import type { ParityException } from "./compare.js";
import { componentOf } from "./mapping.js";

export interface Picture {
  /** "component @ place", e.g. "ecs-service @ private subnets". */
  nodes: Set<string>;
  /** "component -> component" and "component -label-> component". */
  edges: Set<string>;
}

/** A node's component: its mapped component, or its type where the table has no row (then both languages must draw that type). */
const componentOfType = (type: string): string => componentOf("cloudformation", type)?.component ?? type;

export function pictureOf(diagram: Diagram): Picture {
  const groups = new Map(diagram.groups.map((g) => [g.id, g]));
  /** The nearest VPC or tier group above a node: service and stack groups do not place anything. */
  const placeOf = (groupId: string | undefined): string => {
    for (let g = groupId ? groups.get(groupId) : undefined; g; g = g.parent ? groups.get(g.parent) : undefined) {
      if (g.kind === "tier") return g.label.replace(/ ·.*$/, "");
      if (g.kind === "vpc") return "VPC";
    }
    return "outside any VPC";
  };
  const componentsOf = new Map(diagram.nodes.map((n) => [n.id, [...new Set(n.types.map(componentOfType))]]));
  const nodes = new Set(diagram.nodes.flatMap((n) => componentsOf.get(n.id)!.map((c) => `${c} @ ${placeOf(n.group)}`)));
  const edges = new Set<string>();
  for (const e of diagram.edges) {
    for (const a of componentsOf.get(e.from) ?? []) for (const b of componentsOf.get(e.to) ?? []) if (a !== b) edges.add(e.label ? `${a} -${e.label}-> ${b}` : `${a} -> ${b}`);
  }
  return { nodes, edges };
}

/** One line per node or edge that one language draws and another does not, unless an exception covers it. */
export function compareDiagrams(pattern: string, pictures: Record<string, Picture>, exceptions: ParityException[] = []): string[] {
  const problems: string[] = [];
  const languages = Object.keys(pictures);
  const excepted = (subject: string): boolean => exceptions.some((e) => e.pattern === pattern && e.subject === subject);
  for (const kind of ["nodes", "edges"] as const) {
    const all = [...new Set(languages.flatMap((l) => [...pictures[l]![kind]]))].sort();
    for (const item of all) {
      const lacking = languages.filter((l) => !pictures[l]![kind].has(item));
      if (lacking.length === 0 || excepted(item)) continue;
      const having = languages.filter((l) => !lacking.includes(l));
      problems.push(`${pattern} diagram: ${having.join(" and ")} ${having.length > 1 ? "draw" : "draws"} ${kind === "nodes" ? "" : "the edge "}${item}, ${lacking.join(" and ")} ${lacking.length > 1 ? "do" : "does"} not`);
    }
  }
  return problems;
}
