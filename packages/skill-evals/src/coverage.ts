/**
 * Retrieval coverage, offline: for each scenario, every fact its answer needs is still in the
 * file the scenario says carries it, every file and example folder is reachable from SKILL.md by
 * links, and the files on those paths weigh no more than the scenario's token budget. A failure
 * names what moved or vanished and shows the walk the agent would take.
 */
import path from "node:path";
import { computeCost, CostError, isoDay, loadFactData, type FactData } from "@aws-patterns/skill-lint/facts";
import { normaliseForSearch, openBundle, type BundleReader } from "./bundle.js";
import { DEFAULT_TOKEN_CACHE } from "./paths.js";
import type { EvalSet, Located, Scenario } from "./scenarios.js";
import { folderNode, formatWalk, pathTo, walkFromSkill, type WalkTree } from "./walk.js";

export interface TargetResult {
  /** What was looked for: `references/x.md: "text"`, `cost id`, or an example folder. */
  readonly need: string;
  readonly walk: string | undefined;
  readonly ok: boolean;
}

export interface ScenarioCoverage {
  readonly id: string;
  readonly where: string;
  readonly question: string;
  readonly pass: boolean;
  readonly reasons: string[];
  /** Every file on the scenario's paths, once, with its tokens. */
  readonly files: { file: string; tokens: number }[];
  readonly tokens: number;
  readonly budget: number;
  readonly targets: TargetResult[];
  /** Figures the answer must state: the scenario's own and each worked cost's total. */
  readonly figures: string[];
}

export interface CoverageReport {
  readonly generatedFor: string;
  readonly scenarios: ScenarioCoverage[];
  /** Set-level problems: a reference or example no scenario covers. */
  readonly gaps: string[];
  readonly passed: number;
  readonly failed: number;
}

/** Totals of worked costs, by id, computed from skill/data exactly as the cost tables are. */
export function costTotals(facts: FactData, ids: readonly string[]): Map<string, string | Error> {
  const totals = new Map<string, string | Error>();
  for (const id of ids) {
    const record = facts.costs.get(id);
    if (!record) {
      totals.set(id, new Error(`no worked cost \`${id}\` in skill/data/costs (a valid record with that id)`));
      continue;
    }
    try {
      totals.set(id, computeCost(record, facts.facts).totalText);
    } catch (error) {
      totals.set(id, error instanceof CostError ? error : new Error(String(error)));
    }
  }
  return totals;
}

async function findElsewhere(bundle: BundleReader, needle: string, except: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of await bundle.list()) {
    if (file === except || !/\.(md|ts|tf|ya?ml|json)$/.test(file)) continue;
    const text = await bundle.read(file);
    if (text !== undefined && normaliseForSearch(text).includes(needle)) found.push(file);
  }
  return found;
}

async function checkText(bundle: BundleReader, file: string, text: string): Promise<string | undefined> {
  const needle = normaliseForSearch(text);
  const content = await bundle.read(file);
  if (content !== undefined && normaliseForSearch(content).includes(needle)) return undefined;
  const elsewhere = await findElsewhere(bundle, needle, file);
  const missing = content === undefined ? `${file} is not in the bundle` : `${file} no longer contains "${text}"`;
  if (elsewhere.length > 0) {
    return `moved: ${missing}; it is now in ${elsewhere.slice(0, 3).join(", ")} (update the scenario's carriers, or put it back)`;
  }
  return `absent: ${missing}, and no bundle file does (restore the answer, or change the scenario)`;
}

function unreachable(node: string): string {
  return `unreachable: no chain of links from SKILL.md leads to ${node} (link it from SKILL.md or a reference SKILL.md links to)`;
}

