/**
 * The CLI's logic with its process wiring injected: argv in, text to `stdout`/`stderr`, exit code
 * out. `cli.ts` (the bin's module) calls it with the real process; tests call it in-process, which
 * spares a Node start and a load of the rules' module graph per case.
 */
import { parseArgs } from "node:util";

export const USAGE = `Usage: skill-lint [skill-dir] [--fix] [--format text|json] [--check-external-links] [--config file] [--no-cache]

Lints an Agent Skill folder (default: skill/): frontmatter, budgets, links, structure,
code blocks and style. Exit 0 when clean, 1 on any error, 2 on a usage or config error.`;

export interface CliStreams {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

/** Runs `skill-lint <argv>` against `process.cwd()`; resolves to the exit code. */
export async function main(argv: string[], { stdout, stderr }: CliStreams): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        fix: { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        "check-external-links": { type: "boolean", default: false },
        config: { type: "string" },
        "no-cache": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    stderr.write(`skill-lint: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) {
    stderr.write(`skill-lint: expected one skill folder, got ${positionals.length}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.format !== "text" && values.format !== "json") {
    stderr.write(`skill-lint: --format must be text or json, not ${values.format}\n`);
    return 2;
  }
  // Loaded only now: the rules' module graph is most of a run's start-up, and a usage error needs none of it.
  const [{ ConfigError }, { lintSkill, UsageError }, { formatJson, formatText, summarise }] = await Promise.all([
    import("./config.js"),
    import("./lint.js"),
    import("./report.js"),
  ]);
  try {
    const result = await lintSkill({
      skillDir: positionals[0] ?? "skill",
      fix: values.fix,
      checkExternalLinks: values["check-external-links"],
      ...(values.config ? { configFile: values.config } : {}),
      ...(values["no-cache"] ? { cacheDir: false as const } : {}),
    });
    const cwd = process.cwd();
    stdout.write(values.format === "json" ? formatJson(result, cwd) : formatText(result, cwd, stdout.isTTY === true));
    return summarise(result.files).errors > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      stderr.write(`skill-lint: ${error.message}\n`);
      return 2;
    }
    stderr.write(`skill-lint: internal error, please report it: ${(error as Error).message}\n`);
    return 1;
  }
}
