import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CoverageReport } from "../src/coverage.js";
import { checkReadmeTotal, coverageMarkdown, writeCoverageReport } from "../src/report.js";
import { tempDir } from "./helpers.js";

const report: CoverageReport = {
  generatedFor: "skill",
  scenarios: [
    { id: "a", where: "s.yaml:2", question: "q?", pass: true, reasons: [], files: [{ file: "SKILL.md", tokens: 4661 }], tokens: 4661, budget: 6000, targets: [], figures: [] },
    { id: "b", where: "s.yaml:9", question: "q?", pass: false, reasons: ["absent: x | y"], files: [], tokens: 0, budget: 6000, targets: [], figures: [] },
  ],
  gaps: [],
  passed: 1,
  failed: 1,
};

describe("the coverage report", () => {
  it("writes JSON and a markdown table with a row per scenario", async () => {
    const dir = tempDir("skill-evals-report-");
    const written = await writeCoverageReport(report, dir);
    expect(JSON.parse(readFileSync(written.json, "utf8"))).toEqual(report);
    expect(readFileSync(written.markdown, "utf8")).toBe(coverageMarkdown(report));
    expect(coverageMarkdown(report)).toContain("| a | SKILL.md (4,661) | 4,661 / 6,000 | pass |\n| b |  | 0 / 6,000 | **fail**: absent: x \\| y |");
  });

  it("fails when the README's total disagrees, and updates it on request", async () => {
    const readme = path.join(tempDir("skill-evals-readme-"), "README.md");
    writeFileSync(readme, "# R\n\nTotal: <!-- evals-total -->3 scenarios, 3 pass retrieval coverage<!-- /evals-total -->.\n");
    expect(await checkReadmeTotal(readme, report, false)).toBe(
      `${readme}:3: the README says "3 scenarios, 3 pass retrieval coverage", the eval gives "2 scenarios, 1 pass retrieval coverage" (run skill-evals coverage --write-readme)`,
    );
    expect(await checkReadmeTotal(readme, report, true)).toBeUndefined();
    expect(readFileSync(readme, "utf8")).toContain("<!-- evals-total -->2 scenarios, 1 pass retrieval coverage<!-- /evals-total -->");
    expect(await checkReadmeTotal(readme, report, false)).toBeUndefined();
  });
});
