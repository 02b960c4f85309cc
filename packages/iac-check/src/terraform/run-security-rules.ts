// The tf-sec rules of one module with its suppression comments applied, in a module of its own so
// a security-only check (./check-security.ts) does not load the formatter, schema or CLI steps.

import type { Acknowledgement, Diagnostic } from "../language.js";
import { blockAddress, type TfBlock, type TfModule } from "./model.js";
import { securityRules } from "./security-rules/index.js";
import { applySuppressions } from "./suppressions.js";

/**
 * Runs every tf-sec rule on one module and applies its suppression comments: the findings left,
 * the suppression mistakes (tf/suppression) and the acknowledged findings. Shared by
 * ./check-module.ts (every check) and ./check-security.ts (only this one).
 */
export async function runSecurityRules(module: TfModule): Promise<{ diagnostics: Diagnostic[]; acknowledgements: Acknowledgement[] }> {
  const findings: { diagnostic: Diagnostic; block: TfBlock }[] = [];
  for (const rule of securityRules) {
    for (const f of await rule.check(module)) {
      const position = f.position ?? f.block.position;
      const file = position.file ?? f.block.file.path;
      // One finding per problem: a rule that reaches the same thing two ways reports it once.
      if (findings.some((x) => x.diagnostic.rule === rule.id && x.diagnostic.file === file && x.diagnostic.line === position.line && x.diagnostic.message === f.message)) continue;
      findings.push({
        block: f.block,
        diagnostic: { file, line: position.line, column: position.column, severity: "error", rule: rule.id, message: f.message, location: blockAddress(f.block) },
      });
    }
  }
  return applySuppressions(findings, module.files, new Set(securityRules.map((r) => r.id)));
}
