// Reads what to price: a CloudFormation template (JSON or YAML with short-form tags, through
// iac-check's parser), a synthesized CDK app (cdk.out: manifest.json names the stack templates), or
// a Terraform module folder (through iac-check's loader). Every kind becomes the same list of
// resources, so the pricers do not care where a resource came from.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { decodeTemplate, parseTemplate, stackArtifacts, TemplateSyntaxError, type StackArtifact } from "@aws-patterns/iac-check/loaders";
import { InputError, type LoadedInput, type Resource } from "./model.js";

export async function loadInput(inputPath: string): Promise<LoadedInput> {
  if (!existsSync(inputPath)) throw new InputError(`${inputPath}: no such file or folder`, "Pass a CloudFormation template, a cdk.out folder or a Terraform module folder.");
  if (statSync(inputPath).isDirectory()) {
    if (existsSync(path.join(inputPath, "manifest.json"))) return loadCloudAssembly(inputPath);
    const names = readdirSync(inputPath);
    if (names.some((name) => name.endsWith(".tf") || name.endsWith(".tf.json"))) {
      // Imported only here: loading it starts the HCL parser's WebAssembly module.
      const { terraformResources } = await import("./load-terraform.js");
      return terraformResources(inputPath);
    }
    if (names.includes("cdk.json")) {
      throw new InputError(`${inputPath}: this is a CDK app, not a synthesized one`, `Run \`npx cdk synth\` there and pass its output folder (${path.join(inputPath, "cdk.out")}).`);
    }
    throw new InputError(`${inputPath}: no manifest.json (cdk.out) and no .tf files (Terraform module) in this folder`, "Pass a CloudFormation template file, a cdk.out folder or a Terraform module folder.");
  }
  const resources = readTemplate(inputPath, undefined);
  return { kind: "template", description: `CloudFormation template ${inputPath}`, resources };
}

/** One stack template; `stack` names it when it comes from a cloud assembly. */
export function readTemplate(file: string, stack: string | undefined): Resource[] {
  let parsed;
  try {
    parsed = parseTemplate(decodeTemplate(readFileSync(file)));
  } catch (error) {
    if (error instanceof TemplateSyntaxError) throw new InputError(`${file}:${error.position.line}:${error.position.column}: ${error.message}`);
    throw new InputError(`${file}: cannot read the template (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const resources = parsed.template.Resources;
  if (!resources || typeof resources !== "object" || Array.isArray(resources)) {
    throw new InputError(`${file}:1:1: not a CloudFormation template: no Resources section`, "A template needs a top-level Resources mapping.");
  }
  const defaults = parameterDefaults(parsed.template.Parameters);
  return Object.entries(resources as Record<string, unknown>).map(([id, raw]) => {
    const where = parsed.locate(["Resources", id]);
    const resource = (raw ?? {}) as { Type?: unknown; Properties?: unknown; Metadata?: Record<string, unknown> };
    if (typeof resource.Type !== "string") throw new InputError(`${file}:${where.line}:${where.column}: resource ${id} has no Type`);
    const names = [id];
    const cdkPath = resource.Metadata?.["aws:cdk:path"];
    if (typeof cdkPath === "string") {
      // Nested stages put the stage in the path too (`Prod/Queues/Jobs/Resource` in stack `Prod/Queues`).
      const withoutStack = stack && cdkPath.startsWith(`${stack}/`) ? cdkPath.slice(stack.length + 1) : cdkPath.split("/").slice(1).join("/");
      names.push(cdkPath, cdkPath.replace(/\/Resource$/, ""), withoutStack, withoutStack.replace(/\/Resource$/, ""));
    }
    return {
      id,
      type: resource.Type,
      language: "cloudformation" as const,
      stack,
      names: [...new Set(names.filter(Boolean))],
      properties: withParameterDefaults(resource.Properties ?? {}, defaults) as Record<string, unknown>,
      count: 1,
      countExpression: undefined,
      file,
      line: where.line,
    };
  });
}

/** Parameter name -> its Default (a list for List<...> and CommaDelimitedList parameters). */
function parameterDefaults(parameters: unknown): Map<string, unknown> {
  const defaults = new Map<string, unknown>();
  if (!parameters || typeof parameters !== "object") return defaults;
  for (const [name, raw] of Object.entries(parameters as Record<string, { Type?: unknown; Default?: unknown }>)) {
    if (raw?.Default === undefined) continue;
    const list = typeof raw.Type === "string" && (raw.Type === "CommaDelimitedList" || raw.Type.startsWith("List<"));
    defaults.set(name, list && typeof raw.Default === "string" ? raw.Default.split(",").map((v) => v.trim()) : raw.Default);
  }
  return defaults;
}

/** `{ Ref: Parameter }` -> the parameter's default, as a deployment that passes no value gets. */
function withParameterDefaults(value: unknown, defaults: Map<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => withParameterDefaults(item, defaults));
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === "Ref" && typeof entries[0]![1] === "string" && defaults.has(entries[0]![1])) return defaults.get(entries[0]![1]);
    return Object.fromEntries(entries.map(([k, v]) => [k, withParameterDefaults(v, defaults)]));
  }
  return value;
}

/** Every stack of a cloud assembly, nested assemblies (CDK stages) included, as iac-check lists them. */
function loadCloudAssembly(dir: string): LoadedInput {
  const manifestPath = path.join(dir, "manifest.json");
  let artifacts: StackArtifact[];
  try {
    artifacts = stackArtifacts(dir);
  } catch (error) {
    throw new InputError(`${manifestPath}: not a readable cloud assembly manifest (${error instanceof Error ? error.message : String(error)})`, "Synthesize the app again (`npx cdk synth`).");
  }
  const resources: Resource[] = [];
  for (const stack of artifacts) {
    if (!existsSync(stack.templateFile)) {
      throw new InputError(`${path.join(stack.dir, "manifest.json")}: stack ${stack.id} names ${path.relative(stack.dir, stack.templateFile)}, which does not exist`, "Synthesize the app again (`npx cdk synth`).");
    }
    resources.push(...readTemplate(stack.templateFile, stack.displayName));
  }
  if (artifacts.length === 0) throw new InputError(`${manifestPath}: the cloud assembly holds no stack`, "Synthesize an app that defines at least one stack.");
  return { kind: "cdk.out", description: `cdk.out ${dir} (stacks ${artifacts.map((stack) => stack.displayName).join(", ")})`, resources };
}
