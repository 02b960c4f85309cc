/** `skill-lint [skill-dir] [--fix] [--format json] [--check-external-links] [--config file] [--no-cache]` */
import { parseArgs } from "node:util";

const USAGE = `Usage: skill-lint [skill-dir] [--fix] [--format text|json] [--check-external-links] [--config file] [--no-cache]

Lints an Agent Skill folder (default: skill/): frontmatter, budgets, links, structure,
code blocks and style. Exit 0 when clean, 1 on any error, 2 on a usage or config error.`;

async function main(argv: string[]): Promise<number> {
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
    process.stderr.write(`skill-lint: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) {
    process.stderr.write(`skill-lint: expected one skill folder, got ${positionals.length}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.format !== "text" && values.format !== "json") {
    process.stderr.write(`skill-lint: --format must be text or json, not ${values.format}\n`);
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
    process.stdout.write(values.format === "json" ? formatJson(result, cwd) : formatText(result, cwd, process.stdout.isTTY === true));
    return summarise(result.files).errors > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`skill-lint: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`skill-lint: internal error, please report it: ${(error as Error).message}\n`);
    return 1;
  }
}

// A reader that stops early (`skill-lint | head`) is not an error of the linter.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
