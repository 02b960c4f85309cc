// skill-bundle: build the bundle (default), install it for an agent, verify an install or a download,
// stamp the release version into SKILL.md. Exit 0 ok, 1 problems found (bundle refused, install
// refused, verify found differences), 2 usage or bad input; never a stack trace for a user's mistake.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { detectLayout } from "@aws-patterns/bundle-layout";
import { BundleError } from "./bundle-error.js";
import { InstallError, installSkill, resolveSkillsFolder, TARGETS } from "./install.js";
import { DEFAULT_MAX_ARCHIVE_BYTES, ManifestError } from "./manifest.js";
import { ArchiveError } from "./read-archive.js";
import { stampVersion } from "./skill-version.js";
import { differs, formatDifferences, verifySkill } from "./verify.js";

const USAGE = `usage:
  skill-bundle [skill-dir] [--out <dir>] [--max-archive-bytes <n>]
      build <out>/<name>-<version>.zip, the same archive as .skill, and .manifest.json
      (default skill-dir ".", out "<skill-dir>/dist", archive budget ${DEFAULT_MAX_ARCHIVE_BYTES} bytes)
  skill-bundle install [--target claude-user|claude-project|agents|<dir>] [--from <zip|skill|dir>] [--manifest <file>] [--force]
      install into ~/.claude/skills/<name>/ (claude-user, the default), ./.claude/skills/<name>/
      (claude-project), ./.agents/skills/<name>/ (agents) or <dir>/<name>/; --from defaults to ./dist,
      a folder holding one archive; --force replaces an install whose files were changed by hand
  skill-bundle verify <dir|zip> [--manifest <file>]
      compare an installed skill or a downloaded archive with its manifest; exit 1 if anything differs
  skill-bundle stamp-version [skill-dir]
      write skill/package.json's version into SKILL.md's metadata.version (after changeset version)

exit status: 0 ok, 1 problems found, 2 usage or input error`;

class UsageError extends Error {}

type Values = Record<string, string | boolean | undefined>;

function parse(args: string[], options: ParseArgsConfig["options"]): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { ...options, help: { type: "boolean", short: "h" } } });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--from`: an archive, or a folder holding exactly one `<name>-<version>.zip` (a build's dist/). */
function findArchive(given: string): string {
  const from = resolve(given);
  if (!existsSync(from)) throw new UsageError(`--from ${given}: no such file or folder`);
  if (!statSync(from).isDirectory()) return from;
  const archives = readdirSync(from).filter((file) => file.endsWith(".zip"));
  if (archives.length === 1) return join(from, archives[0]!);
  throw new UsageError(
    archives.length === 0
      ? `--from ${given}: no .zip in that folder; build one with \`pnpm bundle\` or pass the downloaded archive`
      : `--from ${given}: ${archives.length} archives there (${archives.join(", ")}); pass one of them`,
  );
}

async function build(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: "string" }, "max-archive-bytes": { type: "string" } });
  if (values.help) return help();
  if (positionals.length > 1) throw new UsageError("give at most one skill folder");
  const maxText = values["max-archive-bytes"] as string | undefined;
  const maxArchiveBytes = maxText === undefined ? undefined : Number(maxText);
  if (maxArchiveBytes !== undefined && !(Number.isInteger(maxArchiveBytes) && maxArchiveBytes > 0)) {
    throw new UsageError(`--max-archive-bytes must be a positive whole number, not ${maxText}`);
  }
  const skillDir = resolve(positionals[0] ?? ".");
  if (!existsSync(skillDir) || !statSync(skillDir).isDirectory()) {
    throw new UsageError(`${positionals[0] ?? "."}: no such folder; pass the monorepo's skill/ folder (the one with SKILL.md and package.json)`);
  }
  if (detectLayout(skillDir).mode !== "repo") {
    throw new UsageError(`${positionals[0] ?? "."}: not the monorepo's skill folder (it needs its own package.json, beside pnpm-workspace.yaml); to check an installed skill, use \`skill-bundle verify\``);
  }
  const outDir = resolve((values.out as string | undefined) ?? resolve(skillDir, "dist"));
  // Loaded only here: the builder loads secretlint and the tokenizer, which install and verify do not need.
  const { buildBundle } = await import("./build-bundle.js");
  const manifest = await buildBundle({ skillDir, outDir, maxArchiveBytes });
  const shown = relative(process.cwd(), outDir) || ".";
  console.log(
    `${join(shown, manifest.zip.file)} (and ${manifest.skill.file}, ${manifest.name}-${manifest.version}.manifest.json): ` +
      `${manifest.files.length} files, ${manifest.totalBytes} bytes, archive ${manifest.zip.bytes} of ${maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES} bytes allowed, ` +
      `${manifest.totalTokens} tokens (${manifest.readTokens} in files an agent reads; scripts/bin/ is run, not read; ${manifest.tokenizer}), sha256 ${manifest.zip.sha256}`,
  );
  return 0;
}