export async function checkScenario(
  bundle: BundleReader,
  tree: WalkTree,
  totals: ReadonlyMap<string, string | Error>,
  located: Located<Scenario>,
): Promise<ScenarioCoverage> {
  const scenario = located.value;
  const reasons: string[] = [];
  const targets: TargetResult[] = [];
  const onPath = new Map<string, number>();
  const figures = [...scenario.answer.figures];
  const reach = (node: string, need: string, problem: string | undefined) => {
    const steps = pathTo(tree, node);
    if (!steps) reasons.push(`${need}: ${problem ?? unreachable(node)}`);
    else if (problem) reasons.push(`${need}: ${problem} (walk: ${formatWalk(steps)})`);
    for (const step of steps ?? []) if (!step.node.endsWith("/")) onPath.set(step.node, step.tokens);
    targets.push({ need, walk: steps ? formatWalk(steps) : undefined, ok: steps !== undefined && problem === undefined });
  };
  for (const carrier of scenario.carriers) {
    reach(carrier.file, `${carrier.file}: "${carrier.text}"`, await checkText(bundle, carrier.file, carrier.text));
  }
  for (const cost of scenario.answer.costs) {
    const total = totals.get(cost.id);
    if (total === undefined || total instanceof Error) {
      reasons.push(`cost ${cost.id}: ${total?.message ?? "not computed"}`);
      continue;
    }
    figures.push(total);
    reach(cost.file, `cost ${cost.id} = ${total} in ${cost.file}`, await checkText(bundle, cost.file, total));
  }
  if (scenario.answer.example) {
    const folder = folderNode(scenario.answer.example);
    const shipped = await bundle.list();
    const exists = shipped.some((file) => file.startsWith(folder));
    reach(folder, `example ${folder}`, exists ? undefined : `absent: the bundle has no ${folder}`);
  }
  const files = [...onPath].map(([file, tokens]) => ({ file, tokens }));
  const tokens = files.reduce((sum, entry) => sum + entry.tokens, 0);
  if (tokens > scenario.budget) {
    const heavy = [...files].sort((a, b) => b.tokens - a.tokens).map((f) => `${f.file} ${f.tokens.toLocaleString("en-US")}`);
    reasons.push(
      `over budget: the paths read ${tokens.toLocaleString("en-US")} tokens, the budget is ${scenario.budget.toLocaleString("en-US")} (${heavy.join(", ")})`,
    );
  }
  return {
    id: scenario.id,
    where: located.where,
    question: scenario.question,
    pass: reasons.length === 0,
    reasons,
    files,
    tokens,
    budget: scenario.budget,
    targets,
    figures,
  };
}

/** Every reference and every example folder must be named by at least one scenario. */
async function findGaps(bundle: BundleReader, set: EvalSet): Promise<string[]> {
  const shipped = await bundle.list();
  const named = new Set<string>();
  for (const { value } of set.scenarios) {
    for (const carrier of value.carriers) named.add(carrier.file);
    for (const cost of value.answer.costs) named.add(cost.file);
    if (value.answer.example) named.add(folderNode(value.answer.example));
    for (const carrier of value.carriers) {
      const match = /^(examples\/[^/]+\/[^/]+\/)/.exec(carrier.file);
      if (match) named.add(match[1]!);
    }
  }
  const gaps: string[] = [];
  for (const file of shipped.filter((f) => /^references\/[^/]+\.md$/.test(f))) {
    if (!named.has(file)) gaps.push(`${file}: no scenario names it as a carrier (add one whose answer it carries)`);
  }
  const examples = new Set(shipped.map((f) => /^(examples\/[^/]+\/[^/]+\/)/.exec(f)?.[1]).filter((f): f is string => !!f));
  for (const folder of [...examples].sort()) {
    if (!named.has(folder)) gaps.push(`${folder}: no scenario starts from this example or cites it (add one)`);
  }
  return gaps;
}

/** Runs the coverage eval over a skill folder (skill/ in the monorepo, or an unpacked bundle). */
export async function runCoverage(skillDir: string, set: EvalSet, today = isoDay(new Date()), tokenCache: string | undefined = DEFAULT_TOKEN_CACHE): Promise<CoverageReport> {
  const bundle = openBundle(skillDir, tokenCache);
  const tree = await walkFromSkill(bundle);
  const facts = await loadFactData(bundle.layout.skillDir, today);
  const ids = set.scenarios.flatMap(({ value }) => value.answer.costs.map((cost) => cost.id));
  const totals = facts.present
    ? costTotals(facts, ids)
    : new Map(ids.map((id) => [id, new Error("no data/ folder beside SKILL.md to compute it from (run on the monorepo's skill/)")]));
  const scenarios: ScenarioCoverage[] = [];
  for (const located of set.scenarios) scenarios.push(await checkScenario(bundle, tree, totals, located));
  const gaps = await findGaps(bundle, set);
  await bundle.flush();
  const passed = scenarios.filter((s) => s.pass).length;
  return { generatedFor: path.basename(bundle.layout.skillDir), scenarios, gaps, passed, failed: scenarios.length - passed };
}
