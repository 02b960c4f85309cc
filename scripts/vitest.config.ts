import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 600_000,
    // A worker process runs many test files, so vitest, the AWS SDK clients, aws-cdk-lib and the
    // scripts' modules load once per worker instead of once per file: 98 against 80 CPU-s for the
    // suite. No file leaves state behind: the SDK mocks are restored after each test, the scripts
    // run through main() with their own output buffers, and no file changes the working folder
    // or the environment.
    pool: "forks",
    isolate: false,
  },
});
