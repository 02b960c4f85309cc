#!/usr/bin/env node
// Derives the compact provider schemas in ../schema/ from the CDK Terrain prebuilt provider
// bindings pinned in ../schema/pin.json. The bindings (@cdktn/provider-aws unpacks to ~480 MB and
// declares Node 22+) are only the source of the schema, so they never enter the workspace: this
// script fetches the pinned tarball with `npm pack` into a temp folder, reads it, and deletes it.
// Run it only when pin.json changes:  node packages/iac-check/scripts/generate-provider-schemas.mjs
//
// What the bindings' generated JavaScript says, per resource/data source folder lib/<name>/:
//  - `static tfResourceType = "aws_x"` names the Terraform type; the class extends
//    cdktn.TerraformResource or cdktn.TerraformDataSource.
//  - `synthesizeHclAttributes()` (top level) and `<struct>ToHclTerraform(struct)` (nested blocks)
//    list every argument with `isBlock`, `type` (simple|list|set|map|struct) and
//    `storageClassType` (string, numberList, <Struct>List, ...): argument vs block, and the type.
//  - each getter is preceded by `// <tf_name> - computed: B, optional: B, required: B`, in the
//    resource class and in each nested `<Struct>OutputReference` class: required flags and the
//    computed-only attributes a resource exports.
// The index.d.ts config interfaces carry the same required flags (`?`) but with camelCase names,
// so the JavaScript is the simpler and more reliable source.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, renameSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(here, "..", "schema");
const pin = JSON.parse(readFileSync(join(schemaDir, "pin.json"), "utf8"));
const NPM_TIMEOUT_MS = 10 * 60 * 1000;
const TAR_TIMEOUT_MS = 5 * 60 * 1000;

const CLASS_HEADER = /^class (\w+) extends ([\w.]+) \{$/gm;
const STRUCT_FUNCTION = /^function (\w+)ToHclTerraform\(struct\) \{$/gm;
const FLAGS_COMMENT = /^\s*\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)$/gm;

/** Splits generated JS into `name -> text` chunks starting at each match of `header`. */
function chunks(text, header) {
  const out = new Map();
  const starts = [...text.matchAll(header)];
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : text.length;
    out.set(m[1], { base: m[2], text: text.slice(m.index, end) });
  });
  return out;
}

