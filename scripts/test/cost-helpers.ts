// Runs cost-estimate's main() in-process (source, not the bundle) and captures what it prints.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runCostEstimate } from "../src/cost-estimate/cli.js";
import type { Estimate } from "../src/cost-estimate/estimate.js";

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "cost");
export const REPO = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export async function runCost(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCostEstimate(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

export async function estimateJson(args: string[]): Promise<Estimate> {
  const result = await runCost([...args, "--json"]);
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Estimate;
}

/** [dimension, quantity in the record's billing unit, unit price, monthly] of one resource. */
export function linesOf(estimate: Estimate, id: string): [string, number, number, string][] {
  const resource = estimate.resources.find((r) => r.id === id);
  if (!resource) throw new Error(`no priced resource ${id}`);
  return resource.lines.map((l) => [l.dimension, l.quantity, l.unitPrice, l.monthlyText]);
}
