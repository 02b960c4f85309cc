import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./temp-dir.js";
import { RESULTS_FILE, summarizeTests } from "../src/test-summary-lib.js";
import type { WorkspacePackage } from "../src/workspace.js";

function fakePackage(root: string, name: string, report?: object | string): WorkspacePackage {
  const dir = join(root, name);
  mkdirSync(join(dir, ".vitest-results"), { recursive: true });
  if (report !== undefined) {
    writeFileSync(join(dir, RESULTS_FILE), typeof report === "string" ? report : JSON.stringify(report));
  }
  return { name, dir, scripts: { test: "vitest run" } };
}

const counts = (passed: number, failed: number, skipped = 0) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: skipped,
  numTodoTests: 0,
  numTotalTests: passed + failed + skipped,
});

describe("summarizeTests", () => {
  it("adds up every package and ends with the closing line CI reads", () => {
    const root = tempDir("summary-");
    const summary = summarizeTests([fakePackage(root, "a", counts(3, 0)), fakePackage(root, "b", counts(2, 0, 1))]);
    expect(summary.ok).toBe(true);
    expect(summary.lines.at(-1)).toBe("tests: 5 passed, 0 failed, 1 skipped");
  });

  it("fails on failed tests", () => {
    const root = tempDir("summary-");
    const summary = summarizeTests([fakePackage(root, "a", counts(3, 2))]);
    expect(summary.ok).toBe(false);
    expect(summary.lines.at(-1)).toBe("tests: 3 passed, 2 failed");
  });

  it("counts a package whose results are missing, unreadable or empty as a failure", () => {
    const root = tempDir("summary-");
    const summary = summarizeTests([
      fakePackage(root, "missing"),
      fakePackage(root, "garbled", "{not json"),
      fakePackage(root, "empty", counts(0, 0)),
    ]);
    expect(summary.ok).toBe(false);
    expect(summary.lines.join("\n")).toMatch(/missing .*did its test task run/);
    expect(summary.lines.join("\n")).toMatch(/garbled .*unreadable/);
    expect(summary.lines.join("\n")).toMatch(/empty .*ran no test/);
    expect(summary.lines.at(-1)).toBe("tests: 0 passed, 3 failed");
  });

  it("ignores packages without a test script, and fails when no package has one", () => {
    const root = tempDir("summary-");
    const summary = summarizeTests([{ name: "docs", dir: root, scripts: {} }]);
    expect(summary.ok).toBe(false);
    expect(summary.lines.at(-1)).toBe("tests: 0 passed, 1 failed");
  });
});
