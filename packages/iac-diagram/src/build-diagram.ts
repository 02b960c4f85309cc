// Turns resource sets into the drawn graph: glue folded (or drawn with showGlue), references
// between drawn resources as edges, IAM access and connectors as labelled edges, nodes placed in
// their VPC and subnet tier, and, past a size or on request, folded to one node per service.
import type { Diagram, DiagramEdge, DiagramGroup, DiagramNode } from "./diagram.js";
import { layoutNetwork, type Tier } from "./network.js";
import type { ResourceSet, SourceResource } from "./resources.js";
import { CONNECTORS, glueClassOf, kindLabel, serviceLabel, serviceOf, type GlueClass } from "./types.js";

export type FoldMode = "services" | "none" | "auto";

export interface DiagramOptions {
  fold: FoldMode;
  showGlue: boolean;
}

/** Above this many drawn resources, `auto` folds to services: a bigger flowchart stops being read. */
export const AUTO_FOLD_LIMIT = 40;

const TIER_LABEL: Record<Tier, string> = { public: "public subnets", private: "private subnets", isolated: "isolated subnets" };
const TIER_ORDER: Tier[] = ["public", "private", "isolated"];
const ACTION_PROPERTY = /^(AlarmActions|OKActions|InsufficientDataActions|alarm_actions|ok_actions|insufficient_data_actions)$/;
/** Each class of glue and how it appears instead of as nodes, for the note under the diagram. */
const GLUE_NAMES: Record<GlueClass, [string, string]> = {
  iam: ["IAM", " (as IAM edges)"],
  logs: ["log groups", " (as badges)"],
  alarms: ["alarms", " (as badges)"],
  network: ["network plumbing", " (as subgraphs and edges)"],
  settings: ["settings", ""],
  tooling: ["deployment tooling", ""],
  data: ["data sources", ""],
};

export function buildDiagram(source: string, sets: ResourceSet[], options: DiagramOptions): Diagram {
  const groups: DiagramGroup[] = [];
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const folded = new Map<GlueClass, number>();
  const multi = sets.length > 1;
  const ids = new IdMaker();
  for (const set of sets) {
    const prefix = multi ? `${set.name}/` : "";
    const setGroup = multi ? ids.group(set.name) : undefined;
    if (setGroup) groups.push({ id: setGroup, label: set.name, kind: "set" });
    drawSet(set.resources, prefix, setGroup, options, ids, { groups, nodes, edges, folded });
  }
  let diagram: Diagram = { source, groups, nodes, edges: sortEdges(dedupeEdges(edges)), notes: [] };
  const foldToServices = options.fold === "services" || (options.fold === "auto" && nodes.length > AUTO_FOLD_LIMIT);
  if (foldToServices) diagram = foldServices(diagram, options.fold === "auto");
  else diagram = addServiceGroups(diagram, ids);
  const glue = [...folded].filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
  if (glue.length > 0) diagram.notes.push(`Folded (\`--show-glue\` draws them): ${glue.map(([c, n]) => `${GLUE_NAMES[c][0]} ×${n}${GLUE_NAMES[c][1]}`).join(", ")}.`);
  return diagram;
}

interface Sink {
  groups: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  folded: Map<GlueClass, number>;
}

