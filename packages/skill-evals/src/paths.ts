/** Default locations, resolved from this package so the CLI works from any working directory. */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** packages/skill-evals (this file is dist/paths.js or src/paths.ts). */
export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = path.resolve(PACKAGE_DIR, "..", "..");
export const DEFAULT_SKILL_DIR = path.join(REPO_ROOT, "skill");
export const DEFAULT_SCENARIOS_DIR = path.join(PACKAGE_DIR, "scenarios");
export const DEFAULT_RESULTS_DIR = path.join(PACKAGE_DIR, "results");
export const DEFAULT_README = path.join(REPO_ROOT, "README.md");
/** Token counts by text hash; outside turbo's outputs on purpose (a cache of a pure function). */
export const DEFAULT_TOKEN_CACHE = path.join(PACKAGE_DIR, "node_modules", ".cache", "skill-evals", "token-counts.json");
