import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/main.js";
import { runCoverage } from "../src/coverage.js";
import { DEFAULT_SCENARIOS_DIR } from "../src/paths.js";
import { coverageText } from "../src/report.js";
import { loadEvalSet, parseEvalFile, type EvalSet } from "../src/scenarios.js";
import { copySkill, tempDir } from "./helpers.js";

const TODAY = "2026-11-26";

function edit(file: string, change: (text: string) => string): void {
  const before = readFileSync(file, "utf8");
  const after = change(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(file, after);
}

function only(set: EvalSet, id: string): EvalSet {
  const scenarios = set.scenarios.filter((s) => s.value.id === id);
  expect(scenarios).toHaveLength(1);
  return { scenarios, triggers: [] };
}

describe("retrieval coverage over a copy of the skill", () => {
  it("passes on the unchanged skill, and fails when a reference loses an answer a scenario needs", async () => {
    const skill = copySkill();
    const set = await loadEvalSet(DEFAULT_SCENARIOS_DIR);
    const before = await runCoverage(skill, only(set, "compute-one-container-least-setup"), TODAY);
    expect(before.failed).toBe(0);

    // Delete the reference's answer: the App Runner row of compute-services.md.
    edit(path.join(skill, "references", "compute-services.md"), (text) =>
      text.replace(/^\| App Runner \|.*\n/m, ""),
    );
    const after = await runCoverage(skill, only(set, "compute-one-container-least-setup"), TODAY);
    expect(after.failed).toBe(1);
    expect(after.scenarios[0]!.reasons).toHaveLength(1);
    expect(after.scenarios[0]!.reasons[0]).toMatch(
      new RegExp(
        '^references/compute-services\\.md: "Every new design: it closed to new customers on 2026-04-30": absent: references/compute-services\\.md no longer contains "Every new design: it closed to new customers on 2026-04-30", and no bundle file does \\(restore the answer, or change the scenario\\) \\(walk: SKILL\\.md \\([\\d,]+\\) → references/compute-services\\.md \\([\\d,]+\\)\\)$',
      ),
    );
    expect(coverageText(after)).toMatch(/^scenarios\/compute\.yaml:\d+: scenario compute-one-container-least-setup fails retrieval coverage\n  - references\/compute-services\.md: "Every new design/);
  });

  it("says where an answer moved to", async () => {
    const skill = copySkill();
    const set = await loadEvalSet(DEFAULT_SCENARIOS_DIR);
    const sentence = "Behind an HTTP API a request gets 30 s, whatever the function's 900 s";
    edit(path.join(skill, "references", "compute-services.md"), (text) => text.replace(sentence, "Behind an HTTP API requests time out"));
    edit(path.join(skill, "references", "serverless-patterns.md"), (text) => `${text}\n${sentence}.\n`);
    const report = await runCoverage(skill, only(set, "compute-api-timeout-behind-http-api"), TODAY);
    expect(report.scenarios[0]!.reasons).toHaveLength(1);
    expect(report.scenarios[0]!.reasons[0]).toContain(
      `moved: references/compute-services.md no longer contains "${sentence}"; it is now in references/serverless-patterns.md (update the scenario's carriers, or put it back)`,
    );
  });

  it("fails a scenario whose file no link reaches, and one over its token budget, showing the walk", async () => {
    const skill = copySkill();
    const set = await loadEvalSet(DEFAULT_SCENARIOS_DIR);
    // Unlink the storage reference everywhere it is linked from.
    for (const file of ["SKILL.md", ...["compute-services", "container-patterns", "cost-optimization", "database-services", "networking", "security", "serverless-patterns", "well-architected"].map((n) => `references/${n}.md`)]) {
      const full = path.join(skill, file);
      writeFileSync(full, readFileSync(full, "utf8").replace(/\]\((?:\.\.\/references\/|references\/)?storage-services\.md(#[^)]*)?\)/g, "]"));
    }
    const unreachable = await runCoverage(skill, only(set, "storage-gp3-volume"), TODAY);
    expect(unreachable.scenarios[0]!.reasons[0]).toBe(
      'references/storage-services.md: "gp3 buys IOPS apart from size": unreachable: no chain of links from SKILL.md leads to references/storage-services.md (link it from SKILL.md or a reference SKILL.md links to)',
    );

    const tight = only(set, "compute-lambda-or-fargate");
    const small = { scenarios: [{ ...tight.scenarios[0]!, value: { ...tight.scenarios[0]!.value, budget: 8000 } }], triggers: [] };
    const over = await runCoverage(skill, small, TODAY);
    expect(over.scenarios[0]!.reasons).toHaveLength(1);
    expect(over.scenarios[0]!.reasons[0]).toMatch(
      /^over budget: the paths read 10,\d{3} tokens, the budget is 8,000 \(references\/compute-services\.md 5,\d{3}, SKILL\.md 4,\d{3}\)$/,
    );
  });

  it("fails when a worked cost's total no longer appears where the scenario says, and names a cost id that does not exist", async () => {
    const skill = copySkill();
    const set = await loadEvalSet(DEFAULT_SCENARIOS_DIR);
    edit(path.join(skill, "references", "compute-services.md"), (text) => text.replace("**$73.00**", "**$74.00**").replace("| $73.00 |", "| $74.00 |"));
    const report = await runCoverage(skill, only(set, "compute-eks-control-plane-cost"), TODAY);
    expect(report.scenarios[0]!.reasons[0]).toMatch(/^cost compute-eks-control-plane = \$73\.00 in references\/compute-services\.md: moved: references\/compute-services\.md no longer contains "\$73\.00"; it is now in references\/container-patterns\.md/);

    const parsed = parseEvalFile("scenarios/x.yaml", "scenarios:\n  - id: x-cost\n    question: What does it cost a month?\n    answer:\n      costs: [{ id: no-such-cost, file: SKILL.md }]\n    carriers: [{ file: SKILL.md, text: AWS patterns }]\n    budget: 6000\n");
    expect(parsed.problems).toEqual([]);
    const missing = await runCoverage(skill, parsed.set, TODAY);
    expect(missing.scenarios[0]!.reasons).toEqual(["cost no-such-cost: no worked cost `no-such-cost` in skill/data/costs (a valid record with that id)"]);
  });

  it("reports a reference or example that no scenario covers", async () => {
    const skill = copySkill();
    const set = await loadEvalSet(DEFAULT_SCENARIOS_DIR);
    const withoutStorage = { scenarios: set.scenarios.filter((s) => !s.value.carriers.some((c) => c.file.includes("storage")) && !s.value.answer.costs.some((c) => c.file.includes("storage"))), triggers: [] };
    const withoutExample = { scenarios: withoutStorage.scenarios.filter((s) => !JSON.stringify(s.value).includes("rds-aurora")), triggers: [] };
    const report = await runCoverage(skill, withoutExample, TODAY);
    expect(report.gaps).toEqual([
      "references/storage-services.md: no scenario names it as a carrier (add one whose answer it carries)",
      "examples/terraform/rds-aurora/: no scenario starts from this example or cites it (add one)",
    ]);
  });
});

describe("skill-evals coverage, the command verify runs", () => {
  afterEach(() => vi.restoreAllMocks());

  it("exits 1 with the failing scenario and its walk once a reference loses an answer", async () => {
    const skill = copySkill();
    const out = tempDir("skill-evals-out-");
    let stdout = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
    const args = ["coverage", "--skill", skill, "--out", out, "--readme", path.join(out, "no-readme.md")];
    // Other scenarios may fail on work in progress in this tree; this one must not, until the edit.
    await main(args);
    expect(stdout).toMatch(/^\d+ scenarios, \d+ pass retrieval coverage/m);
    expect(stdout).not.toContain("database-ledger");
    edit(path.join(skill, "references", "database-services.md"), (text) => text.replace("Ledgers: Aurora PostgreSQL (AWS's QLDB migration path)", "Ledgers: see below"));
    stdout = "";
    expect(await main(args)).toBe(1);
    expect(stdout).toContain(
      `scenario database-ledger fails retrieval coverage\n  - references/database-services.md: "Ledgers: Aurora PostgreSQL (AWS's QLDB migration path)": absent: references/database-services.md no longer contains`,
    );
    expect(stdout).toMatch(/\(walk: SKILL\.md \([\d,]+\) → references\/database-services\.md \([\d,]+\)\)\n/);
    expect(readFileSync(path.join(out, "coverage.md"), "utf8")).toContain("| database-ledger | SKILL.md (");
  });
});

describe("the eval set's schema", () => {
  it("names the file and line of each problem", () => {
    const text = [
      "scenarios:",
      "  - id: Bad_Id",
      "    question: short",
      "    answer:",
      "      example: examples/cdk/serverless-api",
      "    carriers: []",
      "    budget: 100",
      "triggers:",
      "  - id: t",
      "    prompt: Deploy to Azure",
      "    expect: maybe",
      "    concepts: [Azure]",
      "    why: another cloud",
    ].join("\n");
    expect(parseEvalFile("scenarios/bad.yaml", text).problems).toEqual([
      "scenarios/bad.yaml:2: scenarios.0.id: must be kebab-case",
      "scenarios/bad.yaml:3: scenarios.0.question: Too small: expected string to have >=10 characters",
      "scenarios/bad.yaml:5: scenarios.0.answer.example: must be an example folder such as examples/cdk/serverless-api/",
      "scenarios/bad.yaml:6: scenarios.0.carriers: Too small: expected array to have >=1 items",
      'scenarios/bad.yaml:11: triggers.0.expect: Invalid option: expected one of "trigger"|"no-trigger"',
    ]);
    expect(parseEvalFile("scenarios/broken.yaml", "scenarios:\n  - id: [unclosed\n").problems[0]).toMatch(/^scenarios\/broken\.yaml:\d+: not valid YAML: /);
  });
});