function drawSet(resources: SourceResource[], prefix: string, setGroup: string | undefined, options: DiagramOptions, ids: IdMaker, sink: Sink): void {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const incoming = new Map<string, { from: SourceResource; property: string }[]>();
  for (const r of resources) for (const x of r.references) incoming.set(x.target, [...(incoming.get(x.target) ?? []), { from: r, property: x.property }]);

  const glue = new Map<string, GlueClass>();
  for (const r of resources) {
    const cls = glueClassOf(r.type, r.dataSource === true);
    if (cls) glue.set(r.id, cls);
  }
  // A function only custom resources call (their ServiceToken) is deployment tooling, not the app.
  for (const r of resources) {
    const callers = incoming.get(r.id) ?? [];
    if (r.type === "AWS::Lambda::Function" && callers.length > 0 && callers.every((c) => glue.get(c.from.id) === "tooling" || glue.get(c.from.id) === "iam")) {
      if (callers.some((c) => glue.get(c.from.id) === "tooling")) glue.set(r.id, "tooling");
    }
  }
  const isConnector = (r: SourceResource): boolean => r.type in CONNECTORS;
  const network = layoutNetwork(resources);
  const hidden = (r: SourceResource): boolean => {
    // VPCs and subnets are the subgraphs; connectors are edges.
    if (r.type === "AWS::EC2::VPC" || r.type === "AWS::EC2::Subnet") return true;
    if (isConnector(r) && !options.showGlue) return true;
    return glue.has(r.id) && !options.showGlue;
  };
  for (const r of resources) {
    // Connectors are not counted: they are drawn, as edges.
    const cls = glue.get(r.id);
    if (cls && hidden(r) && !isConnector(r)) sink.folded.set(cls, (sink.folded.get(cls) ?? 0) + 1);
  }

  // Groups: a VPC, then its tiers.
  const groupOf = new Map<string, string>();
  for (const vpc of network.vpcs) {
    const vpcGroup = ids.group(`${prefix}${shortId(byId.get(vpc)!)}`);
    sink.groups.push({ id: vpcGroup, label: `VPC ${byId.get(vpc)!.name}`, kind: "vpc", ...(setGroup ? { parent: setGroup } : {}) });
    groupOf.set(vpc, vpcGroup);
    for (const tier of TIER_ORDER) {
      const subnets = network.tiers.get(vpc)?.get(tier);
      if (!subnets) continue;
      const tierGroup = ids.group(`${vpcGroup}_${tier}`);
      const azs = subnets.some((s) => s.repeated) ? "one per AZ" : `${subnets.length} ${subnets.length === 1 ? "subnet" : "subnets"}`;
      sink.groups.push({ id: tierGroup, label: `${TIER_LABEL[tier]} · ${azs}`, kind: "tier", parent: vpcGroup });
      groupOf.set(`${vpc}\u0000${tier}`, tierGroup);
    }
  }
  const placeGroup = (id: string): string | undefined => {
    const p = network.placementOf(id);
    if (p.vpc && p.tier) return groupOf.get(`${p.vpc}\u0000${p.tier}`) ?? groupOf.get(p.vpc);
    if (p.vpc) return groupOf.get(p.vpc);
    return setGroup;
  };

  const drawn = resources.filter((r) => !hidden(r));
  const nodeId = new Map<string, string>();
  for (const r of drawn) nodeId.set(r.id, ids.node(`${prefix}${shortId(r)}`));
  const badges = new Map<string, Map<string, number>>();
  const badge = (id: string, what: "logs" | "alarm"): void => {
    const b = badges.get(id) ?? new Map<string, number>();
    b.set(what, (b.get(what) ?? 0) + 1);
    badges.set(id, b);
  };
  const edge = (from: string, to: string, label?: string): void => {
    const a = nodeId.get(from);
    const b = nodeId.get(to);
    if (a && b && a !== b) sink.edges.push({ from: a, to: b, ...(label ? { label } : {}) });
  };

  for (const r of resources) {
    if (!hidden(r)) {
      for (const x of r.references) edge(r.id, x.target);
      continue;
    }
    const cls = glue.get(r.id);
    if (cls === "logs") {
      for (const c of incoming.get(r.id) ?? []) if (nodeId.has(c.from.id)) badge(c.from.id, "logs");
      for (const x of r.references) if (nodeId.has(x.target) && byId.get(x.target)!.type !== "AWS::KMS::Key") badge(x.target, "logs");
    } else if (cls === "alarms") {
      for (const x of r.references) if (nodeId.has(x.target) && !ACTION_PROPERTY.test(x.property)) badge(x.target, "alarm");
    }
  }
  if (!options.showGlue) {
    iamEdges(resources, byId, incoming, glue, edge);
    connectorEdges(resources, byId, incoming, nodeId, edge);
  }

  for (const r of drawn) {
    const b = badges.get(r.id);
    sink.nodes.push({
      id: nodeId.get(r.id)!,
      name: r.name,
      kind: kindLabel(r.type) + (r.repeated ? " (×n)" : ""),
      service: serviceOf(r.type),
      types: [r.type],
      resources: [`${prefix}${r.id}`],
      badges: b ? [...b].sort(([x], [y]) => x.localeCompare(y)).map(([what, n]) => (what === "logs" ? "logs" : `${n} ${n === 1 ? "alarm" : "alarms"}`)) : [],
      ...(placeGroup(r.id) ? { group: placeGroup(r.id) } : {}),
    });
  }
}

