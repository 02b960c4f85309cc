#!/usr/bin/env node
// The build and typecheck tasks' compiler: TypeScript 7, the native port (about three times less
// CPU than tsc 5.9 on this repository's packages). Linked into the workspace root's node_modules/.bin,
// which pnpm puts on every package script's PATH, so a package needs no dependency of its own.
// Packages that call the compiler API in-process (iac-check, skill-lint) keep typescript 5.9 for
// that: TypeScript 7 has no 5.x-compatible programmatic API.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// The package exports its package.json but not bin/tsc: find the folder through the former.
const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve("typescript-native/package.json")), "bin", "tsc");
const child = spawn(process.execPath, [tsc, ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
