import { defineConfig } from "vitest/config";

export default defineConfig({
  // Each test file synthesizes the stack a few times: allow it the time on a slow CI box.
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 300_000 },
});
