// Acknowledgements of cdk-nag findings in a hand-written template live in its Metadata, where a
// reviewer reads them next to the resource they excuse:
//
//   Resources:
//     Api:
//       Type: AWS::ApiGatewayV2::Api
//       Metadata:
//         iac-check:
//           acknowledge:
//             - id: AwsSolutions-APIG4
//               reason: The API is public by design; throttling and WAF protect it.
//
// A top-level `Metadata: iac-check: acknowledge:` list applies to every resource of the template.
import type { Diagnostic } from "../language.js";
import type { TemplateAcknowledgement } from "../engine/protocol.js";
import { MIN_REASON_LENGTH } from "../engine/findings.js";
import { unknownRuleMessage } from "../engine/known-rules.js";
import type { ParsedTemplate } from "./parse-template.js";

export const METADATA_KEY = "iac-check";

export function readTemplateAcknowledgements(parsed: ParsedTemplate, file: string): { acknowledgements: TemplateAcknowledgement[]; diagnostics: Diagnostic[] } {
  const acknowledgements: TemplateAcknowledgement[] = [];
  const diagnostics: Diagnostic[] = [];
  const readFrom = (metadata: unknown, path: (string | number)[], logicalId: string | undefined): void => {
    if (!isObject(metadata) || metadata[METADATA_KEY] === undefined) return;
    const section = metadata[METADATA_KEY];
    const list = isObject(section) ? section.acknowledge : undefined;
    const at = (extra: (string | number)[]) => parsed.locate([...path, METADATA_KEY, ...extra]);
    if (!Array.isArray(list)) {
      diagnostics.push({ file, ...at([]), severity: "error", rule: "acknowledgement/format", location: logicalId, message: `Metadata.${METADATA_KEY} must hold an "acknowledge" list of { id, reason } entries` });
      return;
    }
    list.forEach((entry: unknown, index) => {
      const where = { file, ...at(["acknowledge", index]) };
      if (!isObject(entry) || typeof entry.id !== "string" || entry.id.trim() === "") {
        diagnostics.push({ ...where, severity: "error", rule: "acknowledgement/format", location: logicalId, message: `acknowledgement ${index + 1} needs an "id" naming the rule it acknowledges (e.g. AwsSolutions-IAM4)` });
        return;
      }
      const unknown = unknownRuleMessage(entry.id.trim(), false);
      if (unknown) diagnostics.push({ ...where, severity: "warning", rule: "acknowledgement/unknown-rule", location: logicalId, message: unknown });
      const reason = typeof entry.reason === "string" ? entry.reason.trim() : "";
      if (reason.length < MIN_REASON_LENGTH) {
        diagnostics.push({
          ...where,
          severity: "error",
          rule: "acknowledgement/reason",
          location: logicalId,
          message:
            reason.length === 0
              ? `the acknowledgement of ${entry.id} has no reason: add a "reason" saying why the finding is acceptable here, in at least ${MIN_REASON_LENGTH} characters`
              : `the acknowledgement of ${entry.id} gives the reason "${reason}" (${reason.length} characters): explain why the finding is acceptable here in at least ${MIN_REASON_LENGTH} characters`,
        });
      }
      acknowledgements.push({ logicalId, id: entry.id.trim(), reason });
    });
  };
  const template = parsed.template;
  readFrom(template.Metadata, ["Metadata"], undefined);
  if (isObject(template.Resources)) {
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (isObject(resource)) readFrom(resource.Metadata, ["Resources", logicalId, "Metadata"], logicalId);
    }
  }
  return { acknowledgements, diagnostics };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
