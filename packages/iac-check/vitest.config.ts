import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/fast-check-seed.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // A worker process runs many test files (vitest, the transforms, aws-cdk-lib and the HCL tools
    // load once per worker, not once per file): 122 against 109 CPU-s for the suite. Files that
    // change process state restore it in their afterAll (the engine host file, environment
    // variables); the engine-host singleton they share is closed by each file that starts one.
    // Forks, not threads: the CLI tests spawn processes and the engine host is a forked child.
    pool: "forks",
    isolate: false,
  },
});
