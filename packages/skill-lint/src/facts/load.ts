/**
 * Loads skill/data: every `data/*.json` fact file and `data/costs/*.json` worked-cost file,
 * parsed with jsonc-parser (so each problem has a line and column in the JSON text) and
 * validated record by record. Problems are collected, not thrown: the `data-records` rule reports
 * them, and the records that are valid stay usable by the table and prose rules.
 */
import { existsSync, statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { VFile } from "vfile";
import { ZodArray, ZodObject, ZodOptional, ZodRecord, type z } from "zod";
import {
  costFileSchema,
  costSchema,
  factFileSchema,
  factSchema,
  FIELD_HELP,
  isPrice,
  KEBAB,
  type CostRecord,
  type FactRecord,
} from "./schema.js";

export type JsonPath = (string | number)[];

export interface Place {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export interface DataFile {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the skill folder, `data/lambda.json`; also the VFile's bundlePath. */
  readonly relPath: string;
  readonly kind: "facts" | "costs";
  readonly text: string;
  readonly root: Node | undefined;
  /** Where the data rules put their messages. */
  readonly vfile: VFile;
}

export interface DataIssue {
  file: DataFile;
  path: JsonPath;
  reason: string;
  place: Place;
}

export interface FactData {
  /** The data folder (`<skill>/data`). */
  readonly dir: string;
  /** False when the folder does not exist (an unpacked bundle ships no data). */
  readonly present: boolean;
  /** The day freshness and future dates are measured against, YYYY-MM-DD. */
  readonly today: string;
  readonly files: DataFile[];
  /** Valid fact records by id, in file then key order. */
  readonly facts: Map<string, FactRecord>;
  /** Valid worked costs by id (their items name known price records). */
  readonly costs: Map<string, CostRecord>;
  readonly issues: DataIssue[];
}

/** Paths (formatJsonPath) of keys that occur twice in their object; such records are not validated. */
const duplicated = new WeakMap<DataFile, Set<string>>();

/** `facts.price-requests.source`, `costs.api.items[1].fact` */
export function formatJsonPath(jsonPath: JsonPath): string {
  return jsonPath.reduce<string>((text, part) => {
    if (typeof part === "number") return `${text}[${part}]`;
    if (/^[\w$-]+$/.test(part)) return text === "" ? part : `${text}.${part}`;
    return `${text}[${JSON.stringify(part)}]`;
  }, "");
}

/** Today's date in UTC, YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function loadFactData(skillDir: string, today: string): Promise<FactData> {
  const dir = path.join(skillDir, "data");
  const data: FactData = { dir, present: false, today, files: [], facts: new Map(), costs: new Map(), issues: [] };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return data;
  const found = { ...data, present: true };
  const costsDir = path.join(dir, "costs");
  const names = async (folder: string) => (existsSync(folder) ? (await readdir(folder)).filter((n) => n.endsWith(".json")).sort() : []);
  for (const name of await names(dir)) found.files.push(await readDataFile(skillDir, path.join(dir, name), "facts", found));
  for (const name of await names(costsDir)) found.files.push(await readDataFile(skillDir, path.join(costsDir, name), "costs", found));
  for (const file of found.files) if (file.kind === "facts") collectFacts(file, found);
  for (const file of found.files) if (file.kind === "costs") collectCosts(file, found);
  return found;
}

async function readDataFile(skillDir: string, file: string, kind: DataFile["kind"], data: FactData): Promise<DataFile> {
  const relPath = path.relative(skillDir, file).split(path.sep).join("/");
  let text = "";
  let readError: string | undefined;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    readError = code ? `Cannot read file (${code})` : "File is not valid UTF-8; save it as UTF-8";
  }
  const errors: ParseError[] = [];
  const root = readError ? undefined : parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const dataFile: DataFile = { path: file, relPath, kind, text, root: errors.length > 0 ? undefined : root, vfile: new VFile({ path: file, value: text, data: { bundlePath: relPath } }) };
  const at = (offset: number, length: number): Place => ({ start: position(text, offset), end: position(text, offset + Math.max(length, 0)) });
  if (readError) data.issues.push({ file: dataFile, path: [], reason: readError, place: at(0, 0) });
  // One mistake often yields several parse errors; the first is the one to fix.
  for (const error of errors.slice(0, 1)) {
    const words = printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    data.issues.push({ file: dataFile, path: [], reason: `Not valid JSON: ${words}`, place: at(error.offset, error.length) });
  }
  if (!readError && errors.length === 0 && !root) data.issues.push({ file: dataFile, path: [], reason: "Empty file; write a JSON object", place: at(0, 0) });
  const stem = path.basename(file, ".json");
  if (!KEBAB.test(stem)) {
    const why = kind === "facts" ? "fact ids are `<file stem>.<key>`" : "file names follow the fact files";
    data.issues.push({ file: dataFile, path: [], reason: `File name \`${stem}.json\` is not kebab-case (${why}); rename it`, place: at(0, 0) });
  }
  if (dataFile.root) reportDuplicateKeys(dataFile, dataFile.root, [], data);
  return dataFile;
}

/** JSON.parse keeps the last of two equal keys, so a second record would silently replace the first. */
function reportDuplicateKeys(file: DataFile, node: Node, at: JsonPath, data: FactData): void {
  if (node.type === "object") {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key) continue;
      const name = String(key.value);
      if (seen.has(name)) {
        if (!duplicated.has(file)) duplicated.set(file, new Set());
        duplicated.get(file)!.add(formatJsonPath([...at, name]));
        const what = at.length === 1 && (at[0] === "facts" || at[0] === "costs") ? (at[0] === "facts" ? "fact id" : "cost id") : "key";
        issue(data, file, [...at, name], `Duplicate ${what} \`${name}\`: JSON keeps only the last one; rename or remove one`, { key: true, node: key });
      }
      seen.add(name);
      if (value) reportDuplicateKeys(file, value, [...at, name], data);
    }
  } else if (node.type === "array") {
    (node.children ?? []).forEach((child, index) => reportDuplicateKeys(file, child, [...at, index], data));
  }
}

