import { defineConfig } from "vitest/config";

export default defineConfig({
  // Each test synthesizes a stack or three; give a busy CI box the time.
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 300_000 },
});
