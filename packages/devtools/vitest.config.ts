import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 600_000,
    // One worker process runs many test files (vitest, turbo's graph readers, the parity helpers
    // load once): 14.6 against 7.1 CPU-s. No file mocks a module or changes the working folder or
    // the environment.
    pool: "forks",
    isolate: false,
  },
});