/** A resource that assumes a role reaches what the role's policies name: one `IAM` edge for each. */
function iamEdges(
  resources: SourceResource[],
  byId: Map<string, SourceResource>,
  incoming: Map<string, { from: SourceResource; property: string }[]>,
  glue: Map<string, GlueClass>,
  edge: (from: string, to: string, label?: string) => void,
): void {
  const isRole = (id: string): boolean => byId.get(id)?.type === "AWS::IAM::Role";
  for (const role of resources.filter((r) => r.type === "AWS::IAM::Role")) {
    const principals = (incoming.get(role.id) ?? []).map((c) => c.from).filter((r) => !glue.has(r.id) || glue.get(r.id) !== "iam");
    const grants = new Set<string>();
    // Out from the role's inline policies, and from every IAM resource that names the role.
    const reach = (from: SourceResource, seen: Set<string>): void => {
      for (const x of from.references) {
        if (seen.has(x.target) || isRole(x.target)) continue;
        seen.add(x.target);
        if (glue.get(x.target) === "iam") reach(byId.get(x.target)!, seen);
        else grants.add(x.target);
      }
    };
    reach(role, new Set([role.id]));
    for (const c of incoming.get(role.id) ?? []) if (glue.get(c.from.id) === "iam") reach(c.from, new Set([role.id, c.from.id]));
    for (const p of principals) for (const g of [...grants].sort()) if (g !== p.id) edge(p.id, g, "IAM");
  }
}

/** Connectors (a WAF association, an event target, a security group rule...) become the edge they stand for. */
function connectorEdges(
  resources: SourceResource[],
  byId: Map<string, SourceResource>,
  incoming: Map<string, { from: SourceResource; property: string }[]>,
  nodeId: Map<string, string>,
  edge: (from: string, to: string, label?: string) => void,
): void {
  // A security group stands for the drawn resources that use it.
  const ends = (id: string): string[] => {
    const r = byId.get(id);
    if (r?.type !== "AWS::EC2::SecurityGroup") return [id];
    return (incoming.get(id) ?? []).map((c) => c.from.id).filter((x) => nodeId.has(x));
  };
  const link = (fromIds: string[], toIds: string[], label: string): void => {
    for (const a of fromIds.flatMap(ends)) for (const b of toIds.flatMap(ends)) edge(a, b, label);
  };
  for (const r of resources) {
    const connector = CONNECTORS[r.type];
    if (connector) {
      const pick = (props: string[]): string[] => r.references.filter((x) => props.includes(x.property)).map((x) => x.target);
      link(pick(connector.from), pick(connector.to), connector.label);
    }
    // Inline ingress rules of a security group name their sources in the group itself.
    if (r.type === "AWS::EC2::SecurityGroup") {
      const sources = r.references.filter((x) => x.property === "SecurityGroupIngress" || x.property === "ingress").map((x) => x.target);
      link(sources, [r.id], "allows");
    }
  }
}

