import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openBundle } from "../src/bundle.js";
import { gradeDeterministic, parseGraderReply, statesFigure } from "../src/model/grade.js";
import { bundleTools } from "../src/model/tools.js";
import { ProviderError } from "../src/model/types.js";
import { scenarioSchema } from "../src/scenarios.js";
import { checkTriggersOffline, mentions } from "../src/triggers.js";
import { tempDir } from "./helpers.js";

const scenario = scenarioSchema.parse({
  id: "s",
  question: "Which service for an API?",
  answer: { services: ["Lambda", "API Gateway"], example: "examples/cdk/serverless-api/", stale: ["App Runner"] },
  carriers: [{ file: "SKILL.md", text: "Lambda" }],
  budget: 6000,
});

describe("deterministic grading", () => {
  it("matches figures however the answer formats them, and literal figures literally", () => {
    expect(statesFigure("about $1,234.50 a month", "$1234.5")).toBe(true);
    expect(statesFigure("costs 7.6 USD", "$7.60")).toBe(true);
    expect(statesFigure("costs $7.16", "$7.60")).toBe(false);
    expect(statesFigure("the limit is 900 s", "900")).toBe(true);
    expect(statesFigure("QLDB ended on 2025-07-31", "2025-07-31")).toBe(true);
    expect(statesFigure("QLDB ended in July 2025", "2025-07-31")).toBe(false);
    expect(statesFigure("set nat_mode to shared", "nat_mode")).toBe(true);
  });

  it("lists every failed check: services, example, figures, stale answers", () => {
    expect(gradeDeterministic(scenario, ["$7.60"], "Use App Runner with Lambda.")).toEqual([
      "does not name API Gateway",
      "does not point to the example examples/cdk/serverless-api/",
      "does not state $7.60",
      'gives a stale answer: "App Runner"',
    ]);
    expect(gradeDeterministic(scenario, ["$7.60"], "API Gateway and Lambda from examples/cdk/serverless-api, $7.60 a month.")).toEqual([]);
  });

  it("treats a grader reply that is not the expected JSON as malformed", () => {
    expect(parseGraderReply('Sure! {"items": [{"pass": false, "reason": "no"}]}', 1)).toEqual([{ pass: false, reason: "no" }]);
    expect(() => parseGraderReply("It passes.", 1)).toThrow(ProviderError);
    expect(() => parseGraderReply('{"items": []}', 1)).toThrow(/malformed grader reply \(expected \{"items": \[\.\.\.\]\} with 1 verdicts\)/);
  });
});

describe("offline trigger wording", () => {
  it("matches whole words only and reports the concept a description lacks or names", () => {
    expect(mentions("Designs AWS architecture", "AWS")).toBe(true);
    expect(mentions("laws and rules", "AWS")).toBe(false);
    expect(mentions("add gateway endpoints", "gateway endpoint")).toBe(true);
    expect(mentions("EC2x", "EC2")).toBe(false);
    const metadata = { name: "x", description: "Builds AWS infrastructure. Use when the user deploys to AWS." };
    const checks = checkTriggersOffline(metadata, [
      { where: "t.yaml:2", value: { id: "a", prompt: "CDK stack", expect: "trigger", concepts: ["AWS", "CDK"], why: "cdk work" } },
      { where: "t.yaml:7", value: { id: "b", prompt: "Azure deploy", expect: "no-trigger", concepts: ["Azure", "AWS"], why: "other cloud" } },
    ]);
    expect(checks.map((c) => c.reason)).toEqual([
      't.yaml:2: trigger a: the description does not name "CDK", which "CDK stack" turns on',
      't.yaml:7: near miss b: the description names "AWS", so "Azure deploy" could activate it',
    ]);
  });
});

describe("the agent's file tools", () => {
  function bundle(): string {
    const dir = tempDir("skill-evals-bundle-");
    writeFileSync(path.join(dir, "SKILL.md"), "---\nname: x\ndescription: d\n---\n# X\n");
    mkdirSync(path.join(dir, "scripts", "bin"), { recursive: true });
    writeFileSync(path.join(dir, "scripts", "bin", "hello.mjs"), "console.log('hello', process.argv[2], process.env.ANTHROPIC_API_KEY ?? 'no key');\n");
    writeFileSync(path.join(dir, "scripts", "bin", "forever.mjs"), "setInterval(() => {}, 1000);\n");
    mkdirSync(path.join(dir, "references"));
    writeFileSync(path.join(dir, "references", "a.md"), "# A\n");
    return dir;
  }

  it("reads and lists bundle files and refuses paths outside the bundle", async () => {
    const tools = bundleTools(openBundle(bundle()), 5000);
    expect(await tools.run("read_file", { path: "references/a.md" })).toEqual({ content: "# A\n", isError: false });
    expect(await tools.run("list_files", { path: "" })).toEqual({ content: "SKILL.md\nreferences/\nscripts/", isError: false });
    expect(await tools.run("read_file", { path: "../etc/passwd" })).toEqual({ content: "../etc/passwd: outside the skill folder", isError: true });
    expect(await tools.run("read_file", {})).toEqual({ content: 'read_file: input needs a string "path"', isError: true });
    expect(await tools.run("run_script", { path: "references/a.md" })).toEqual({ content: "references/a.md: only scripts under scripts/ may be run", isError: true });
    expect(await tools.run("delete_file", { path: "SKILL.md" })).toEqual({ content: 'unknown tool "delete_file" (tools: read_file, list_files, run_script)', isError: true });
  });

  it("runs a bundled script without the caller's keys, and kills one that outlives its timeout", async () => {
    const dir = bundle();
    const previous = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = "sk-secret";
    try {
      expect(await bundleTools(openBundle(dir), 10_000).run("run_script", { path: "scripts/bin/hello.mjs", args: ["world"] })).toEqual({ content: "exit code 0\nhello world no key\n", isError: false });
    } finally {
      if (previous === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = previous;
    }
    const killed = await bundleTools(openBundle(dir), 300).run("run_script", { path: "scripts/bin/forever.mjs" });
    expect(killed.content).toBe("killed after the 0.3 s timeout\n");
    expect(killed.isError).toBe(true);
  });
});

describe("the links the walk follows", () => {
  it("resolves relative links to bundle paths, keeps folder links, and skips code, anchors, URLs and paths outside the bundle", async () => {
    const { linkTargets } = await import("../src/bundle.js");
    const text = [
      "See [compute](compute-services.md#decide) and [the example](../examples/cdk/serverless-api/).",
      "[AWS](https://aws.amazon.com/) [top](#contents) [out](../../packages/x.md) [bad](%E0%A4%A.md)",
      "`[not](a-link.md)`",
      "```md",
      "[in code](code.md)",
      "```",
      "[ref]: networking.md",
    ].join("\n");
    expect(linkTargets("references/storage-services.md", text)).toEqual([
      "references/compute-services.md",
      "examples/cdk/serverless-api/",
      "references/networking.md",
    ]);
  });
});
