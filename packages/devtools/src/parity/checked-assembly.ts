// The stack templates of a CDK example as its turbo `check` task (`iac-check .`) synthesized them
// into cdk.out/iac-check-assembly: the parity test reads them instead of synthesizing the app a
// second time. The test task depends on the examples' `check` tasks and `check` lists the assembly
// among its outputs (turbo.json), so it is there after a cache hit too. A missing assembly, or one
// older than a source file of the app, is an error that says what to run: never a stale pass.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkedAssembly } from "@aws-patterns/iac-check/loaders";

/** Stack name -> template, from the app's iac-check assembly once iac-check's check says it is current. */
export function checkedAssemblyTemplates(appDir: string, repoRoot: string): Record<string, Record<string, unknown>> {
  const dir = checkedAssembly(appDir, repoRoot);
  const manifestFile = join(dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { artifacts?: Record<string, { type?: string; displayName?: string; properties?: { templateFile?: string } }> };
  const templates: Record<string, Record<string, unknown>> = {};
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== "aws:cloudformation:stack") continue;
    templates[artifact.displayName ?? id] = JSON.parse(readFileSync(join(dir, artifact.properties?.templateFile ?? `${id}.template.json`), "utf8")) as Record<string, unknown>;
  }
  return templates;
}
