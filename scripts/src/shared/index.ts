// The shared CLI helpers of the skill's scripts. API (see scripts/README.md, "Shared helpers"):
//   EXIT                 exit codes: clean 0, findings 1, usage 2, bug 3
//   UsageError           throw for a user's mistake: message (+ hint) on stderr, exit 2
//   parseCommandLine     node:util parseArgs with --help, positional counts, UsageError on mistakes
//   oneOf                validate an enum option value
//   runMain / runScript  run main(io), map errors to exit codes (3 = bug, no stack unless SCRIPTS_DEBUG=1)
//   markdownTable        rows -> padded GFM table; escapeCell
//   formatJson           --json output
export { EXIT, UsageError, parseCommandLine, oneOf, runMain, runScript, processIo, formatJson } from "./cli.js";
export type { CommandSpec, ParsedCommand, Io } from "./cli.js";
export { markdownTable, escapeCell } from "./table.js";
export type { Column, Align } from "./table.js";
