import { describe, expect, it } from "vitest";
import { renderTable } from "../src/bench-table.js";

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
    expect(table).toContain("| warm verify | 1.2 s | 10/10 | none |");
    expect(table).toContain("| cold verify | 200.0 s | 0/2 | all 2 |");
    expect(table).toContain("| after an edit | 5.0 s | 8/10 | @aws-patterns/skill#lint, @aws-patterns/skill#bundle |");
  });
});
