/**
 * --record against a stand-in for the Messages API on 127.0.0.1 (real fetch, real HTTP; no
 * external network), then --replay of what it wrote: the two runs give the same result, and the
 * recording holds no request headers (so no key).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { runEvalCommand } from "../src/model/command.js";
import type { EvalSummary } from "../src/model/run.js";
import type { Recording } from "../src/model/transport.js";
import { PACKAGE_DIR } from "../src/paths.js";
import { tempDir } from "./helpers.js";

const FIXTURES = path.join(PACKAGE_DIR, "fixtures");

beforeEach(() => {
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

it("records a run's HTTP exchanges, and replaying them gives the same result", async () => {
  // The fixture's answers, without the rate limit and the timeout a healthy server does not produce.
  const fixture = JSON.parse(readFileSync(path.join(FIXTURES, "recordings", "anthropic.json"), "utf8")) as Recording;
  const answers = fixture.exchanges.flatMap((e) => ("hang" in e.response || e.response.status !== 200 ? [] : [e.response]));
  const seenKeys: (string | undefined)[] = [];
  const server = createServer((request, response) => {
    // SDK 1.x authenticates with a bearer token.
    seenKeys.push(request.headers.authorization);
    request.resume();
    request.on("end", () => {
      const next = answers.shift();
      response.writeHead(next ? 200 : 500, { "content-type": "application/json" });
      response.end(JSON.stringify(next?.body ?? { type: "error", error: { type: "api_error", message: "no more answers" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const dir = tempDir("skill-evals-record-");
  try {
    const port = (server.address() as AddressInfo).port;
    const common = ["--model", "fixture-model", "--scenarios", path.join(FIXTURES, "scenarios"), "--retries", "0"];
    const env = { ANTHROPIC_API_KEY: "sk-test-key", ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}` };
    expect(await runEvalCommand([...common, "--record", path.join(dir, "rec.json"), "--json", path.join(dir, "live.json")], env)).toBe(0);
    expect(answers).toEqual([]);
    expect(seenKeys).toEqual(Array(6).fill("Bearer sk-test-key"));
    const recordingText = readFileSync(path.join(dir, "rec.json"), "utf8");
    expect(recordingText).not.toContain("sk-test-key");
    const recording = JSON.parse(recordingText) as Recording;
    expect(recording.exchanges.map((e) => e.request.path)).toEqual(Array(6).fill("/v1/messages"));

    expect(await runEvalCommand([...common, "--replay", path.join(dir, "rec.json"), "--json", path.join(dir, "replayed.json")], {})).toBe(0);
    const live = JSON.parse(readFileSync(path.join(dir, "live.json"), "utf8")) as EvalSummary;
    const replayed = JSON.parse(readFileSync(path.join(dir, "replayed.json"), "utf8")) as EvalSummary;
    expect(replayed).toEqual(live);
    expect(live.totals).toMatchObject({ withSkill: { passed: 1 }, withoutSkill: { errors: 1 }, triggers: { passed: 2, total: 2 } });
  } finally {
    server.close();
  }
});
