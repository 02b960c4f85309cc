import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./temp-dir.js";
import { readLatestRunSummary, tasksThatRan } from "../src/turbo-run-summary.js";

function writeSummary(repo: string, name: string, tasks: [string, "HIT" | "MISS", ("LOCAL" | "REMOTE")?, number?][], age: number): void {
  const runs = join(repo, ".turbo", "runs");
  mkdirSync(runs, { recursive: true });
  const file = join(runs, `${name}.json`);
  writeFileSync(file, JSON.stringify({
    execution: { attempted: tasks.length, cached: tasks.filter(([, status]) => status === "HIT").length, exitCode: 0 },
    tasks: tasks.map(([taskId, status, source, exitCode]) => ({ taskId, cache: { status, ...(source ? { source } : {}) }, ...(exitCode === undefined ? {} : { execution: { exitCode } }) })),
  }));
  const time = new Date(Date.now() - age * 1000);
  utimesSync(file, time, time);
}

describe("readLatestRunSummary", () => {
  it("reads the newest summary and lists the tasks that ran", () => {
    const repo = tempDir("runs-");
    writeSummary(repo, "older", [["a#lint", "MISS"]], 60);
    writeSummary(repo, "newer", [["a#lint", "HIT", "REMOTE"], ["b#test", "MISS"], ["a#build", "MISS"]], 1);
    const summary = readLatestRunSummary(repo);
    expect(summary.attempted).toBe(3);
    expect(summary.cached).toBe(1);
    expect(summary.tasks[0]).toEqual({ taskId: "a#lint", status: "HIT", source: "REMOTE" });
    expect(tasksThatRan(summary)).toEqual(["a#build", "b#test"]);
  });

  it("lists the tasks whose command failed", () => {
    const repo = tempDir("runs-");
    writeSummary(repo, "run", [["a#lint", "HIT"], ["c#test", "MISS", undefined, 1], ["b#test", "MISS", undefined, 0], ["b#check", "MISS", undefined, 2]], 1);
    expect(readLatestRunSummary(repo).failed).toEqual(["b#check", "c#test"]);
  });

  it("says what to do when there is no summary", () => {
    const repo = tempDir("runs-");
    mkdirSync(join(repo, ".turbo", "runs"), { recursive: true });
    expect(() => readLatestRunSummary(repo)).toThrow(/--summarize/);
  });
});
