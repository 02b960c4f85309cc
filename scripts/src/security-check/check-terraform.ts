// Terraform needs nothing from the user: iac-check's tf-sec rules and suppressions
// (checkTerraformSecurity: no format, schema or terraform CLI step) on the module and the local
// modules it calls, with the HCL parser (WebAssembly) bundled beside the script.
import { checkTerraformSecurity } from "@aws-patterns/iac-check/dist/terraform/check-security.js";
import { classify, type TargetReport } from "./report.js";

export async function checkTerraform(target: string): Promise<TargetReport> {
  const result = await checkTerraformSecurity(target);
  const children = (result.details.childModules as string[] | undefined) ?? [];
  const report: TargetReport = {
    target,
    kind: "terraform",
    checkedWith: [`iac-check's Terraform security rules (tf-sec/*)${children.length > 0 ? `, also on the local modules ${children.join(", ")}` : ""}`],
    findings: [],
    problems: [],
    acknowledged: result.acknowledgements,
  };
  for (const diagnostic of result.diagnostics) {
    const { finding, problem } = classify(diagnostic);
    if (finding) report.findings.push(finding);
    if (problem) report.problems.push(problem);
  }
  return report;
}
