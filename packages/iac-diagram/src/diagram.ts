// The drawn graph: what the Mermaid and JSON outputs print. Plain data, ordered, so the same
// input always gives the same text.

export type GroupKind = "set" | "vpc" | "tier" | "service";

export interface DiagramGroup {
  id: string;
  label: string;
  kind: GroupKind;
  parent?: string;
}

export interface DiagramNode {
  id: string;
  /** First line of the label: the resource's name, or the service and count when folded. */
  name: string;
  /** Second line: `Lambda Function`, or the folded resource types. */
  kind: string;
  service: string;
  /** CloudFormation types (Terraform types mapped) of the resources this node stands for. */
  types: string[];
  /** Logical ids / Terraform addresses this node stands for. */
  resources: string[];
  /** Folded glue shown on the node: `logs`, `2 alarms`. */
  badges: string[];
  group?: string;
}

export interface DiagramEdge {
  from: string;
  to: string;
  /** Unlabelled: a reference (Ref, GetAtt, Sub, DependsOn, HCL). Labelled: IAM access or a connector. */
  label?: string;
}

export interface Diagram {
  /** The path drawn, as given. */
  source: string;
  groups: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** What was folded, in sentences. */
  notes: string[];
}
