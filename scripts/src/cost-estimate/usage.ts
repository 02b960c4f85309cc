// The usage profile: a YAML file and/or flags that say how much each resource is used. Precedence,
// lowest first: the defaults of usage-keys.ts, the profile's `types:` section (every resource of a
// kind), its `resources:` section (one resource, by logical id, CDK path or Terraform address),
// the global flags (--requests, --gb-stored ...), then --set. Every mistake names file:line.
import { readFileSync } from "node:fs";
import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair } from "yaml";
import { InputError } from "./model.js";
import { COMMON_KEYS, keysOf, USAGE_CATEGORIES, type UsageKey } from "./usage-keys.js";

export interface UsageValue {
  value: number | string;
  /** Where it came from, for the assumptions list: `default`, `usage.yaml:12`, `--requests`. */
  source: string;
}

export interface UsageProfile {
  /** `hours:` at the top level (every resource). */
  hours: UsageValue | undefined;
  types: Map<string, Map<string, UsageValue>>;
  resources: Map<string, { values: Map<string, UsageValue>; where: string }>;
  /** Global flags: key -> value, applied to every resource whose kind has that key. */
  flags: Map<string, UsageValue>;
  /** --set name.key=value, by name (a kind or a resource). */
  sets: Map<string, Map<string, UsageValue>>;
}

export function emptyProfile(): UsageProfile {
  return { hours: undefined, types: new Map(), resources: new Map(), flags: new Map(), sets: new Map() };
}

/** `shownAs` is how assumptions name the file (relative to a README's folder in README mode). */
export function readUsageProfile(file: string, shownAs = file): UsageProfile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read the usage profile (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseUsageProfile(text, shownAs);
}

export function parseUsageProfile(text: string, file: string): UsageProfile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (node: Node | null | undefined) => `${file}:${lineCounter.linePos(node?.range?.[0] ?? 0).line}`;
  const fail = (node: Node | null | undefined, message: string, hint?: string): never => {
    throw new InputError(`${at(node)}: ${message}`, hint);
  };
  const firstError = document.errors[0];
  if (firstError) {
    const line = firstError.linePos?.[0].line ?? 1;
    throw new InputError(`${file}:${line}: not valid YAML: ${firstError.message.split("\n")[0]}`);
  }
  const profile = emptyProfile();
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return profile;
  if (!isMap(root)) return fail(root, "a usage profile is a mapping with `hours`, `types` and `resources`");
  for (const pair of root.items as Pair<Node, Node>[]) {
    const key = String((pair.key as { value?: unknown })?.value);
    if (key === "hours") profile.hours = { value: numberAt(pair.value, "hours", COMMON_KEYS.hours!, fail), source: at(pair.value) };
    else if (key === "types") {
      for (const [name, values] of section(pair.value, "types", fail)) {
        if (!USAGE_CATEGORIES[name.value]) fail(name.node, `unknown kind of resource \`${name.value}\``, `Kinds: ${Object.keys(USAGE_CATEGORIES).join(", ")}.`);
        profile.types.set(name.value, readValues(values, keysOf(name.value), name.value, fail, at));
      }
    } else if (key === "resources") {
      // Resource names are checked against the input later (estimate.ts), when the resources are known.
      for (const [name, values] of section(pair.value, "resources", fail)) {
        profile.resources.set(name.value, { values: readValues(values, undefined, name.value, fail, at), where: at(name.node) });
      }
    } else fail(pair.key, `unknown key \`${key}\``, "A usage profile has `hours`, `types` (per kind of resource) and `resources` (per resource).");
  }
  return profile;
}

/** Usage keys whose values are words (`storage_class`), in any kind. */
const STRING_KEYS = new Set(Object.values(USAGE_CATEGORIES).flatMap((c) => Object.entries(c.keys).filter(([, k]) => typeof k.default === "string").map(([name]) => name)));

type Fail = (node: Node | null | undefined, message: string, hint?: string) => never;

