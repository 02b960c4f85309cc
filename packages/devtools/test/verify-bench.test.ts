import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderTable, renderTaskTable } from "../src/bench-table.js";
import { parseCpuLog, serviceFigures, taskFigures } from "../src/task-cpu.js";

describe("renderTable", () => {
  it("renders one row per measurement with the tasks that ran", () => {
    const table = renderTable(
      [
        { name: "warm", description: "warm verify", seconds: 1.234, tasks: 10, cached: 10, ran: [] },
        { name: "cold", description: "cold verify", seconds: 200, tasks: 2, cached: 0, ran: ["a#build", "a#test"] },
        { name: "edit", description: "after an edit", seconds: 5, tasks: 10, cached: 8, ran: ["@aws-patterns/skill#lint", "@aws-patterns/skill#bundle"] },
      ],
      "2 × CPU",
      "2026-11-25",
    );
    expect(table).toContain("Measured 2026-11-25 on 2 × CPU.");
    expect(table).toContain("| warm verify | 1.2 s | – | 10/10 | none |");
    expect(table).toContain("| cold verify | 200.0 s | – | 0/2 | all 2 |");
    expect(table).toContain("| after an edit | 5.0 s | – | 8/10 | @aws-patterns/skill#lint, @aws-patterns/skill#bundle |");
  });
});

describe("per-task CPU", () => {
  it("sums the user and system seconds of each task's lines", () => {
    const cpu = parseCpuLog("a\tbuild\t0m1.500s 0m0.250s\nb\ttest\t1m2.000s 0m0.000s\na\tbuild\t0m0.250s 0m0.000s\n");
    expect([...cpu]).toEqual([
      ["a#build", 2],
      ["b#test", 62],
    ]);
  });

  it("refuses a line it cannot read instead of counting it as zero", () => {
    expect(() => parseCpuLog("a\tbuild\tnot-a-time\n")).toThrow(/malformed CPU log line/);
  });

  it("joins turbo's wall times with the CPU log, most CPU first", () => {
    const dir = mkdtempSync(join(tmpdir(), "task-cpu-"));
    const summary = join(dir, "summary.json");
    writeFileSync(summary, JSON.stringify({ tasks: [
      { taskId: "a#build", execution: { startTime: 1000, endTime: 4500 } },
      { taskId: "b#test", execution: { startTime: 1000, endTime: 2000 } },
      { taskId: "c#lint", execution: { startTime: 0, endTime: 250 } },
    ] }));
    const log = join(dir, "cpu.tsv");
    writeFileSync(log, "a\tbuild\t0m2.000s 0m0.500s\nb\ttest\t0m5.000s 0m1.000s\n");
    const figures = taskFigures(summary, log);
    expect(figures).toEqual([
      { taskId: "b#test", wallSeconds: 1, cpuSeconds: 6 },
      { taskId: "a#build", wallSeconds: 3.5, cpuSeconds: 2.5 },
      { taskId: "c#lint", wallSeconds: 0.25 },
    ]);
    expect(renderTaskTable(figures, 2)).toBe("| cold task | wall | CPU |\n|---|---|---|\n| b#test | 1.0 s | 6.0 s |\n| a#build | 3.5 s | 2.5 s |\n| 1 more tasks | – | 0.0 s |");
  });

  it("lists the shared engine's own CPU line as a service, without a wall time", () => {
    const dir = mkdtempSync(join(tmpdir(), "task-cpu-"));
    const log = join(dir, "cpu.tsv");
    writeFileSync(log, "a\tbuild\t0m2.000s 0m0.500s\n@aws-patterns/iac-check\tshared-engine\t0m40.250s 0m12.000s\n");
    const parsed = () => parseCpuLog(readFileSync(log, "utf8"));
    expect(serviceFigures(parsed())).toEqual([{ taskId: "@aws-patterns/iac-check#shared-engine", cpuSeconds: 52.25 }]);
    expect(renderTaskTable(serviceFigures(parsed()))).toBe("| cold task | wall | CPU |\n|---|---|---|\n| @aws-patterns/iac-check#shared-engine | – | 52.3 s |");
    writeFileSync(log, "a\tbuild\t0m2.000s 0m0.500s\n");
    expect(serviceFigures(parsed())).toEqual([]);
  });

  it("task-cpu-shell runs the script, keeps its exit code and logs the CPU its children used", () => {
    const dir = mkdtempSync(join(tmpdir(), "task-cpu-shell-"));
    const log = join(dir, "cpu.tsv");
    const shell = join(import.meta.dirname, "..", "bin", "task-cpu-shell");
    const env = { ...process.env, VERIFY_BENCH_CPU_LOG: log, npm_package_name: "pkg", npm_lifecycle_event: "test" };
    const out = execFileSync(shell, ["-c", "node -e \"let s=0; for (let i=0; i<5e7; i++) s+=i; console.log('ran')\""], { env, encoding: "utf8", timeout: 60_000 });
    expect(out.trim()).toBe("ran");
    const cpu = parseCpuLog(readFileSync(log, "utf8"));
    expect(cpu.get("pkg#test")).toBeGreaterThan(0);
    let status = 0;
    try {
      execFileSync(shell, ["-c", "exit 7"], { env, timeout: 60_000 });
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(7);
    expect(readFileSync(log, "utf8").trim().split("\n")).toHaveLength(2);
  });
});
