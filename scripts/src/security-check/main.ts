// security-check <path>: the security gates of iac-check on a user's own project, findings by
// severity with the fix for each. See scripts/README.md for the design (what is bundled, what the
// user's project must have installed, and why). The bin entry is ./cli.ts.
import { presetKnownRules } from "@aws-patterns/iac-check/dist/engine/known-rules.js";
import { formatJson, oneOf, parseCommandLine, UsageError, type Io } from "../shared/index.js";
import { checkCdkApp } from "./check-app.js";
import { assemblyTarget, cdkLibForTemplates, checkTemplateTargets, missingCdkLib, templateTarget, type TemplateTarget } from "./check-cloudformation.js";
import { checkTerraform } from "./check-terraform.js";
import { exitCode, renderMarkdown, SEVERITIES, toJson, type Severity, type TargetReport } from "./report.js";
import { findTargets } from "./targets.js";

// Compiled in by build.mjs: the rule ids acknowledgements may name (cdk-nag's pack sources are not shipped).
declare const __SECURITY_CHECK_KNOWN_RULES__: { ids: string[]; packs: string[] } | undefined;

export const HELP = `Usage: security-check [options] <path>

Runs the security gates of this repository's iac-check on your project and prints the findings by
severity, with the fix for each:
  CDK app (folder with cdk.json)   synthesized with your project's own aws-cdk-lib (run npm ci first),
                                    with the cdk-nag packs and the CloudFormation validation engine
  cdk.out (synthesized app)         each stack template, as below
  CloudFormation template           validation engine + cdk-nag (needs an aws-cdk-lib: your project's, or --with)
  Terraform module folder           iac-check's tf-sec rules (nothing to install)
  any other folder                  walked for the above (node_modules, cdk.out, dist, dot-folders skipped)

Options:
  --severity <error|warning|info>   exit 1 when a finding is at or above this (default: error)
  --with <dir>                      a folder with aws-cdk-lib and constructs installed, for templates and
                                    cdk.out when their project has none:
                                      npm install --prefix /tmp/security-check-cdk --no-save aws-cdk-lib constructs
  --timeout <seconds>               limit for each app or template (default: 300)
  --json                            print the same data as JSON
  -h, --help                        this text

Exit codes: 0 nothing at or above --severity; 1 findings at or above it; 2 usage error, or a target
that could not be checked (never a silent pass); 3 a bug in security-check.
`;

export async function main(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, {
    name: "security-check",
    help: HELP,
    options: { severity: { type: "string" }, with: { type: "string" }, timeout: { type: "string" }, json: { type: "boolean" } },
    positionals: { min: 1, max: 1, name: "path" },
  });
  if (parsed.help) {
    io.stdout(HELP);
    return 0;
  }
  const threshold = oneOf<Severity>("severity", parsed.values.severity, SEVERITIES, "error");
  const timeoutSeconds = parsed.values.timeout === undefined ? 300 : Number(parsed.values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError(`--timeout must be a number of seconds above 0 (got "${parsed.values.timeout}")`);
  if (typeof __SECURITY_CHECK_KNOWN_RULES__ !== "undefined") presetKnownRules(__SECURITY_CHECK_KNOWN_RULES__);

  const reports = await checkPath(parsed.positionals[0]!, { timeoutMs: timeoutSeconds * 1000, withDir: parsed.values.with });
  io.stdout(parsed.values.json ? formatJson(toJson(reports, threshold)) : renderMarkdown(reports, threshold));
  return exitCode(reports, threshold);
}

export async function checkPath(path: string, options: { timeoutMs: number; withDir?: string }): Promise<TargetReport[]> {
  const { byKind, problems } = findTargets(path);
  const reports: TargetReport[] = [];
  if (problems.length > 0) reports.push({ target: path, kind: "path", checkedWith: [], findings: [], problems, acknowledged: [] });
  for (const target of byKind.get("terraform") ?? []) reports.push(await checkTerraform(target));
  // Apps run one at a time: each is its own process tree, bounded by --timeout.
  for (const target of byKind.get("cdk-app") ?? []) reports.push(await checkCdkApp(target, options.timeoutMs));
  const templateTargets: TemplateTarget[] = [...(byKind.get("cdk-assembly") ?? []).map(assemblyTarget), ...(byKind.get("cloudformation") ?? []).map(templateTarget)];
  if (templateTargets.length > 0) {
    // One engine (one aws-cdk-lib) per run: the first target decides, as a project has one.
    const lookup = cdkLibForTemplates(templateTargets[0]!.templates[0] ?? templateTargets[0]!.target, options.withDir);
    reports.push(...(lookup.ok ? await checkTemplateTargets(templateTargets, lookup.lib, options.timeoutMs) : missingCdkLib(templateTargets, lookup.reason)));
  }
  return reports;
}
