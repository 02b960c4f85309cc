// What a path is, and its resources: the same inputs iac-check takes (a CDK app folder, a cloud
// assembly, a template file or a folder of templates, a Terraform module folder), read by
// iac-check's own loaders so a file that does not parse gets the same message.
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import { loadTemplateFile, looksLikeTemplate, readStackTemplates, TEMPLATE_EXTENSIONS, type Diagnostic } from "@aws-patterns/iac-check/loaders";
import { loadCdkApp, type SynthMode } from "./cdk-app.js";
import { resourcesOfTemplate } from "./from-template.js";
import type { ResourceSet } from "./resources.js";

export class UsageError extends Error {}

export type Loaded = { sets: ResourceSet[]; kind: InputKind; from?: string } | { diagnostics: Diagnostic[] };
export type InputKind = "cdk-app" | "cloud-assembly" | "template" | "terraform";

export interface LoadOptions {
  synth: SynthMode;
  timeoutMs: number;
}

export async function loadInput(path: string, options: LoadOptions): Promise<Loaded> {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new UsageError(`${path}: no such file or folder`);
  }
  const display = relative(process.cwd(), path) || ".";
  if (stats.isFile()) {
    if (/\.tf(\.json)?$/.test(path)) return loadTerraform(dirname(path));
    if (!TEMPLATE_EXTENSIONS.has(extname(path).toLowerCase())) throw new UsageError(`${display}: not something iac-diagram draws (expected a CDK app folder with cdk.json, a cdk.out folder, a .yaml, .yml or .json CloudFormation template, or a Terraform module folder)`);
    return loadTemplates([path]);
  }
  if (existsSync(join(path, "cdk.json"))) {
    const loaded = await loadCdkApp(path, options.synth, options.timeoutMs);
    return "sets" in loaded ? { ...loaded, kind: "cdk-app" } : loaded;
  }
  if (existsSync(join(path, "manifest.json"))) return { sets: readStackTemplates(path).map((s) => ({ name: s.stack, resources: resourcesOfTemplate(s.template) })), kind: "cloud-assembly" };
  const names = readdirSync(path).sort();
  if (names.some((n) => /\.tf(\.json)?$/.test(n))) return loadTerraform(path);
  const templates = names.filter((n) => TEMPLATE_EXTENSIONS.has(extname(n).toLowerCase())).map((n) => join(path, n)).filter((p) => statSync(p).isFile() && looksLikeTemplate(p));
  if (templates.length > 0) return loadTemplates(templates);
  return {
    diagnostics: [{ file: display, severity: "error", rule: "iac-diagram/nothing-to-draw", message: `nothing to draw in ${display}: no CDK app (a folder with cdk.json), no cloud assembly (manifest.json), no CloudFormation template (.yaml, .yml, .json with a Resources section) and no Terraform module (*.tf, *.tf.json) was found` }],
  };
}

function loadTemplates(paths: string[]): Loaded {
  const sets: ResourceSet[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    const loaded = loadTemplateFile(path, relative(process.cwd(), path) || path);
    const resources = "parsed" in loaded ? loaded.parsed.template.Resources : undefined;
    if ("diagnostic" in loaded) diagnostics.push(loaded.diagnostic);
    else if (typeof resources !== "object" || resources === null || Array.isArray(resources)) {
      diagnostics.push({ file: relative(process.cwd(), path) || path, ...loaded.parsed.locate(["Resources"]), severity: "error", rule: "iac-diagram/no-resources", message: "no Resources section (a mapping of logical ids to resources), so nothing to draw: is this a CloudFormation template?" });
    } else sets.push({ name: basename(path), resources: resourcesOfTemplate(loaded.parsed.template) });
  }
  return diagnostics.length > 0 ? { diagnostics } : { sets, kind: "template" };
}

async function loadTerraform(dir: string): Promise<Loaded> {
  // Imported here: the HCL parser's WebAssembly starts on import, and only Terraform needs it.
  const { loadModule } = await import("@aws-patterns/iac-check/terraform-loader");
  const { resourcesOfModule } = await import("./from-terraform.js");
  const loaded = await loadModule(dir);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (!loaded.ok || errors.length > 0) return { diagnostics: errors.length > 0 ? errors : loaded.diagnostics };
  return { sets: [{ name: relative(process.cwd(), dir) || ".", resources: resourcesOfModule(loaded.module) }], kind: "terraform" };
}
