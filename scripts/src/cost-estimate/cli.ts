// cost-estimate: a monthly cost estimate of a CloudFormation template, a cdk.out or a Terraform
// module, from the skill's price records, offline. Exit 0; 1 when --budget is exceeded or a
// README's cost section (--check) differs from the estimate; 2 for a usage or input error.
import path from "node:path";
import { EXIT, parseCommandLine, runMain, runScript, UsageError, type Io } from "../shared/cli.js";
import { estimateCost } from "./estimate.js";
import { formatJson, formatMarkdown, type Budget } from "./format.js";
import { loadInput } from "./load-input.js";
import { loadPriceBook } from "./prices.js";
import { checkSection, writeSection } from "./readme.js";
import { COMMON_KEYS, USAGE_CATEGORIES } from "./usage-keys.js";
import { addSet, emptyProfile, parseFlagValue, readUsageProfile } from "./usage.js";

/** Flags that set one usage key on every resource whose kind has it. */
const USAGE_FLAGS: Record<string, string> = {
  requests: "requests",
  "duration-ms": "duration_ms",
  "gb-stored": "gb_stored",
  "gb-transferred": "gb_transferred",
  "gb-processed": "gb_processed",
  hours: "hours",
};

function usageTable(): string {
  const lines = Object.entries(USAGE_CATEGORIES).map(([kind, category]) => {
    const keys = Object.entries(category.keys).map(([key, spec]) => `    ${key} = ${spec.default}: ${spec.doc}`);
    return [`  ${kind} (${category.types.join(", ")})`, ...keys].join("\n");
  });
  const common = Object.entries(COMMON_KEYS).map(([key, spec]) => `    ${key} = ${spec.default}: ${spec.doc}`);
  return [`  every resource`, ...common, ...lines].join("\n");
}

const HELP = `Usage: cost-estimate <template | cdk.out | terraform-folder> [options]

Estimates the monthly cost of what a CloudFormation template (JSON or YAML), a synthesized CDK
app (cdk.out) or a Terraform module folder deploys, from the price records in the skill's
skill/data (embedded in this script; no network). Lists each resource's priced dimensions with
quantity, unit price and monthly cost, the total, every assumption, and the date of the prices.
A resource it cannot price is listed as not priced, never counted as zero.

Options:
  --usage <file>         usage profile (YAML): hours, types.<kind>.<key>, resources.<name>.<key>
  --set <name.key=value> one usage value; <name> is a kind below or a resource (logical id,
                         CDK construct path, Terraform address); repeatable
  --requests <n>         requests a month, for every kind that has requests
  --duration-ms <n>      Lambda average duration
  --gb-stored <n>        GB stored, for every kind that stores data
  --gb-transferred <n>   GB delivered by CloudFront
  --gb-processed <n>     GB through each NAT gateway and interface endpoint
  --hours <n>            hours a month (default 730)
  --region <code>        AWS Region (default us-east-1); a Region without price records is an error
  --budget <usd>         exit 1 when the monthly total is above this amount
  --json                 the same data as JSON
  --write <README.md>    replace the README's section between <!-- cost-estimate:start --> and
                         <!-- cost-estimate:end --> with the estimate
  --check <README.md>    exit 1 when that section differs from the estimate
  --section <name>       the section <!-- cost-estimate:start <name> --> (when a README has several)
  --stack <name>         price only this stack of a cdk.out (repeatable)
  -h, --help             this help

Precedence, lowest first: the defaults below, values read from the template (a service's desired
count, a load balancer's subnets), the profile's types, the profile's resources, the flags, --set.

Kinds of resources, their usage keys and defaults:
${usageTable()}

Exit codes: 0 done; 1 over --budget, or --check found a difference; 2 usage or input error.
`;

