// checkTerraformSecurity runs only the security part of the Terraform checks (for the skill's
// security-check script): on every fixture it must report exactly the tf-sec, suppression and
// syntax diagnostics the full check reports (expect.json), and none of the others.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkTerraformSecurity } from "../../src/terraform/check-security.js";

const root = join(import.meta.dirname, "..", "..", "fixtures", "terraform");
const SECURITY_ONLY = /^(?:tf-sec\/|tf\/suppression$|tf\/syntax$)/;

interface Expected {
  rule: string;
  file: string;
  line: number;
  severity?: "warning";
}

const key = (x: Expected): string => `${x.file}:${String(x.line).padStart(5, "0")}:${x.rule}:${x.severity ?? ""}`;

describe.each(["checks", "security"])("%s fixtures, security gates only", (group) => {
  for (const name of readdirSync(join(root, group)).sort()) {
    const okDir = join(root, group, name, "ok");
    const notOkDir = join(root, group, name, "not-ok");
    if (existsSync(okDir)) {
      it(`${name}/ok has no security finding`, async () => {
        const report = await checkTerraformSecurity(okDir);
        expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      });
    }
    if (existsSync(notOkDir)) {
      it(`${name}/not-ok reports the security and syntax diagnostics of expect.json, no others`, async () => {
        const report = await checkTerraformSecurity(notOkDir);
        const found = report.diagnostics
          .filter((d) => d.severity !== "info")
          .map((d) => ({ rule: d.rule, file: relative(notOkDir, resolve(d.file)), line: d.line!, ...(d.severity === "warning" ? { severity: "warning" as const } : {}) }))
          .sort((a, b) => key(a).localeCompare(key(b)));
        const expected = (JSON.parse(readFileSync(join(notOkDir, "expect.json"), "utf8")) as Expected[])
          .filter((x) => SECURITY_ONLY.test(x.rule))
          .sort((a, b) => key(a).localeCompare(key(b)));
        expect(found).toEqual(expected);
      });
    }
  }
});

describe("checkTerraformSecurity", () => {
  it("says so when the folder has no Terraform files", async () => {
    const report = await checkTerraformSecurity(join(root, "checks"));
    expect(report.diagnostics.map((d) => d.rule)).toEqual(["tf/no-files"]);
  });
  it("names the local child modules it checked", async () => {
    const report = await checkTerraformSecurity(join(root, "checks", "child-modules", "not-ok"));
    expect((report.details.childModules as string[]).map((d) => relative(join(root, "checks", "child-modules", "not-ok"), resolve(d))).sort()).toEqual(["modules/db", "modules/tags"]);
  });
});
