import { defineConfig } from "vitest/config";

export default defineConfig({
  // Synthesizing the stack bundles the handler with esbuild: allow it the time on a slow CI box.
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 300_000 },
});
