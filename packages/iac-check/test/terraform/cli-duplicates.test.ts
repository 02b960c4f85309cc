// One finding per problem: what terraform init / validate report again at a line where an offline
// finding of the same meaning sits is dropped; anything else they add is kept.
import { spawnSync } from "node:child_process";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/language.js";
import { checkTerraformModule } from "../../src/terraform/index.js";
import { withoutOfflineDuplicates } from "../../src/terraform/cli-duplicates.js";
import { locatedErrors } from "../../src/terraform/run-terraform-cli.js";

const fixture = join(import.meta.dirname, "..", "..", "fixtures", "terraform", "checks", "cli-duplicates", "not-ok");
const d = (rule: string, line: number, message = "m"): Diagnostic => ({ file: "main.tf", line, column: 1, severity: "error", rule, message });

describe("terraform diagnostics that repeat an offline finding", () => {
  it("are dropped when file, line and meaning agree, kept otherwise", () => {
    const offline = [d("tf/undeclared-variable", 7), d("tf/unknown-attribute", 9)];
    const cli = [
      d("terraform/validate", 7, "Reference to undeclared input variable: An input variable with the name \"nme\" has not been declared."),
      d("terraform/validate", 8, "Reference to undeclared input variable: another line"),
      d("terraform/validate", 9, "Unsupported attribute: This object has no argument, nested block, or exported attribute named \"x\"."),
      d("terraform/validate", 7, "Invalid value for variable: a different problem on the same line"),
      { file: "main.tf", severity: "error" as const, rule: "terraform/validate", message: "Reference to undeclared input variable: no line" },
    ];
    expect(withoutOfflineDuplicates(offline, cli)).toEqual([cli[1], cli[3], cli[4]]);
    // The same message twice (validate says it once per call of a child module): kept once.
    expect(withoutOfflineDuplicates([], [cli[1]!, { ...cli[1]! }])).toEqual([cli[1]]);
  });

  it("init's configuration errors get their file and line, so they can be matched too", () => {
    const output = [
      "",
      "Error: Terraform encountered problems during initialisation, including problems",
      "with the configuration, described below.",
      "",
      "Error: Duplicate output definition",
      "",
      "  on main.tf line 25:",
      '  25: output "o" {',
      "",
      'An output named "o" was already defined at main.tf:13,1-11. Output names must',
      "be unique within a module.",
      "",
    ].join("\n");
    const [located, ...rest] = locatedErrors(output, "/m", "terraform/init");
    expect(rest).toEqual([]);
    expect(located).toEqual({
      file: relative(process.cwd(), "/m/main.tf"),
      line: 25,
      severity: "error",
      rule: "terraform/init",
      message: 'Duplicate output definition: An output named "o" was already defined at main.tf:13,1-11. Output names must be unique within a module.',
    });
    expect(withoutOfflineDuplicates([{ ...d("tf/duplicate-declaration", 25), file: located!.file }], [located!])).toEqual([]);
  });
});

const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

describe.skipIf(!terraform)(terraform ? "with the real terraform validate" : "with the real terraform validate (SKIPPED: no terraform binary on PATH)", () => {
  it("a module whose validate runs offline (child module outside its folder included) reports each error once", async () => {
    const report = await checkTerraformModule(fixture, { fix: false, timeoutMs: 120_000, runCli: true });
    expect(report.details.terraformCli).toEqual({ status: "failed", binary: "terraform" });
    expect(report.diagnostics.filter((x) => x.severity !== "info").map((x) => [x.rule, relative(fixture, x.file), x.line])).toEqual([
      ["tf/undeclared-variable", "main.tf", 10],
      ["tf/invalid-reference", "main.tf", 11],
      ["tf/undeclared-local", "main.tf", 16],
      ["tf/undeclared-resource", "main.tf", 21],
      ["tf/undeclared-variable", join("..", "shared", "main.tf"), 9],
    ]);
  });

  it("does not run init on modules that call each other in a cycle (terraform init loops on them)", async () => {
    const cyclic = join(import.meta.dirname, "..", "..", "fixtures", "terraform", "checks", "child-modules", "not-ok");
    const report = await checkTerraformModule(cyclic, { fix: false, timeoutMs: 120_000, runCli: true });
    expect(report.details.terraformCli).toEqual({ status: "skipped", reason: expect.stringContaining("cycle") });
    expect(report.diagnostics.filter((x) => x.rule === "tf/module-cycle")).toHaveLength(1);
  });
});
