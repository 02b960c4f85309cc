import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { runCommand, runOrFail } from "../src/run-command.js";

describe("runCommand", () => {
  it("captures output and exit code", async () => {
    const result = await runCommand("echo out; echo err >&2; exit 3", { cwd: tmpdir(), timeoutMs: 10_000 });
    expect(result).toMatchObject({ code: 3, stdout: "out\n", stderr: "err\n" });
  });

  it("kills the whole process group when the limit passes", async () => {
    await expect(runCommand("sleep 30 & sleep 30; wait", { cwd: tmpdir(), timeoutMs: 300 })).rejects.toThrow(/did not finish within 0.3 s/);
  });

  it("runOrFail carries the output tail of a failing command", async () => {
    await expect(runOrFail("echo the reason; exit 1", { cwd: tmpdir(), timeoutMs: 10_000 })).rejects.toThrow(/exited 1[\s\S]*the reason/);
  });
});
