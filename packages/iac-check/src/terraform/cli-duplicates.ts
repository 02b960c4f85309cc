// When terraform/tofu runs too, most of what its `init` and `validate` report the offline checks
// have already reported at the same line: one finding per problem, so those are dropped. A
// diagnostic is a duplicate when an offline finding sits on the same file and line and its rule
// means what the CLI's summary says (columns differ: Terraform points at the part it rejects).

import type { Diagnostic } from "../language.js";

const SAME_MEANING: [RegExp, string[]][] = [
  [/^Reference to undeclared input variable/, ["tf/undeclared-variable"]],
  [/^Reference to undeclared local value/, ["tf/undeclared-local"]],
  [/^Reference to undeclared resource/, ["tf/undeclared-resource", "tf/undeclared-data-source"]],
  [/^Reference to undeclared module/, ["tf/undeclared-module"]],
  [/^(Reference to "(count|each)" in non-|Invalid "(path|terraform|count|each)" attribute|Invalid reference|Invalid "each" attribute)/, ["tf/invalid-reference"]],
  [/^Unsupported attribute/, ["tf/unknown-attribute", "tf/unknown-module-output"]],
  [/^Unsupported argument/, ["tf/unknown-argument", "tf/unknown-module-input", "tf/block-as-argument"]],
  [/^Unsupported block type/, ["tf/unknown-block", "tf/argument-as-block"]],
  [/^Missing required argument/, ["tf/missing-argument", "tf/missing-module-input"]],
  [/^(Insufficient .* blocks|Missing required block|Too few .* blocks)/, ["tf/missing-block"]],
  [/^Duplicate .*(definition|configuration|declaration|call)/, ["tf/duplicate-declaration"]],
  [/^Invalid resource type/, ["tf/unknown-resource-type"]],
  [/^Invalid data source/, ["tf/unknown-data-source"]],
  [/^Incorrect attribute value type/, ["tf/argument-type"]],
  [/^(Value for unconfigurable attribute|Invalid or unknown key)/, ["tf/computed-argument"]],
  [/^(Missing base .* for override|Missing .* to override)/, ["tf/override-without-base"]],
  [/^(Provider configuration not present|Reference to undeclared provider)/, ["tf/undeclared-provider-alias"]],
  [/^(Cycle|Circular reference)/, ["tf/circular-locals"]],
  [/^(Unreadable module directory|Failed to read module directory|Module not found)/, ["tf/module-source"]],
  [/^(Invalid block definition|Argument or block definition required|Unclosed configuration block|Invalid expression|Invalid character|Unterminated template string|Missing newline after argument|Invalid multi-line string|Invalid argument name|Invalid single-argument block definition|Extra characters after)/, ["tf/syntax"]],
];

/** Rules an offline finding may carry for the CLI's summary to mean the same; undefined when unknown. */
export function offlineRulesFor(summary: string): string[] | undefined {
  return SAME_MEANING.find(([pattern]) => pattern.test(summary))?.[1];
}

/** The CLI diagnostics not already reported offline (their message starts with the CLI's summary). */
export function withoutOfflineDuplicates(offline: Diagnostic[], cli: Diagnostic[]): Diagnostic[] {
  // validate repeats a child module's error once per call of that module: keep one.
  const seen = new Set<string>();
  return cli.filter((d) => {
    const key = `${d.file}:${d.line ?? ""}:${d.rule}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (d.line === undefined) return true;
    const summary = d.message.split(":")[0] ?? d.message;
    const rules = offlineRulesFor(summary);
    if (!rules) return true;
    return !offline.some((o) => o.file === d.file && o.line === d.line && rules.includes(o.rule));
  });
}
