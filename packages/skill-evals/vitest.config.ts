import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 600_000,
    // One worker process runs many test files (vitest and the evals' modules load once): 12.3
    // against 7.0 CPU-s. The one file that sets an environment variable restores it.
    pool: "forks",
    isolate: false,
  },
});
