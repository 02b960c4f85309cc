// Command-line plumbing shared by the skill's scripts: one way to parse arguments, one set of exit
// codes, and one place that decides what a user sees when something goes wrong (a message, never a
// stack trace, unless the script itself is broken).
import { parseArgs, type ParseArgsConfig } from "node:util";

/** The exit codes every script uses (issue 12). */
export const EXIT = {
  /** Nothing at or above the threshold. */
  clean: 0,
  /** Findings at or above the threshold. */
  findings: 1,
  /** A usage or input error: a wrong option, a missing path, a file the script cannot read. */
  usage: 2,
  /** A bug in the script itself (an error nobody anticipated). */
  bug: 3,
} as const;

/**
 * A mistake the user can fix (an unknown option, a path that does not exist, a malformed input
 * file). `runMain` prints its message alone and exits 2. `hint` is an extra line saying what to do.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface CommandSpec<O extends Options> {
  /** The script's name, as in `security-check`. */
  name: string;
  /** Full help text printed by `--help` (the usage line first). */
  help: string;
  /** Options besides `--help`, in node:util parseArgs form. */
  options: O;
  /** How many positional arguments are accepted (default: none). */
  positionals?: { min: number; max: number; name: string };
}

export type ParsedCommand<O extends Options> =
  | { help: true }
  | {
      help: false;
      values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>["values"];
      positionals: string[];
    };

/**
 * Parses `argv` (without node and the script path). `--help`/`-h` anywhere wins, so a user who
 * asks for help gets it even next to a mistake. Every other problem is a `UsageError`.
 */
export function parseCommandLine<O extends Options>(argv: string[], spec: CommandSpec<O>): ParsedCommand<O> {
  if (argv.some((arg) => arg === "--help" || arg === "-h")) return { help: true };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec.options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' messages are good ("Unknown option '--foo'") but end with advice about "--" that
    // does not apply to these scripts; keep the first sentence.
    const message = error instanceof Error ? error.message.split(". ")[0]!.replace(/\.$/, "") : String(error);
    throw new UsageError(`${spec.name}: ${message}`, `Run \`${spec.name} --help\` for the options.`);
  }
  const { min, max, name } = spec.positionals ?? { min: 0, max: 0, name: "argument" };
  if (parsed.positionals.length < min) {
    throw new UsageError(`${spec.name}: missing <${name}>`, `Run \`${spec.name} --help\` for the usage.`);
  }
  if (parsed.positionals.length > max) {
    const extra = parsed.positionals.slice(max).join(" ");
    throw new UsageError(`${spec.name}: unexpected argument(s): ${extra}`, `Run \`${spec.name} --help\` for the usage.`);
  }
  return { help: false, values: parsed.values, positionals: parsed.positionals };
}

/**
 * Accepts a value of an option that must be one of `choices` (`--severity error`), or throws a
 * UsageError naming the choices.
 */
export function oneOf<T extends string>(option: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${choices.join(", ")} (got "${value}")`);
}

/** Where output goes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Runs a script's main function and turns its outcome into an exit code: the number it returns;
 * 2 with the message for a UsageError; 3 with a short "bug" message for anything else (the stack
 * only when SCRIPTS_DEBUG=1, since it helps the maintainer and only confuses the user).
 * Returns the code, for tests; the bin entry sets process.exitCode with it.
 */
export async function runMain(name: string, main: (io: Io) => Promise<number>, io: Io = processIo): Promise<number> {
  try {
    return await main(io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n${error.hint ? `${error.hint}\n` : ""}`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `${name}: internal error (a bug in ${name}, not in your project): ${message}\n` +
        (process.env.SCRIPTS_DEBUG === "1" && error instanceof Error && error.stack
          ? `${error.stack}\n`
          : "Run again with SCRIPTS_DEBUG=1 for the stack trace, and report it.\n"),
    );
    return EXIT.bug;
  }
}

/** The bin entry point: `runScript("x", main)` at the bottom of a script's cli.ts. */
export function runScript(name: string, main: (io: Io) => Promise<number>): void {
  void runMain(name, main).then((code) => {
    // exitCode, not exit(): exit() can cut off output still queued for a pipe.
    process.exitCode = code;
  });
}

/** `--json` output: one JSON document, two-space indented, with a trailing newline. */
export function formatJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