async function install(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    target: { type: "string" },
    from: { type: "string" },
    manifest: { type: "string" },
    force: { type: "boolean" },
  });
  if (values.help) return help();
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}; pass the archive with --from`);
  const target = (values.target as string | undefined) ?? "claude-user";
  if (target === "") throw new UsageError(`--target needs ${Object.keys(TARGETS).join(", ")} or a folder`);
  const archive = findArchive((values.from as string | undefined) ?? "dist");
  const result = await installSkill({
    archive,
    manifestFile: values.manifest as string | undefined,
    skillsFolder: resolveSkillsFolder(target),
    force: values.force === true,
  });
  console.log(`${result.replaced ? "replaced" : "installed"} ${result.manifest.name} ${result.manifest.version} in ${result.installedAt} (${result.manifest.files.length} files)`);
  return 0;
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { manifest: { type: "string" } });
  if (values.help) return help();
  if (positionals.length !== 1) throw new UsageError("give one installed skill folder or archive to verify");
  const report = await verifySkill(resolve(positionals[0]!), { manifestFile: values.manifest as string | undefined });
  const lines = formatDifferences(report.found);
  if (report.archiveHashDiffers) lines.unshift(`changed  (the archive itself: its SHA-256 is not the manifest's ${report.manifest.zip.sha256})`);
  const what = `${report.manifest.name} ${report.manifest.version}`;
  if (lines.length === 0 && !differs(report.found)) {
    console.log(`${positionals[0]}: all ${report.manifest.files.length} files match the manifest of ${what}`);
    return 0;
  }
  for (const line of lines) console.log(line);
  console.log(`${positionals[0]}: ${lines.length} difference(s) from the manifest of ${what}`);
  return 1;
}

function stamp(args: string[]): number {
  const { values, positionals } = parse(args, {});
  if (values.help) return help();
  if (positionals.length > 1) throw new UsageError("give at most one skill folder");
  const result = stampVersion(resolve(positionals[0] ?? "."));
  console.log(`${relative(process.cwd(), result.file)}: metadata.version ${result.changed ? "set to" : "already"} ${result.version}`);
  return 0;
}

function help(): number {
  console.log(USAGE);
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => Promise<number> | number> = { install, verify, "stamp-version": stamp, build };

/**
 * Runs one command line (without `node` and the script) and returns the exit status; output goes to
 * the console. bin/skill-bundle.js is the thin wrapper that sets the process's exit code from it.
 */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  const command = first !== undefined && first in COMMANDS ? COMMANDS[first]! : undefined;
  try {
    return await (command ? command(rest) : build(argv));
  } catch (error) {
    return report(error, command === stamp ? "nothing written" : "no bundle written");
  }
}

/** Known problems are messages; anything else is a bug, said as one line without the stack. */
function report(error: unknown, outcome: string): number {
  if (error instanceof UsageError) {
    console.error(`skill-bundle: ${error.message}\n(run \`skill-bundle --help\` for usage)`);
    return 2;
  }
  const problems = error instanceof AggregateError ? (error.errors as unknown[]) : [error];
  if (problems.every((problem) => problem instanceof BundleError)) {
    for (const problem of problems as BundleError[]) console.error(problem.format());
    console.error(`skill-bundle: ${problems.length} problem(s); ${outcome}`);
    return 1;
  }
  if (error instanceof InstallError) {
    console.error(`skill-bundle install: ${error.message}`);
    return error.exitCode;
  }
  if (error instanceof ManifestError || error instanceof ArchiveError) {
    console.error(`skill-bundle: ${error.message}`);
    return 2;
  }
  console.error(`skill-bundle: unexpected error: ${(error as Error)?.message ?? String(error)} (a bug in skill-bundle: please report it)`);
  if (process.env.SKILL_BUNDLE_DEBUG) console.error(error);
  return 1;
}
