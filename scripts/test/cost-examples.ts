// The examples whose README cost sections cost-estimate writes: where each one's input is (a CDK
// app's is the assembly its `check` task synthesized), and which usage profile each section uses.
//   examples/<kind>/<name>/README.md   <!-- cost-estimate:start [section] --> ... <!-- cost-estimate:end -->
//   examples/<kind>/<name>/usage.yaml  the load the example assumes (usage-<section>.yaml when a
//                                      section has its own)
// A CDK section named after a stack prices that stack only.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { sectionNames } from "../src/cost-estimate/readme.js";
import { checkedAssembly } from "@aws-patterns/iac-check/loaders";
import { withConstructPaths } from "./checked-assembly.js";
import { REPO } from "./cost-helpers.js";

export interface CostSection {
  example: string;
  kind: "cdk" | "cloudformation" | "terraform";
  readme: string;
  section: string;
  usage: string;
}

export function exampleReadmes(): { example: string; kind: CostSection["kind"]; readme: string }[] {
  const root = path.join(REPO, "examples");
  return (["cdk", "cloudformation", "terraform"] as const).flatMap((kind) =>
    readdirSync(path.join(root, kind))
      .filter((name) => existsSync(path.join(root, kind, name, "README.md")))
      .map((name) => ({ example: `${kind}/${name}`, kind, readme: path.join(root, kind, name, "README.md") })),
  );
}

export function costSections(): CostSection[] {
  return exampleReadmes().flatMap(({ example, kind, readme }) =>
    sectionNames(readFileSync(readme, "utf8")).map((section) => {
      const dir = path.dirname(readme);
      const own = path.join(dir, `usage-${section}.yaml`);
      return { example, kind, readme, section, usage: section && existsSync(own) ? own : path.join(dir, "usage.yaml") };
    }),
  );
}

const assemblies = new Map<string, string>();

/**
 * The input cost-estimate reads for an example. A CDK app's is the cloud assembly its `check` task
 * synthesized (./checked-assembly.ts), with construct paths as `cdk synth` writes them: that synth
 * runs the app with its cdk.json context and us-east-1, the Region the estimate prices.
 */
export function inputOf(section: CostSection): string {
  const dir = path.dirname(section.readme);
  if (section.kind === "terraform") return dir;
  if (section.kind === "cloudformation") return path.join(dir, "template.yaml");
  let copy = assemblies.get(dir);
  if (!copy) {
    copy = withConstructPaths(checkedAssembly(dir, REPO));
    assemblies.set(dir, copy);
  }
  return copy;
}

/** The cost-estimate arguments of a section, without --check/--write. */
export function costArgs(section: CostSection): string[] {
  const stack = section.kind === "cdk" && section.section ? ["--stack", section.section] : [];
  return [inputOf(section), "--usage", section.usage, ...stack, ...(section.section ? ["--section", section.section] : [])];
}

/** Removes this run's copies of the assemblies. */
export function removeSyntheses(): void {
  for (const dir of assemblies.values()) rmSync(dir, { recursive: true, force: true });
  assemblies.clear();
}