const OPTIONS = {
  usage: { type: "string" },
  set: { type: "string", multiple: true },
  requests: { type: "string" },
  "duration-ms": { type: "string" },
  "gb-stored": { type: "string" },
  "gb-transferred": { type: "string" },
  "gb-processed": { type: "string" },
  hours: { type: "string" },
  region: { type: "string", default: "us-east-1" },
  budget: { type: "string" },
  json: { type: "boolean", default: false },
  write: { type: "string" },
  check: { type: "string" },
  section: { type: "string", default: "" },
  stack: { type: "string", multiple: true },
} as const;

export async function main(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, { name: "cost-estimate", help: HELP, options: OPTIONS, positionals: { min: 1, max: 1, name: "template | cdk.out | terraform-folder" } });
  if (parsed.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const { values } = parsed;
  if (values.write && values.check) throw new UsageError("cost-estimate: --write and --check exclude each other");
  const readme = values.write ?? values.check;
  // In a README, the profile is named as a reader of that README finds it (next to it, usually).
  const profile = values.usage ? readUsageProfile(values.usage, readme ? path.relative(path.dirname(readme), values.usage) : values.usage) : emptyProfile();
  for (const [flag, key] of Object.entries(USAGE_FLAGS)) {
    const text = values[flag as keyof typeof values];
    if (typeof text === "string") profile.flags.set(key, { value: parseFlagValue(`--${flag}`, key, text, undefined), source: `--${flag}` });
  }
  for (const text of values.set ?? []) addSet(profile, text);
  let budget: Budget | undefined;
  if (values.budget !== undefined) {
    const usd = Number(values.budget.replace(/^\$/, ""));
    if (!Number.isFinite(usd) || usd < 0 || values.budget.trim() === "") throw new UsageError(`--budget ${values.budget}: not an amount in USD`, "For example `--budget 250`.");
    budget = { usd, exceeded: false };
  }
  const input = await loadInput(parsed.positionals[0]!);
  if (values.stack) {
    const stacks = new Set(input.resources.map((r) => r.stack));
    const unknown = values.stack.filter((name) => !stacks.has(name));
    if (input.kind !== "cdk.out" || unknown.length > 0) {
      throw new UsageError(`--stack ${unknown[0] ?? values.stack[0]}: ${input.kind === "cdk.out" ? "no such stack in the cloud assembly" : "only a cdk.out has stacks"}`, input.kind === "cdk.out" ? `Stacks: ${[...stacks].join(", ")}.` : undefined);
    }
    input.resources = input.resources.filter((r) => values.stack!.includes(r.stack!));
    input.description += `, priced: ${values.stack.join(", ")}`;
  }
  const estimate = estimateCost(input, profile, loadPriceBook(), values.region);
  if (budget) budget.exceeded = estimate.totalUsd > budget.usd;

  if (readme) {
    const generated = formatMarkdown(estimate, { header: false });
    if (values.write) {
      const which = values.section ? ` ${values.section}` : "";
      io.stdout(writeSection(readme, generated, values.section) ? `${readme}: cost section${which} updated\n` : `${readme}: cost section${which} already up to date\n`);
      return EXIT.clean;
    }
    const line = checkSection(readme, generated, values.section);
    if (line === undefined) {
      io.stdout(`${readme}: cost section${values.section ? ` ${values.section}` : ""} matches the estimate\n`);
      return EXIT.clean;
    }
    io.stderr(`${readme}:${line}: the cost section${values.section ? ` ${values.section}` : ""} differs from what cost-estimate computes; regenerate it with the same command and --write ${readme} instead of --check\n`);
    return EXIT.findings;
  }
  io.stdout(values.json ? formatJson(estimate, budget) : formatMarkdown(estimate, { budget }));
  return budget?.exceeded ? EXIT.findings : EXIT.clean;
}

export function runCostEstimate(argv: string[], io: Io): Promise<number> {
  return runMain("cost-estimate", (streams) => main(argv, streams), io);
}

// Run when this file is the program (the built bin/cost-estimate.mjs), not when a test imports it.
if (process.argv[1] && /cost-estimate(\.mjs|[\\/]cli\.ts)$/.test(process.argv[1])) {
  runScript("cost-estimate", (io) => main(process.argv.slice(2), io));
}
