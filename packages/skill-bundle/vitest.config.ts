import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 600_000,
    // The e2e test bundles the real skill (tokenizer, secret scan): V8's helper threads for GC and
    // compiling cost more CPU than they save on a busy two-core CI box. Same results.
    execArgv: ["--single-threaded"],
    // The files share one worker's loaded modules (install, the tokenizer, the secret scan) instead of
    // loading them per file; none depends on a fresh module state (the cli test restores cwd, HOME
    // and its console spies; temporary folders are removed by each file's own hooks).
    isolate: false,
  },
});
