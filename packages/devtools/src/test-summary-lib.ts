import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { WorkspacePackage } from "./workspace.js";

/** The fields of vitest's JSON reporter output that the summary needs. */
interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
}

export const RESULTS_FILE = join(".vitest-results", "results.json");

export interface PackageTestResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Why there is no count, when there is none. */
  problem?: string;
}

/** Reads one package's vitest results; a package with a test script but no results is a failure, not a zero. */
export function readPackageResult(pkg: WorkspacePackage): PackageTestResult {
  const file = join(pkg.dir, RESULTS_FILE);
  if (!existsSync(file)) {
    return { name: pkg.name, passed: 0, failed: 0, skipped: 0, problem: `no ${RESULTS_FILE}: did its test task run?` };
  }
  try {
    const report = JSON.parse(readFileSync(file, "utf8")) as VitestJsonReport;
    if (typeof report.numTotalTests !== "number") throw new Error("not a vitest JSON report");
    return {
      name: pkg.name,
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + report.numTodoTests,
      ...(report.numTotalTests === 0 ? { problem: "ran no test" } : {}),
    };
  } catch (error) {
    return { name: pkg.name, passed: 0, failed: 0, skipped: 0, problem: `unreadable ${file}: ${(error as Error).message}` };
  }
}

export interface TestSummary {
  lines: string[];
  ok: boolean;
}

/** One line per package, then the closing `tests: N passed, N failed[, N skipped]` line. */
export function summarizeTests(packages: WorkspacePackage[]): TestSummary {
  const results = packages.filter((pkg) => pkg.scripts.test).map(readPackageResult);
  const lines: string[] = [];
  const nameWidth = Math.max(0, ...results.map((result) => result.name.length)) + 2;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const result of results) {
    passed += result.passed;
    failed += result.failed + (result.problem ? 1 : 0);
    skipped += result.skipped;
    const counts = `${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`;
    lines.push(`  ${result.name.padEnd(nameWidth)}${result.problem ? `ERROR ${result.problem}` : counts}`);
  }
  if (results.length === 0) {
    lines.push("  no workspace package has a test script");
    failed += 1;
  }
  lines.push(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  return { lines, ok: failed === 0 };
}
