// One CloudFormation validation engine per host, not one per app or template.
//
// aws-cdk-lib's CloudFormationValidatePlugin builds its engine (the 9 MB WebAssembly validator,
// about 7 CPU-seconds to start) for the resource types of the templates it validates, and builds a
// new one whenever a later template has a type the engine was not built for: in a run over several
// apps that is nearly every app. The types only choose which of the plugin's built-in rules
// (`rules/index.generated.json`, each naming the types it applies to) are loaded; the schema
// validation does not depend on them. So the engine is built for "every type except the rule types
// not seen yet": it is reused for any template, and rebuilt (with that rule) only when a template
// first has one of a rule's types, which keeps the rules exactly as aws-cdk-lib would run them.
//
// This reaches into aws-cdk-lib's internals (`initializeEngine`, `_singletonInstance`), checked at
// run time: if a release changes them, nothing is patched and the plugin works as shipped, slower.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CloudFormationValidatePlugin } from "aws-cdk-lib";

// What the plugin does with the types it is given: iterate them, and ask has().
type TypeSet = Iterable<string> & { has(type: string): boolean };
type InitializeEngine = (this: CloudFormationValidatePlugin, resourceTypes: TypeSet) => unknown;
interface PluginInternals {
  initializeEngine?: InitializeEngine;
}

/** Every type except the rule types absent from the templates the engine was built for. */
export class CoveringTypes {
  constructor(
    private readonly seen: TypeSet,
    private readonly ruleTypes: ReadonlySet<string>,
  ) {}
  has(type: string): boolean {
    return !this.ruleTypes.has(type) || this.seen.has(type);
  }
  *[Symbol.iterator](): IterableIterator<string> {
    yield* this.seen;
  }
}

let patched = false;

export function reuseValidationEngine(): boolean {
  if (patched) return true;
  const prototype = CloudFormationValidatePlugin.prototype as unknown as PluginInternals;
  const original = prototype.initializeEngine;
  const ruleTypes = builtInRuleTypes();
  if (typeof original !== "function" || !ruleTypes) return false;
  prototype.initializeEngine = function initializeCoveringEngine(this: CloudFormationValidatePlugin, resourceTypes: TypeSet) {
    return original.call(this, resourceTypes instanceof CoveringTypes ? resourceTypes : new CoveringTypes(resourceTypes, ruleTypes));
  };
  patched = true;
  return true;
}

/**
 * Builds the shared plugin's engine now, for every type but the rule types (the host does this
 * before it reports ready: --timeout then bounds the app or template alone, not the 9 MB validator's
 * start). Only when the engine is reused: otherwise the first validation builds its own.
 */
export function preloadValidationEngine(): boolean {
  if (!patched) return false;
  const plugin = sharedValidatePlugin() as unknown as { initializeEngine?: (types: TypeSet) => unknown };
  if (typeof plugin.initializeEngine !== "function") return false;
  plugin.initializeEngine(new Set<string>());
  return true;
}

/** The plugin aws-cdk-lib validates apps with, so templates share its engine. */
export function sharedValidatePlugin(): CloudFormationValidatePlugin {
  const singleton = (CloudFormationValidatePlugin as unknown as { _singletonInstance?: () => CloudFormationValidatePlugin })._singletonInstance;
  return typeof singleton === "function" ? singleton.call(CloudFormationValidatePlugin) : new CloudFormationValidatePlugin();
}

function builtInRuleTypes(): Set<string> | undefined {
  try {
    const require = createRequire(import.meta.url);
    const index = join(dirname(require.resolve("aws-cdk-lib/package.json")), "core", "lib", "validation", "rules", "index.generated.json");
    const { rules } = JSON.parse(readFileSync(index, "utf8")) as { rules: { types: string[] | null }[] };
    return new Set(rules.flatMap((rule) => rule.types ?? []));
  } catch {
    return undefined;
  }
}
