// Prints a diagram as a Mermaid flowchart, which GitHub and GitLab render and an agent reads as
// text. Groups become nested subgraphs; a plain arrow is a reference, a labelled one IAM access
// (dotted) or a connector (a WAF association, an event target, a security group rule).
import type { Diagram, DiagramGroup, DiagramNode } from "./diagram.js";

export function renderMermaid(diagram: Diagram): string {
  const lines = ["flowchart LR"];
  const childGroups = new Map<string | undefined, DiagramGroup[]>();
  for (const g of diagram.groups) childGroups.set(g.parent, [...(childGroups.get(g.parent) ?? []), g]);
  const childNodes = new Map<string | undefined, DiagramNode[]>();
  for (const n of diagram.nodes) childNodes.set(n.group, [...(childNodes.get(n.group) ?? []), n]);

  const emit = (parent: string | undefined, depth: number): void => {
    const pad = "  ".repeat(depth);
    for (const node of childNodes.get(parent) ?? []) lines.push(`${pad}${node.id}["${nodeLabel(node)}"]`);
    for (const group of childGroups.get(parent) ?? []) {
      lines.push(`${pad}subgraph ${group.id}["${escape(group.label)}"]`);
      emit(group.id, depth + 1);
      lines.push(`${pad}end`);
    }
  };
  emit(undefined, 1);
  for (const e of diagram.edges) {
    if (!e.label) lines.push(`  ${e.from} --> ${e.to}`);
    else if (e.label === "IAM") lines.push(`  ${e.from} -. IAM .-> ${e.to}`);
    else lines.push(`  ${e.from} -- ${escape(e.label)} --> ${e.to}`);
  }
  return lines.join("\n") + "\n";
}

function nodeLabel(node: DiagramNode): string {
  const parts = [escape(node.name), escape(node.kind)];
  if (node.badges.length > 0) parts.push(`<i>+ ${escape(node.badges.join(", "))}</i>`);
  return parts.join("<br/>");
}

/** Mermaid reads `"` as the end of a label and `#...;` as an entity. */
function escape(text: string): string {
  return text.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