/** Reads the `name: { value, isBlock, type, storageClassType }` entries of one attrs literal. */
function hclEntries(text) {
  const lines = text.slice(0, text.indexOf("\n}\n") >= 0 ? text.indexOf("\n}\n") : text.length).split("\n");
  const entries = [];
  for (let i = 0; i + 4 < lines.length; i++) {
    const name = /^\s*(\w+): \{$/.exec(lines[i])?.[1];
    if (!name || !/^\s*value: /.test(lines[i + 1])) continue;
    const isBlock = /^\s*isBlock: (true|false),$/.exec(lines[i + 2])?.[1];
    const kind = /^\s*type: "(\w+)",$/.exec(lines[i + 3])?.[1];
    const storage = /^\s*storageClassType: "(\w+)",?$/.exec(lines[i + 4])?.[1];
    if (isBlock && kind && storage) entries.push({ name, isBlock: isBlock === "true", kind, storage });
  }
  return entries;
}

function flagComments(text) {
  const flags = new Map();
  for (const m of text.matchAll(FLAGS_COMMENT)) {
    flags.set(m[1], { computed: m[2] === "true", optional: m[3] === "true", required: m[4] === "true" });
  }
  return flags;
}

const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

/** Builds one block schema: { a: {name: {t, r?, c?}}, b: {name: {n, ...block}}, x: [exported] }. */
function buildBlock(entries, flags, structs, classes, depth) {
  const block = { a: {}, b: {} };
  for (const e of entries) {
    const f = flags.get(e.name) ?? { computed: false, optional: true, required: false };
    if (e.isBlock) {
      const structName = e.storage.replace(/(List|Map)$/, "");
      const fn = structs.get(lowerFirst(structName));
      const ref = classes.get(`${structName}OutputReference`);
      const nested =
        fn && depth < 12
          ? buildBlock(hclEntries(fn.text), ref ? flagComments(ref.text) : new Map(), structs, classes, depth + 1)
          : { a: {}, b: {} };
      block.b[e.name] = { n: e.kind, ...(f.required ? { r: 1 } : {}), ...nested };
    } else {
      block.a[e.name] = { t: e.storage, ...(f.required ? { r: 1 } : {}), ...(f.computed ? { c: 1 } : {}) };
    }
  }
  const exported = [...flags.entries()]
    .filter(([name, f]) => f.computed && !f.optional && !f.required && !(name in block.a) && !(name in block.b))
    .map(([name]) => name);
  if (exported.length > 0) block.x = exported.sort();
  if (Object.keys(block.b).length === 0) delete block.b;
  return block;
}

function readFolder(folder) {
  return readdirSync(folder, { recursive: true })
    .filter((f) => String(f).endsWith(".js"))
    .map((f) => readFileSync(join(folder, String(f)), "utf8"))
    .join("\n");
}

function deriveSchema(packageRoot, entry) {
  const lib = join(packageRoot, "lib");
  const schema = { provider: undefined, resources: {}, dataSources: {} };
  let providerVersion;
  let providerVersionConstraint;
  for (const name of readdirSync(lib).sort()) {
    const folder = join(lib, name);
    if (!statSync(folder).isDirectory()) continue;
    const text = readFolder(folder);
    const classes = chunks(text, CLASS_HEADER);
    const structs = chunks(text, STRUCT_FUNCTION);
    for (const [, cls] of classes) {
      const type = /static tfResourceType = "([\w-]+)";/.exec(cls.text)?.[1];
      if (!type) continue;
      const synth = cls.text.indexOf("synthesizeHclAttributes()");
      if (synth < 0) throw new Error(`${name}: ${type} has no synthesizeHclAttributes()`);
      const block = buildBlock(hclEntries(cls.text.slice(synth)), flagComments(cls.text), structs, classes, 0);
      if (cls.base === "cdktn.TerraformProvider") {
        schema.provider = block;
        providerVersion = /providerVersion: '([^']+)'/.exec(cls.text)?.[1];
        providerVersionConstraint = /providerVersionConstraint: '([^']+)'/.exec(cls.text)?.[1];
      } else if (cls.base === "cdktn.TerraformDataSource") schema.dataSources[type] = block;
      else if (cls.base === "cdktn.TerraformResource") schema.resources[type] = block;
    }
  }
  if (!schema.provider || !providerVersion) throw new Error(`${entry.bindingsPackage}: no provider class found`);
  return {
    header: {
      providerSource: entry.providerSource,
      bindingsPackage: entry.bindingsPackage,
      bindingsVersion: entry.bindingsVersion,
      providerVersion,
      providerVersionConstraint,
      generatedAt: new Date().toISOString(),
      generator: "packages/iac-check/scripts/generate-provider-schemas.mjs",
    },
    ...schema,
  };
}

function generate(entry) {
  const work = mkdtempSync(join(tmpdir(), "iac-check-schema-"));
  try {
    const spec = `${entry.bindingsPackage}@${entry.bindingsVersion}`;
    console.log(`fetching ${spec} ...`);
    const tarball = execFileSync("npm", ["pack", spec, "--pack-destination", work, "--silent"], {
      encoding: "utf8",
      timeout: NPM_TIMEOUT_MS,
      stdio: ["ignore", "pipe", "inherit"],
    })
      .trim()
      .split("\n")
      .pop();
    execFileSync("tar", ["-xzf", join(work, tarball), "-C", work], { timeout: TAR_TIMEOUT_MS });
    const schema = deriveSchema(join(work, "package"), entry);
    const target = join(schemaDir, entry.file);
    const temp = `${target}.tmp-${process.pid}`;
    writeFileSync(temp, JSON.stringify(schema) + "\n");
    renameSync(temp, target);
    console.log(
      `${entry.file}: ${Object.keys(schema.resources).length} resources, ${Object.keys(schema.dataSources).length} data sources, provider ${schema.header.providerVersion}, ${(statSync(target).size / 1e6).toFixed(1)} MB`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const only = process.argv[2];
for (const entry of pin.providers) {
  if (only && entry.providerSource !== only) continue;
  if (!existsSync(schemaDir)) throw new Error(`missing ${schemaDir}`);
  generate(entry);
}
