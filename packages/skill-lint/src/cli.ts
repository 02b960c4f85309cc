/** `skill-lint [skill-dir] [--fix] [--format json] [--check-external-links] [--config file] [--no-cache]` */
import { main } from "./cli-main.js";

// A reader that stops early (`skill-lint | head`) is not an error of the linter.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), process);
