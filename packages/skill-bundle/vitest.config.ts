import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 600_000,
    // The e2e test bundles the real skill (tokenizer, secret scan): V8's helper threads for GC and
    // compiling cost more CPU than they save on a busy two-core CI box. Same results.
    execArgv: ["--single-threaded"],
  },
});
