// In CI the fuzz tests use one fixed seed, so a red run is repeatable and no unrelated change turns
// CI red; locally every run tries new inputs (fast-check prints the seed of a failure).
import fc from "fast-check";

if (process.env.CI) fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED ?? 20261125) });