function collectFacts(file: DataFile, data: FactData): void {
  if (!file.root) return;
  const parsed = validate(file, factFileSchema, getNodeValue(file.root), [], data);
  if (!parsed) return;
  const stem = path.basename(file.path, ".json");
  for (const [key, raw] of Object.entries(parsed.facts)) {
    const at: JsonPath = ["facts", key];
    // JSON keeps the last of two equal keys but the node lookup finds the first: report only the duplicate.
    if (duplicated.get(file)?.has(formatJsonPath(at))) continue;
    if (!KEBAB.test(key)) {
      issue(data, file, at, `Fact key \`${key}\` is not kebab-case (a-z, 0-9 and single hyphens)`, { key: true });
      continue;
    }
    const fact = validate(file, factSchema, raw, at, data);
    if (!fact) continue;
    let valid = true;
    if (fact.as_of > data.today) {
      issue(data, file, [...at, "as_of"], `\`${formatJsonPath([...at, "as_of"])}\`: ${fact.as_of} is in the future (today is ${data.today}); as_of is the day the source was checked`);
      valid = false;
    }
    if (fact.unverified && fact.note === undefined) {
      issue(data, file, [...at, "unverified"], `\`${formatJsonPath(at)}\`: an unverified record needs a \`note\` saying what could not be verified`);
      valid = false;
    }
    const service = fact.service ?? parsed.service;
    if (service === undefined) {
      issue(data, file, at, `\`${formatJsonPath(at)}\`: missing \`service\`; add it to the file (for all its records) or to the record`, { key: true });
      valid = false;
    }
    const id = `${stem}.${key}`;
    if (valid && KEBAB.test(stem)) data.facts.set(id, { ...fact, service: service!, id, file: file.relPath });
  }
}

