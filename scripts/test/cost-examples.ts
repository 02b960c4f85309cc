// The examples whose README cost sections cost-estimate writes: where each one's input is (a CDK
// app is synthesized first, with its own aws-cdk-lib), and which usage profile each section uses.
//   examples/<kind>/<name>/README.md   <!-- cost-estimate:start [section] --> ... <!-- cost-estimate:end -->
//   examples/<kind>/<name>/usage.yaml  the load the example assumes (usage-<section>.yaml when a
//                                      section has its own)
// A CDK section named after a stack prices that stack only.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sectionNames } from "../src/cost-estimate/readme.js";
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

const run = promisify(execFile);
const synthesized = new Map<string, Promise<string>>();

/** The input cost-estimate reads for an example (a CDK app synthesized once per test run). */
export function inputOf(section: CostSection): Promise<string> {
  const dir = path.dirname(section.readme);
  if (section.kind === "terraform") return Promise.resolve(dir);
  if (section.kind === "cloudformation") return Promise.resolve(path.join(dir, "template.yaml"));
  let pending = synthesized.get(dir);
  if (!pending) {
    pending = synthesize(dir);
    synthesized.set(dir, pending);
  }
  return pending;
}

/** Runs the app as `cdk synth` would (its cdk.json context), with construct paths in the template. */
async function synthesize(appDir: string): Promise<string> {
  const outdir = mkdtempSync(path.join(tmpdir(), "cost-synth-"));
  const config = JSON.parse(readFileSync(path.join(appDir, "cdk.json"), "utf8")) as { app: string; context?: Record<string, unknown> };
  const entry = /tsx (\S+\.ts)$/.exec(config.app)?.[1];
  if (!entry) throw new Error(`${appDir}/cdk.json: app \`${config.app}\` is not \`npx tsx <entry>.ts\``);
  const context = { ...config.context, "aws:cdk:enable-path-metadata": true, "@aws-cdk/core:validateAgainstDefaultRules": false };
  await run(path.join(appDir, "node_modules", ".bin", "tsx"), [entry], {
    cwd: appDir,
    timeout: 300_000,
    // As iac-check and the CDK CLI with a us-east-1 profile do: the Region the estimate prices.
    env: { ...process.env, CDK_DEFAULT_REGION: "us-east-1", CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
  });
  return outdir;
}

/** The cost-estimate arguments of a section, without --check/--write. */
export async function costArgs(section: CostSection): Promise<string[]> {
  const stack = section.kind === "cdk" && section.section ? ["--stack", section.section] : [];
  return [await inputOf(section), "--usage", section.usage, ...stack, ...(section.section ? ["--section", section.section] : [])];
}

/** Removes the synthesized assemblies of this run (temp folders with bundled Lambda code). */
export async function removeSyntheses(): Promise<void> {
  for (const pending of synthesized.values()) {
    const dir = await pending.catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  synthesized.clear();
}
