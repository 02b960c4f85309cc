import { defineConfig } from "vitest/config";

export default defineConfig({
  // Synthesizing the stack bundles the handler with esbuild: allow it the time on a slow CI box.
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Synthesis starts CDK's template validation engine (a 9 MB WebAssembly module) and churns the
    // heap: V8's helper threads for compiling and garbage collection cost far more CPU than they
    // save on a busy two-core CI box (measured: about a third of this task's CPU). Same results.
    execArgv: ["--single-threaded"],
    // The tests' Apps do not turn validation errors into failures (that needs cdk.json's
    // validateAgainstDefaultRules context, which only the check task's synthesis gets), so the
    // validation engine (about 7 CPU-s to start) could only print warnings here; the example's
    // `check` task validates the app with errors as errors.
    env: { CDK_VALIDATION: "false" },
  },
});
