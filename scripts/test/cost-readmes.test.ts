// Every example README's cost section is cost-estimate's output for the example and its usage
// profile: a figure edited by hand, a changed price record or a changed example fails here.
// Regenerate with `pnpm --filter @aws-patterns/scripts cost-readmes` (this test with
// COST_README_WRITE=1, which writes instead of checking).
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { costArgs, costSections, exampleReadmes, removeSyntheses } from "./cost-examples.js";
import { REPO, runCost } from "./cost-helpers.js";

const WRITE = process.env.COST_README_WRITE === "1";
const REGENERATE = "pnpm --filter @aws-patterns/scripts cost-readmes";

afterAll(removeSyntheses);

describe("example README cost sections", () => {
  it("every example README has a generated cost section", () => {
    const sections = costSections();
    const missing = exampleReadmes().filter(({ readme }) => !sections.some((s) => s.readme === readme));
    expect(missing.map((m) => `${m.example}/README.md`)).toEqual([]);
  });

  for (const section of costSections()) {
    const name = `${section.example}${section.section ? ` (${section.section})` : ""}`;
    it(`${name} matches cost-estimate`, async () => {
      const args = costArgs(section);
      const result = await runCost([...args, WRITE ? "--write" : "--check", section.readme]);
      const relative = path.relative(REPO, section.readme);
      if (result.code !== 0) {
        throw new Error(`${relative}: ${result.stderr.trim()}\nThe cost section must be what cost-estimate prints for the example and ${path.basename(section.usage)}; regenerate it with \`${REGENERATE}\` and keep the prose around it true.`);
      }
      expect(result.code).toBe(0);
    });
  }
});
