// Version pinning: `required_providers` pins every provider iac-check has a schema for to the
// major version of the bindings the schema came from (a constraint that admits another major
// would let `terraform init` pick a provider the offline check never saw), and every registry
// module source carries a version constraint.

import type { Diagnostic } from "../language.js";
import { diagnosticAt } from "./diagnostics.js";
import { topBlocks, type TfBlock, type TfModule } from "./model.js";
import { normalizeSource, providerLocalName, providerSchemas } from "./provider-schema.js";

interface RequiredProvider {
  localName: string;
  source?: string;
  version?: string;
  block: TfBlock;
  line: number;
  column: number;
}

function requiredProviders(module: TfModule): RequiredProvider[] {
  const out: RequiredProvider[] = [];
  for (const terraform of topBlocks(module, "terraform")) {
    for (const rp of terraform.blocks.filter((b) => b.type === "required_providers")) {
      for (const attr of rp.attributes) {
        const v = attr.value;
        const entry = typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
        out.push({
          localName: attr.name,
          source: typeof entry.source === "string" ? entry.source : undefined,
          version: typeof entry.version === "string" ? entry.version : typeof v === "string" ? v : undefined,
          block: rp,
          line: attr.position.line,
          column: attr.position.column,
        });
      }
    }
  }
  return out;
}

/** Provider local name -> source address, from required_providers. */
export function providerSources(module: TfModule): Map<string, string> {
  const map = new Map<string, string>();
  for (const rp of requiredProviders(module)) map.set(rp.localName, normalizeSource(rp.source ?? `hashicorp/${rp.localName}`));
  return map;
}

export function checkVersions(module: TfModule): Diagnostic[] {
  const out: Diagnostic[] = [];
  const required = requiredProviders(module);
  const schemas = providerSchemas();

  // Which providers with a known schema does the module use, and where first?
  const used = new Map<string, TfBlock>();
  for (const file of module.files) {
    for (const block of file.blocks) {
      const local = block.type === "resource" || block.type === "data" ? providerLocalName(block.labels[0] ?? "") : block.type === "provider" ? block.labels[0] : undefined;
      if (local && !used.has(local)) used.set(local, block);
    }
  }
  for (const [local, firstUse] of used) {
    const entry = required.find((r) => r.localName === local);
    const source = normalizeSource(entry?.source ?? `hashicorp/${local}`);
    const schema = schemas.get(source);
    if (!schema) continue;
    const wanted = `~> ${schema.header.providerVersion.split(".")[0]}.0`;
    if (!entry) {
      out.push(diagnosticAt(firstUse.file, firstUse.position, "error", "tf/provider-not-pinned", `Provider "${local}" is used but not in terraform { required_providers { ... } }: add ${local} = { source = "${source}", version = "${wanted}" }.`));
      continue;
    }
    const at = { line: entry.line, column: entry.column };
    if (!entry.source) {
      out.push(diagnosticAt(entry.block.file, at, "error", "tf/provider-not-pinned", `required_providers.${local} has no source: write ${local} = { source = "${source}", version = "${wanted}" }.`));
    }
    if (!entry.version) {
      out.push(diagnosticAt(entry.block.file, at, "error", "tf/provider-not-pinned", `required_providers.${local} has no version constraint: add version = "${wanted}" (the offline schema is ${source} ${schema.header.providerVersion}).`));
      continue;
    }
    const major = Number(schema.header.providerVersion.split(".")[0]);
    const constraint = parseConstraint(entry.version);
    if (!constraint) {
      out.push(diagnosticAt(entry.block.file, at, "error", "tf/provider-version", `required_providers.${local}.version "${entry.version}" is not a valid version constraint: write "${wanted}".`));
      continue;
    }
    const admitsBindings = constraint.every((c) => satisfies(schema.header.providerVersion, c));
    const admitsOtherMajor = [`${major + 1}.0.0`, `${major - 1}.999.999`].some((v) => major - 1 >= 0 && constraint.every((c) => satisfies(v, c)));
    if (!admitsBindings || admitsOtherMajor) {
      out.push(
        diagnosticAt(entry.block.file, at, "error", "tf/provider-version", `required_providers.${local}.version "${entry.version}" ${admitsBindings ? "admits other major versions" : `excludes ${schema.header.providerVersion}`}; iac-check's schema is ${source} ${schema.header.providerVersion} (bindings ${schema.header.bindingsPackage} ${schema.header.bindingsVersion}): pin it to "${wanted}".`),
      );
    }
  }

  for (const mod of topBlocks(module, "module")) {
    const source = mod.attributes.find((a) => a.name === "source");
    const version = mod.attributes.find((a) => a.name === "version");
    if (typeof source?.value !== "string") continue;
    if (isRegistrySource(source.value) && !version) {
      out.push(diagnosticAt(mod.file, source.position, "error", "tf/module-version", `module.${mod.labels[0]} comes from the registry ("${source.value}") without a version: add version = "~> X.Y" so every init gets the same code.`, `module.${mod.labels[0]}`));
    } else if (/^(git::|github\.com\/|bitbucket\.org\/)/.test(source.value) && !/[?&]ref=/.test(source.value)) {
      out.push(diagnosticAt(mod.file, source.position, "error", "tf/module-version", `module.${mod.labels[0]} comes from git without a ref: append ?ref=<tag or commit> to the source.`, `module.${mod.labels[0]}`));
    }
  }
  return out;
}

/** `namespace/name/provider` or `host/namespace/name/provider`, optionally with `//subdir`. */
export function isRegistrySource(source: string): boolean {
  if (/^(\.\.?\/|\/|[a-z0-9]+::|https?:|github\.com\/|bitbucket\.org\/|git@|s3::|gcs::)/.test(source)) return false;
  const path = source.split("//")[0]!;
  return /^([a-z0-9.-]+\.[a-z]+\/)?[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9]+$/.test(path);
}

interface Constraint {
  op: string;
  version: number[];
  /** Number of parts written: `~> 6.0` locks the major, `~> 6.0.1` locks the minor. */
  parts: number;
}

export function parseConstraint(text: string): Constraint[] | undefined {
  const parts = text.split(",").map((p) => p.trim());
  const out: Constraint[] = [];
  for (const p of parts) {
    const m = /^(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?$/.exec(p);
    if (!m) return undefined;
    const version = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    out.push({ op: m[1] ?? "=", version, parts: m[4] !== undefined ? 3 : m[3] !== undefined ? 2 : 1 });
  }
  return out;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

export function satisfies(versionText: string, c: Constraint): boolean {
  const v = versionText.split(".").map(Number);
  const cmp = compare(v, c.version);
  switch (c.op) {
    case "=":
      return cmp === 0;
    case "!=":
      return cmp !== 0;
    case ">":
      return cmp > 0;
    case ">=":
      return cmp >= 0;
    case "<":
      return cmp < 0;
    case "<=":
      return cmp <= 0;
    case "~>": {
      if (cmp < 0) return false;
      // `~> 6.0` allows >= 6.0 < 7.0; `~> 6.1.2` allows >= 6.1.2 < 6.2.0; `~> 6` allows any 6+.
      if (c.parts === 1) return true;
      const locked = c.parts - 1;
      for (let i = 0; i < locked; i++) if (v[i] !== c.version[i]) return false;
      return true;
    }
    default:
      return false;
  }
}