function foldServices(diagram: Diagram, automatic: boolean): Diagram {
  const byKey = new Map<string, DiagramNode>();
  const mapped = new Map<string, string>();
  const ids = new IdMaker();
  for (const node of diagram.nodes) {
    const key = `${node.group ?? ""}\u0000${node.service}`;
    let folded = byKey.get(key);
    if (!folded) {
      folded = { id: ids.node(`${node.service}${node.group ? `_${node.group}` : ""}`), name: node.service, kind: "", service: node.service, types: [], resources: [], badges: [], ...(node.group ? { group: node.group } : {}) };
      byKey.set(key, folded);
    }
    folded.types = [...new Set([...folded.types, ...node.types])].sort();
    folded.resources.push(...node.resources);
    folded.badges.push(...node.badges);
    mapped.set(node.id, folded.id);
  }
  const nodes = [...byKey.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((n) => ({
    ...n,
    name: `${serviceLabel(n.service)} ×${n.resources.length}`,
    kind: n.types.map((t) => kindLabel(t).replace(`${serviceLabel(n.service)} `, "")).join(", "),
    badges: summarizeBadges(n.badges),
  }));
  const edges = sortEdges(dedupeEdges(diagram.edges.map((e) => ({ from: mapped.get(e.from)!, to: mapped.get(e.to)!, ...(e.label ? { label: e.label } : {}) })).filter((e) => e.from !== e.to)));
  const notes = [`${automatic ? `Folded to services (more than ${AUTO_FOLD_LIMIT} resources)` : "Folded to services"}: ${diagram.nodes.length} resources in ${nodes.length} service nodes. \`--fold none\` draws each resource.`];
  return { ...diagram, nodes, edges, notes: [...notes, ...diagram.notes] };
}

function summarizeBadges(badges: string[]): string[] {
  const logs = badges.filter((b) => b === "logs").length;
  const alarms = badges.reduce((n, b) => n + (/^(\d+) alarms?$/.exec(b) ? Number(/^(\d+)/.exec(b)![1]) : 0), 0);
  return [...(logs ? ["logs"] : []), ...(alarms ? [`${alarms} ${alarms === 1 ? "alarm" : "alarms"}`] : [])].sort();
}

/** Two or more resources of one service in the same place share a subgraph named after the service. */
function addServiceGroups(diagram: Diagram, ids: IdMaker): Diagram {
  const byKey = new Map<string, DiagramNode[]>();
  for (const node of diagram.nodes) {
    const key = `${node.group ?? ""}\u0000${node.service}`;
    byKey.set(key, [...(byKey.get(key) ?? []), node]);
  }
  const groups = [...diagram.groups];
  const nodes = diagram.nodes.map((n) => ({ ...n }));
  for (const [key, members] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    if (members.length < 2) continue;
    const [parent, service] = key.split("\u0000") as [string, string];
    const id = ids.group(`${parent ? `${parent}_` : ""}${service}`);
    groups.push({ id, label: serviceLabel(service), kind: "service", ...(parent ? { parent } : {}) });
    for (const n of nodes) if (members.some((m) => m.id === n.id)) n.group = id;
  }
  return { ...diagram, groups, nodes };
}

function dedupeEdges(edges: DiagramEdge[]): DiagramEdge[] {
  // A plain reference and a labelled edge between the same two nodes: the reference says enough.
  const plain = new Set(edges.filter((e) => !e.label).map((e) => `${e.from}\u0000${e.to}`));
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = `${e.from}\u0000${e.to}\u0000${e.label ?? ""}`;
    if (seen.has(key) || (e.label && plain.has(`${e.from}\u0000${e.to}`))) return false;
    seen.add(key);
    return true;
  });
}

function sortEdges(edges: DiagramEdge[]): DiagramEdge[] {
  const key = (e: DiagramEdge): string => `${e.from}\u0000${e.to}\u0000${e.label ?? ""}`;
  return [...edges].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A short id: the label name, with the Terraform type (less `aws_`) in front, since Terraform names repeat ("this"). */
function shortId(r: SourceResource): string {
  if (r.sourceType === r.type || r.sourceType === "module") return r.name;
  return `${r.sourceType.replace(/^aws_/, "")}_${r.name}`;
}

/** Words Mermaid reads as syntax, never used as ids. */
const RESERVED = new Set(["end", "graph", "flowchart", "subgraph", "style", "class", "classdef", "click", "linkstyle", "direction", "default"]);

/** Mermaid ids: letters, digits and underscores, unique, the same for the same input. */
class IdMaker {
  private used = new Set<string>();
  node(raw: string): string {
    return this.make(raw);
  }
  group(raw: string): string {
    return this.make(`g_${raw.replace(/^g_/, "")}`);
  }
  private make(raw: string): string {
    let base = raw.replace(/[^A-Za-z0-9_]/g, "_");
    if (RESERVED.has(base.toLowerCase()) || /^[0-9]/.test(base)) base = `n_${base}`;
    let id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}_${i}`;
    this.used.add(id);
    return id;
  }
}
