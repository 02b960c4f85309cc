/**
 * The whole model-backed loop, offline: the CLI runs against recorded model responses (one
 * recording per provider), through each provider's real SDK with its transport replaced. The
 * recordings include a rate limit, a timeout and a malformed response.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/main.js";
import { runEvalCommand } from "../src/model/command.js";
import type { EvalSummary } from "../src/model/run.js";
import { PACKAGE_DIR } from "../src/paths.js";
import { tempDir } from "./helpers.js";

const FIXTURES = path.join(PACKAGE_DIR, "fixtures");
const SCENARIOS = path.join(FIXTURES, "scenarios");

let stdout: string;
let stderr: string;
beforeEach(() => {
  stdout = "";
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

function replayArgs(provider: string, recording: string, json: string, extra: string[] = []): string[] {
  return ["eval", "--provider", provider, "--model", "fixture-model", "--scenarios", SCENARIOS, "--replay", recording, "--timeout", "0.2", "--backoff", "0.01", "--json", json, ...extra];
}

describe.each(["anthropic", "bedrock"])("pnpm eval replaying the %s recording", (provider) => {
  it("retries the rate limit and the timeout, reads the skill, grades, and counts the malformed response as an errored run", async () => {
    const dir = tempDir("skill-evals-replay-");
    const json = path.join(dir, "eval.json");
    const summaryFile = path.join(dir, "summary.md");
    writeFileSync(summaryFile, "");
    const code = await main(replayArgs(provider, path.join(FIXTURES, "recordings", `${provider}.json`), json, ["--summary", summaryFile]));
    expect(stderr).not.toMatch(/at .*\.js:\d+/);
    expect(code).toBe(0);
    const summary = JSON.parse(readFileSync(json, "utf8")) as EvalSummary;
    const [scenario] = summary.scenarios;
    expect(scenario!.withSkill).toMatchObject({ pass: true, stop: "answer", turns: 2, retries: 2, toolCalls: 1, modelGraded: true, failures: [] });
    expect(scenario!.withoutSkill.pass).toBe(false);
    expect(scenario!.withoutSkill.stop).toBe("error");
    expect(scenario!.withoutSkill.error).toMatch(/^malformed: malformed response: no /);
    expect(summary.totals).toMatchObject({
      runs: 1,
      withSkill: { passed: 1, rate: 100, errors: 0 },
      withoutSkill: { passed: 0, rate: 0, errors: 1 },
      difference: 100,
      triggers: { passed: 2, total: 2 },
    });
    expect(summary.totals.withSkill.usage.input).toBeGreaterThan(8000);
    expect(stderr).toMatch(/retry 1 in 0\.0 s after rate-limit: /);
    expect(stderr).toContain("retry 1 in 0.0 s after timeout: no response within 0.2 s");
    expect(stdout).toContain("| Scenarios passed | 1 of 1 (100%) | 0 of 1 (0%) | +100 points |");
    expect(readFileSync(summaryFile, "utf8")).toContain("Trigger cases: 2 of 2 as expected.");
  });
});

describe("pnpm eval bounds and messages", () => {
  function recording(file: string, provider: "anthropic", exchanges: unknown[]): string {
    writeFileSync(file, JSON.stringify({ provider, exchanges }));
    return file;
  }
  const message = (content: unknown[], stop: string, input: number) => ({
    status: 200,
    body: { id: "m", type: "message", role: "assistant", content, stop_reason: stop, usage: { input_tokens: input, output_tokens: 10 } },
  });

  it("stops a run that spends its token budget", async () => {
    const dir = tempDir("skill-evals-budget-");
    const rec = recording(path.join(dir, "rec.json"), "anthropic", [
      { request: { path: "/v1/messages" }, response: message([{ type: "tool_use", id: "t1", name: "read_file", input: { path: "SKILL.md" } }], "tool_use", 5000) },
      { request: { path: "/v1/messages" }, response: message([{ type: "text", text: "Use Lambda." }], "end_turn", 5000) },
    ]);
    const json = path.join(dir, "eval.json");
    expect(await main(replayArgs("anthropic", rec, json, ["--no-triggers", "--max-tokens-per-run", "1000"]))).toBe(0);
    const summary = JSON.parse(readFileSync(json, "utf8")) as EvalSummary;
    expect(summary.scenarios[0]!.withSkill).toMatchObject({ pass: false, stop: "budget", toolCalls: 0, failures: ["token budget of 1,000 spent after 1 turns"] });
    expect(summary.scenarios[0]!.withoutSkill).toMatchObject({ pass: false, stop: "budget" });
  });

  it("gives up on a call that times out on every attempt, and exits 1 when every run errored", async () => {
    const dir = tempDir("skill-evals-timeout-");
    const hang = { request: { path: "/v1/messages" }, response: { hang: true } };
    const rec = recording(path.join(dir, "rec.json"), "anthropic", [hang, hang, hang, hang]);
    const json = path.join(dir, "eval.json");
    expect(await main(replayArgs("anthropic", rec, json, ["--no-triggers", "--retries", "1", "--timeout", "0.05"]))).toBe(1);
    const summary = JSON.parse(readFileSync(json, "utf8")) as EvalSummary;
    expect(summary.scenarios[0]!.withSkill.error).toBe("timeout: no response within 0.05 s (gave up after 2 attempts)");
    expect(summary.totals.withoutSkill.errors).toBe(1);
  });

  it("names the recorded exchange a run does not match, without a stack trace", async () => {
    const dir = tempDir("skill-evals-mismatch-");
    const rec = recording(path.join(dir, "rec.json"), "anthropic", [{ note: "first", request: { path: "/v1/messages", bodyIncludes: ["no such text"] }, response: { hang: true } }]);
    expect(await main(replayArgs("anthropic", rec, path.join(dir, "eval.json"), ["--no-triggers"]))).toBe(2);
    expect(stderr).toBe(`skill-evals: ${rec}: exchange 1 (first): the request body does not contain "no such text"\n`);
  });

  it("stops at the first run when the key is refused, instead of failing every run", async () => {
    const dir = tempDir("skill-evals-auth-");
    const refused = { status: 401, body: { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } } };
    const rec = recording(path.join(dir, "rec.json"), "anthropic", [{ request: { path: "/v1/messages" }, response: refused }]);
    expect(await main(replayArgs("anthropic", rec, path.join(dir, "eval.json"), ["--no-triggers"]))).toBe(2);
    expect(stderr).toMatch(/^skill-evals: the API key was refused \(401\): check ANTHROPIC_API_KEY \(stopped: every run would fail the same way; check the key, --model and --region\)\n$/);
  });

  it("says which key is missing, for each provider", async () => {
    await expect(runEvalCommand(["--scenarios", SCENARIOS], {})).rejects.toThrow(
      "no ANTHROPIC_API_KEY set: export it to run the eval with the Messages API, or use --provider bedrock with AWS credentials (see --help)",
    );
    await expect(runEvalCommand(["--provider", "bedrock", "--scenarios", SCENARIOS], {})).rejects.toThrow(
      "no AWS Region for Bedrock: pass --region or set AWS_REGION (see --help)",
    );
    expect(await main(["eval", "--provider", "vertex"])).toBe(2);
    expect(stderr).toContain('--provider must be anthropic or bedrock, not "vertex"');
  });

  it("documents providers, key variables and budget flags in --help", async () => {
    expect(await main(["eval", "--help"])).toBe(0);
    for (const text of ["--provider anthropic", "--provider bedrock", "ANTHROPIC_API_KEY", "AWS_PROFILE", "AWS_REGION", "--limit", "--max-tokens-per-run", "--timeout", "--retries", "--replay", "--record"]) {
      expect(stdout).toContain(text);
    }
  });
});
