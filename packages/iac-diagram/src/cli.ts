// iac-diagram [--format mermaid|json] [--fold services|none|auto] [--show-glue] [--write|--check] <path>
// Draws the infrastructure at <path>; --write puts the diagram into the README beside it, --check
// fails when the README's diagram is not what the code draws now.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import writeFileAtomic from "write-file-atomic";
import { formatDiagnostic } from "@aws-patterns/iac-check/loaders";
import { buildDiagram, type FoldMode } from "./build-diagram.js";
import { loadInput, UsageError } from "./load-input.js";
import { renderMermaid } from "./mermaid.js";
import { currentSection, MarkerError, renderSection, withSection } from "./readme-section.js";

const USAGE = `Usage: iac-diagram [options] <path>

Draws the architecture of a CDK app folder (cdk.json; its cdk.out is used when it is newer than
the sources, otherwise the app is synthesized), a cdk.out folder, a CloudFormation template (or a
folder of them) or a Terraform module folder, as a Mermaid flowchart.

Options:
  --format <mermaid|json>      mermaid (default) or the graph as JSON (--json is --format json)
  --fold <auto|services|none>  auto (default): one node per resource, one per service past 40;
                               services: always one node per service; none: never fold
  --show-glue                  draw IAM, log groups, alarms, subnets' plumbing... as nodes too
  --write (or --fix)           put the diagram into README.md next to <path> (between markers)
  --check                      exit 1 if README.md's diagram differs from what the code draws
  --synth                      synthesize a CDK app even if its cdk.out looks fresh
  --timeout <seconds>          time limit for synthesizing a CDK app (default 180)
  -h, --help                   show this help

Exit codes: 0 done, 1 the README's diagram is missing or out of date (--check), 2 usage or input error.`;

export interface CliHooks {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

export async function runCli(argv: string[], hooks: CliHooks = {}): Promise<number> {
  const out = hooks.stdout ?? ((t: string) => process.stdout.write(t));
  const err = hooks.stderr ?? ((t: string) => process.stderr.write(t));
  const usage = (message: string): number => {
    err(`iac-diagram: ${message}\n\n${USAGE}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "mermaid" },
        json: { type: "boolean", default: false },
        fold: { type: "string", default: "auto" },
        "show-glue": { type: "boolean", default: false },
        write: { type: "boolean", default: false },
        fix: { type: "boolean", default: false },
        check: { type: "boolean", default: false },
        synth: { type: "boolean", default: false },
        timeout: { type: "string", default: "180" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE + "\n");
    return 0;
  }
  const write = values.write || values.fix;
  if (values.json) values.format = "json";
  if (values.format !== "mermaid" && values.format !== "json") return usage(`--format must be mermaid or json, not "${values.format}"`);
  if (!["auto", "services", "none"].includes(values.fold)) return usage(`--fold must be auto, services or none, not "${values.fold}"`);
  if (write && values.check) return usage("--write and --check cannot be combined: --write updates the README, --check only compares");
  if ((write || values.check) && values.format === "json") return usage("a README holds the Mermaid diagram: drop --format json with --write or --check");
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) return usage(`--timeout must be a positive number of seconds, not "${values.timeout}"`);
  if (positionals.length !== 1) return usage(positionals.length === 0 ? "name the path to draw" : `draw one path at a time (got ${positionals.length})`);
  const path = positionals[0]!;

  let loaded;
  try {
    loaded = await loadInput(path, { synth: values.synth ? "always" : "auto", timeoutMs: timeoutSeconds * 1000 });
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  if ("diagnostics" in loaded) {
    // Nothing is drawn, and nothing is written: a README keeps its last good diagram.
    for (const d of loaded.diagnostics) err(formatDiagnostic(d) + "\n");
    err(`iac-diagram: cannot draw ${path}: fix the error${loaded.diagnostics.length > 1 ? "s" : ""} above${write ? " (README.md was left as it was)" : ""}\n`);
    return 2;
  }
  const diagram = buildDiagram(path, loaded.sets, { fold: values.fold as FoldMode, showGlue: values["show-glue"] });
  const mermaid = renderMermaid(diagram);
  if (!write && !values.check) {
    if (values.format === "json") out(JSON.stringify({ ...diagram, input: { kind: loaded.kind, ...(loaded.from ? { from: loaded.from } : {}) } }, null, 2) + "\n");
    else out(mermaid + diagram.notes.map((n) => `%% ${n}\n`).join(""));
    return 0;
  }

  const readmeFile = join(existsSyncDir(path) ? path : dirname(path), "README.md");
  const shown = relative(process.cwd(), readmeFile) || readmeFile;
  const flags = [values.fold !== "auto" ? `--fold ${values.fold}` : "", values["show-glue"] ? "--show-glue" : ""].filter(Boolean).join(" ");
  const regenerate = `iac-diagram --write ${flags ? `${flags} ` : ""}${path}`;
  let readme: string;
  try {
    readme = readFileSync(readmeFile, "utf8");
  } catch {
    err(`${shown}  error  there is no README.md to ${write ? "write the diagram into" : "check"}: create one (the diagram goes into a "## Diagram" section), or print the diagram with iac-diagram ${path}  iac-diagram/no-readme\n`);
    return 2;
  }
  const section = renderSection(mermaid, diagram.notes);
  if (values.check) {
    const current = currentSection(readme);
    if (current === section) return 0;
    const line = current === undefined ? 1 : readme.split("\n").findIndex((l) => l.startsWith("<!-- diagram:start")) + 1;
    const problem = current === undefined ? "has no generated diagram (no <!-- diagram:start --> ... <!-- diagram:end --> section)" : "has a diagram that differs from what the infrastructure code draws now (the code changed, or the section was edited by hand)";
    err(`${shown}:${line}:1  error  ${problem}: regenerate it with \`${regenerate}\`${workspaceHint(path, flags)}  iac-diagram/stale\n`);
    return 1;
  }
  let next: string;
  try {
    next = withSection(readme, section);
  } catch (error) {
    if (!(error instanceof MarkerError)) throw error;
    err(`${shown}  error  ${error.message}  iac-diagram/markers\n`);
    return 2;
  }
  if (next === readme) {
    err(`iac-diagram: ${shown}: the diagram is up to date\n`);
    return 0;
  }
  // Atomic: a reader never sees half a README, and a failure leaves the old one whole.
  await writeFileAtomic(readmeFile, next);
  err(`iac-diagram: ${shown}: diagram written (${diagram.nodes.length} nodes, ${diagram.edges.length} edges)\n`);
  return 0;
}

function existsSyncDir(path: string): boolean {
  return existsSync(join(path, "."));
}

/** In a workspace package that depends on iac-diagram, the command that runs it from the repository root. */
function workspaceHint(path: string, flags: string): string {
  const dir = existsSyncDir(path) ? path : dirname(path);
  try {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; devDependencies?: Record<string, string> };
    if (pkg.name && pkg.devDependencies?.["@aws-patterns/iac-diagram"]) {
      return ` (from the repository root: pnpm --filter ${pkg.name} exec iac-diagram --write ${flags ? `${flags} ` : ""}.)`;
    }
  } catch {
    /* not a package folder */
  }
  return "";
}
