/**
 * The links an agent follows from SKILL.md, as a graph: each markdown file links to files and
 * example folders; a folder it was sent to is listed, so its README.md, its other files and its
 * subfolders are one step further (a Terraform README names main.tf without linking it). The cheapest path to a file is
 * the one whose files weigh the fewest tokens (every file on it read whole, SKILL.md's body
 * included), so one shortest-path tree from SKILL.md answers every scenario.
 */
import path from "node:path";
import { linkTargets, type BundleReader } from "./bundle.js";

export const START = "SKILL.md";

export interface WalkTree {
  /** Tokens of the cheapest path from SKILL.md to each reached node (files and `folder/` nodes). */
  readonly cost: ReadonlyMap<string, number>;
  readonly previous: ReadonlyMap<string, string | undefined>;
  /** Tokens of each file read (folders weigh nothing: the agent lists them). */
  readonly weight: ReadonlyMap<string, number>;
}

export interface WalkStep {
  readonly node: string;
  readonly tokens: number;
}

/** A folder node leads to what listing it shows; a markdown file to the files and folders it links. */
async function neighbours(bundle: BundleReader, node: string, shipped: ReadonlySet<string>): Promise<string[]> {
  if (node.endsWith("/")) {
    const children = new Set<string>();
    for (const file of shipped) {
      if (!file.startsWith(node)) continue;
      const rest = file.slice(node.length);
      children.add(rest.includes("/") ? `${node}${rest.split("/")[0]}/` : file);
    }
    return [...children];
  }
  if (!node.endsWith(".md")) return [];
  const text = await bundle.read(node);
  if (text === undefined) return [];
  return linkTargets(node, text).filter((target) =>
    target.endsWith("/") ? [...shipped].some((file) => file.startsWith(target)) : shipped.has(target),
  );
}

/** Dijkstra over the link graph from SKILL.md; ties go to fewer hops, then to the name. */
export async function walkFromSkill(bundle: BundleReader): Promise<WalkTree> {
  const shipped = new Set(await bundle.list());
  const cost = new Map<string, number>();
  const hops = new Map<string, number>();
  const previous = new Map<string, string | undefined>();
  const weight = new Map<string, number>();
  const done = new Set<string>();
  const weigh = async (node: string) => {
    if (!weight.has(node)) weight.set(node, node.endsWith("/") ? 0 : await bundle.tokens(node));
    return weight.get(node)!;
  };
  if (!shipped.has(START)) return { cost, previous, weight };
  cost.set(START, await weigh(START));
  hops.set(START, 0);
  previous.set(START, undefined);
  for (;;) {
    let next: string | undefined;
    for (const [node, tokens] of cost) {
      if (done.has(node)) continue;
      if (
        next === undefined ||
        tokens < cost.get(next)! ||
        (tokens === cost.get(next)! && (hops.get(node)! < hops.get(next)! || (hops.get(node) === hops.get(next) && node < next)))
      ) {
        next = node;
      }
    }
    if (next === undefined) break;
    done.add(next);
    for (const target of await neighbours(bundle, next, shipped)) {
      if (done.has(target)) continue;
      const candidate = cost.get(next)! + (await weigh(target));
      const candidateHops = hops.get(next)! + 1;
      const known = cost.get(target);
      if (known === undefined || candidate < known || (candidate === known && candidateHops < hops.get(target)!)) {
        cost.set(target, candidate);
        hops.set(target, candidateHops);
        previous.set(target, next);
      }
    }
  }
  return { cost, previous, weight };
}

/** The path from SKILL.md to a node, or undefined when no link chain reaches it. */
export function pathTo(tree: WalkTree, node: string): WalkStep[] | undefined {
  if (!tree.cost.has(node)) return undefined;
  const steps: WalkStep[] = [];
  for (let at: string | undefined = node; at !== undefined; at = tree.previous.get(at)) {
    steps.unshift({ node: at, tokens: tree.weight.get(at) ?? 0 });
  }
  return steps;
}

/** `SKILL.md (4,848) → references/x.md (5,540)`; folders shown without a count. */
export function formatWalk(steps: readonly WalkStep[]): string {
  return steps
    .map((step) => (step.node.endsWith("/") ? step.node : `${step.node} (${step.tokens.toLocaleString("en-US")})`))
    .join(" → ");
}

/** The folder an example path names, normalised to end in `/`. */
export function folderNode(bundlePath: string): string {
  return `${path.posix.normalize(bundlePath).replace(/\/$/, "")}/`;
}
