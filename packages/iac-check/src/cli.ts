// iac-check <path>...: finds CDK apps, CloudFormation templates, Terraform modules (whatever ./languages.ts
// lists) under the given paths, checks each language's targets in one batch, prints diagnostics,
// writes a JSON report next to every target and exits 1 when anything is an error.
import { parseArgs } from "node:util";
import { resolveTargets, UsageError } from "./resolve-targets.js";
import { languages } from "./languages.js";
import type { CheckReport, Diagnostic } from "./language.js";
import { formatDiagnostic, writeReports } from "./report.js";
import { closeCheckEngine } from "./shared/client.js";

const USAGE = `Usage: iac-check [options] <path>...

A path is a CDK app folder (has cdk.json), a CloudFormation template (.yaml, .yml, .json),
a Terraform module folder (*.tf, *.tf.json), or a folder that contains them (node_modules,
cdk.out and dist are skipped).

Options:
  --fix               rewrite what can be fixed mechanically instead of reporting it
  --format <text|json>  text (default): one line per finding; json: the full reports on stdout
  --timeout <seconds>   time limit per app or template (default 180)
  --no-report         do not write iac-check-report.json files
  -h, --help          show this help`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        fix: { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        timeout: { type: "string", default: "180" },
        "no-report": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (values.format !== "text" && values.format !== "json") return usage(`--format must be text or json, not "${values.format}"`);
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) return usage(`--timeout must be a positive number of seconds, not "${values.timeout}"`);
  if (positionals.length === 0) return usage("name at least one path to check");

  let plan;
  try {
    plan = resolveTargets(positionals, languages);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }

  const reports: CheckReport[] = [];
  try {
    for (const { language, targets } of plan.batches) {
      reports.push(...(await language.check(targets, { fix: values.fix, timeoutMs: timeoutSeconds * 1000 })));
    }
  } finally {
    await closeCheckEngine();
  }
  const diagnostics: Diagnostic[] = [...plan.diagnostics, ...reports.flatMap((report) => report.diagnostics)];

  // Findings first: a report file that cannot be written must not take them with it.
  if (values.format === "json") {
    process.stdout.write(JSON.stringify({ reports, diagnostics: plan.diagnostics }, null, 2) + "\n");
  } else {
    for (const diagnostic of diagnostics) process.stdout.write(formatDiagnostic(diagnostic) + "\n");
  }
  const reportWarnings = values["no-report"] ? [] : await writeReports(reports);
  for (const warning of reportWarnings) process.stderr.write(`iac-check: ${formatDiagnostic(warning)}\n`);
  if (values.format === "text") {
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    const checked = reports.map((r) => `${r.language} ${r.target}`).join(", ");
    process.stderr.write(`iac-check: ${reports.length} target(s) checked (${checked || "none"}), ${errors} error(s)\n`);
  }
  return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}

function usage(message: string): number {
  process.stderr.write(`iac-check: ${message}\n\n${USAGE}\n`);
  return 2;
}

// Node exits with code 0 when nothing is left to wait on, even while main() has not returned: a
// run that stopped that way checked nothing and must not read as a pass. A safety net only: the
// one known cause (closeEngine waiting on a host handle nothing kept alive) is fixed in
// engine/host-client.ts and tested by test/host-client-close.test.ts.
let settled = false;
process.on("beforeExit", () => {
  if (settled) return;
  settled = true;
  process.stderr.write("iac-check: internal error (please report): the run stopped before it finished, with nothing left to wait on; nothing was checked to the end\n");
  process.exitCode = 3;
});

main(process.argv.slice(2)).then(
  (code) => {
    settled = true;
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug in iac-check itself, not in the user's input: say so, with the stack for the issue.
    settled = true;
    process.stderr.write(`iac-check: internal error (please report): ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 3;
  },
);
