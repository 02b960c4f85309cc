/**
 * skill-evals: `coverage` (offline; the package's test task, so `pnpm verify` runs it) and `eval`
 * (with a model; `pnpm eval` at the root). Exit 0 pass, 1 a scenario or case failed, 2 usage or
 * input error; every error a user can cause is a message, not a stack trace.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { runCoverage } from "./coverage.js";
import { openBundle } from "./bundle.js";
import { DEFAULT_README, DEFAULT_RESULTS_DIR, DEFAULT_SCENARIOS_DIR, DEFAULT_SKILL_DIR } from "./paths.js";
import { checkReadmeTotal, coverageText, writeCoverageReport } from "./report.js";
import { EvalSetError, loadEvalSet } from "./scenarios.js";
import { checkTriggersOffline, loadSkillMetadata } from "./triggers.js";
import { UsageError } from "./errors.js";
import { runEvalCommand } from "./model/command.js";

const HELP = `Usage: skill-evals <command> [options]

Commands:
  coverage   Offline retrieval coverage: each scenario's facts and example are in the bundle,
             reachable from SKILL.md by links, within its token budget; trigger cases checked
             against the description's wording. Runs in pnpm verify.
  eval       Runs the scenarios with and without the skill through a model (see eval --help).

Options for coverage:
  --skill <dir>       skill folder, or an unpacked bundle (default: the monorepo's skill/)
  --scenarios <dir>   folder of scenario YAML files (default: packages/skill-evals/scenarios)
  --out <dir>         where coverage.json and coverage.md go (default: packages/skill-evals/results)
  --readme <file>     README whose <!-- evals-total --> line must agree (default: the root README.md)
  --write-readme      update that line instead of failing when it disagrees
  -h, --help          this help
`;

async function coverageCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      skill: { type: "string" },
      scenarios: { type: "string" },
      out: { type: "string" },
      readme: { type: "string" },
      "write-readme": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const skillDir = path.resolve(values.skill ?? DEFAULT_SKILL_DIR);
  const set = await loadEvalSet(path.resolve(values.scenarios ?? DEFAULT_SCENARIOS_DIR));
  const bundle = openBundle(skillDir);
  if ((await bundle.read("SKILL.md")) === undefined) throw new UsageError(`${skillDir}: no SKILL.md (pass --skill <skill folder>)`);
  const report = await runCoverage(skillDir, set);
  const triggers = checkTriggersOffline(await loadSkillMetadata(bundle), set.triggers);
  const written = await writeCoverageReport(report, path.resolve(values.out ?? DEFAULT_RESULTS_DIR));
  const readmeProblem = await checkReadmeTotal(path.resolve(values.readme ?? DEFAULT_README), report, values["write-readme"] === true);
  const lines = [coverageText(report)];
  for (const check of triggers.filter((t) => !t.pass)) lines.push(`trigger wording: ${check.reason}`);
  const triggerPass = triggers.filter((t) => t.pass).length;
  lines.push(`${triggerPass} of ${triggers.length} trigger cases agree with the description's wording (activation itself needs a model: skill-evals eval)`);
  if (readmeProblem) lines.push(readmeProblem);
  lines.push(`report: ${path.relative(process.cwd(), written.markdown) || written.markdown}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  const failed = report.failed > 0 || report.gaps.length > 0 || triggerPass < triggers.length || readmeProblem !== undefined;
  return failed ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === "coverage") return await coverageCommand(rest);
    if (command === "eval") return await runEvalCommand(rest);
    throw new UsageError(`unknown command "${command}" (expected coverage or eval; see --help)`);
  } catch (error) {
    if (error instanceof EvalSetError) {
      process.stderr.write(`skill-evals: the eval set has problems:\n${error.problems.map((p) => `  ${p}`).join("\n")}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`skill-evals: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