function collectCosts(file: DataFile, data: FactData): void {
  if (!file.root) return;
  const parsed = validate(file, costFileSchema, getNodeValue(file.root), [], data);
  if (!parsed) return;
  for (const [id, raw] of Object.entries(parsed.costs)) {
    const at: JsonPath = ["costs", id];
    if (duplicated.get(file)?.has(formatJsonPath(at))) continue;
    if (!KEBAB.test(id)) {
      issue(data, file, at, `Cost id \`${id}\` is not kebab-case (a-z, 0-9 and single hyphens)`, { key: true });
      continue;
    }
    const cost = validate(file, costSchema, raw, at, data);
    if (!cost) continue;
    const other = data.costs.get(id);
    if (other) {
      issue(data, file, at, `Cost id \`${id}\` is also defined in ${other.file}; cost ids are global, so prefix them with the topic`, { key: true });
      continue;
    }
    let valid = true;
    cost.items.forEach((item, index) => {
      const where: JsonPath = [...at, "items", index, "fact"];
      const fact = data.facts.get(item.fact);
      let problem: string | undefined;
      if (!fact) problem = `names no record in skill/data: \`${item.fact}\``;
      else if (!isPrice(fact)) problem = `\`${item.fact}\` is not a price (its unit \`${fact.unit}\` does not start with USD)`;
      else if (fact.region !== cost.region && fact.region !== "global") {
        problem = `\`${item.fact}\` is priced in ${fact.region}, but the cost is for ${cost.region}`;
      }
      if (problem) {
        issue(data, file, where, `\`${formatJsonPath(where)}\` ${problem}`);
        valid = false;
      }
    });
    if (valid) data.costs.set(id, { ...cost, id, file: file.relPath });
  }
}

/** Runs a schema; each zod issue becomes a DataIssue placed on the JSON node it is about. */
function validate<T extends z.ZodType>(file: DataFile, schema: T, value: unknown, at: JsonPath, data: FactData): z.infer<T> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const zodIssue of result.error.issues) {
    const where: JsonPath = [...at, ...(zodIssue.path as JsonPath)];
    if (zodIssue.code === "unrecognized_keys") {
      for (const key of zodIssue.keys) {
        const allowed = allowedKeys(schema, zodIssue.path as JsonPath).join(", ");
        issue(data, file, [...where, key], `\`${formatJsonPath(where) || "(top level)"}\`: unknown key \`${key}\`; allowed keys: ${allowed}`, { key: true });
      }
      continue;
    }
    const node = file.root ? findNodeAtLocation(file.root, where) : undefined;
    const last = where[where.length - 1];
    if (!node && typeof last === "string") {
      const help = FIELD_HELP[last];
      issue(data, file, where, `\`${formatJsonPath(where.slice(0, -1)) || "(top level)"}\`: missing \`${last}\`${help ? ` (${help})` : ""}`);
    } else {
      issue(data, file, where, `\`${formatJsonPath(where) || "(top level)"}\` ${zodIssue.message}`);
    }
  }
  return undefined;
}

/** The keys the object schema at `at` (inside `schema`) accepts. */
function allowedKeys(schema: z.ZodType, at: JsonPath): string[] {
  let current: unknown = schema;
  for (const part of at) {
    while (current instanceof ZodOptional) current = current.unwrap();
    if (current instanceof ZodObject) current = current.shape[String(part)];
    else if (current instanceof ZodArray) current = current.element;
    else if (current instanceof ZodRecord) current = current.valueType;
  }
  while (current instanceof ZodOptional) current = current.unwrap();
  return current instanceof ZodObject ? Object.keys(current.shape) : [];
}

/**
 * Records a problem at the node for `at`: the value (or, with `key`, the property name); for a
 * missing node, the nearest enclosing property's name.
 */
function issue(data: FactData, file: DataFile, at: JsonPath, reason: string, options: { key?: boolean; node?: Node } = {}): void {
  let node = options.node;
  let wantKey = options.key === true;
  for (let depth = at.length; !node && file.root && depth >= 0; depth--) {
    node = findNodeAtLocation(file.root, at.slice(0, depth));
    if (node && depth < at.length) wantKey = true;
  }
  if (node && wantKey && node.parent?.type === "property" && node.parent.children?.[1] === node) node = node.parent.children[0];
  const offset = node?.offset ?? 0;
  const length = node?.length ?? 0;
  data.issues.push({ file, path: at, reason, place: { start: position(file.text, offset), end: position(file.text, offset + length) } });
}

/** 1-based line and column of an offset. */
export function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where a JSON path's value is, for messages about a valid record (freshness). */
export function placeOf(file: DataFile, at: JsonPath): Place {
  const node = file.root ? findNodeAtLocation(file.root, at) : undefined;
  const offset = node?.offset ?? 0;
  return { start: position(file.text, offset), end: position(file.text, offset + (node?.length ?? 0)) };
}
