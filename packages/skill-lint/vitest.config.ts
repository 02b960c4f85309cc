import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/fast-check-seed.ts"],
    testTimeout: 600_000,
    // One worker process runs many test files: the linter's module graph (remark, the TypeScript
    // compiler, the tokenizer) loads once per worker instead of once per file. The files are safe
    // to share a process: no module mocks, src keeps no state between runs but lazy-loaded
    // parsers and a counter the tests only read as a difference, and the in-process CLI restores
    // the working folder. Forks, not threads: a worker thread cannot change its working folder.
    pool: "forks",
    isolate: false,
  },
});