function section(node: Node | null | undefined, name: string, fail: Fail): [{ value: string; node: Node }, Node | null][] {
  if (!isMap(node)) return fail(node, `\`${name}\` must be a mapping of names to usage values`);
  return (node.items as Pair<Node, Node>[]).map((pair) => [{ value: String((pair.key as { value?: unknown })?.value), node: pair.key }, pair.value]);
}

/** One kind's or one resource's values; `keys` undefined = checked later against the resource's kind. */
function readValues(node: Node | null, keys: Record<string, UsageKey> | undefined, owner: string, fail: Fail, at: (node: Node | null | undefined) => string): Map<string, UsageValue> {
  const values = new Map<string, UsageValue>();
  if (!isMap(node)) return fail(node, `\`${owner}\` must be a mapping of usage keys to values, e.g. \`requests: 1000000\``);
  for (const pair of node.items as Pair<Node, Node>[]) {
    const key = String((pair.key as { value?: unknown })?.value);
    const spec = keys ? keys[key] : undefined;
    if (keys && !spec) fail(pair.key, `\`${owner}\` has no usage key \`${key}\``, `Keys of ${owner}: ${Object.keys(keys).join(", ")}.`);
    const raw = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof raw === "string" && (spec ? typeof spec.default === "string" : STRING_KEYS.has(key))) {
      if (spec?.choices && !spec.choices.includes(raw)) fail(pair.value, `\`${key}\` must be one of ${spec.choices.join(", ")}, not \`${raw}\``);
      values.set(key, { value: raw, source: at(pair.value) });
    } else values.set(key, { value: numberAt(pair.value, key, spec, fail), source: at(pair.value) });
  }
  return values;
}

function numberAt(node: Node | null | undefined, key: string, spec: UsageKey | undefined, fail: Fail): number {
  const raw = isScalar(node) ? node.value : undefined;
  if (typeof raw !== "number" || !Number.isFinite(raw) || raw < 0) {
    return fail(node, `\`${key}\` must be a number, 0 or more${spec ? ` (${spec.doc})` : ""}`, "Write plain numbers without units or separators, e.g. `requests: 3000000`.");
  }
  return raw;
}

/** A value given on the command line: a number, or a string for string keys. */
export function parseFlagValue(flag: string, key: string, text: string, spec: UsageKey | undefined): number | string {
  if (spec && typeof spec.default === "string") {
    if (spec.choices && !spec.choices.includes(text)) throw new InputError(`${flag}: \`${key}\` must be one of ${spec.choices.join(", ")}, not \`${text}\``);
    return text;
  }
  const value = Number(text.replace(/_/g, ""));
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) throw new InputError(`${flag}: \`${text}\` is not a number, 0 or more`, "Write plain numbers, e.g. `--requests 3000000`.");
  return value;
}

/** `--set lambda.requests=3000000` or `--set ProcessorFunction.duration_ms=200`. */
export function addSet(profile: UsageProfile, text: string): void {
  const match = /^(.+)\.([a-z_]+)=(.*)$/.exec(text);
  if (!match) throw new InputError(`--set ${text}: expected <kind or resource>.<key>=<value>`, "For example `--set lambda.requests=3000000` or `--set ApiHandler.duration_ms=200`.");
  const [, name, key, raw] = match as unknown as [string, string, string, string];
  const spec = USAGE_CATEGORIES[name] ? keysOf(name)[key] : undefined;
  if (USAGE_CATEGORIES[name] && !spec) throw new InputError(`--set ${text}: \`${name}\` has no usage key \`${key}\``, `Keys of ${name}: ${Object.keys(keysOf(name)).join(", ")}.`);
  const values = profile.sets.get(name) ?? new Map<string, UsageValue>();
  values.set(key, { value: parseFlagValue(`--set ${text}`, key, raw, spec), source: `--set ${name}.${key}` });
  profile.sets.set(name, values);
}
