// The copy of a template the security rules see: the transforms it declares expanded the way
// CloudFormation would before deploying (AWS::LanguageExtensions loops, then SAM), so SAM
// functions and looped resources are checked like any other. The validation engine still judges
// the template as written.
import type { Diagnostic } from "../language.js";
import type { TemplateAcknowledgement } from "../engine/protocol.js";
import { isObject } from "./acknowledgements.js";
import { declaresTransform, expandForEach, ExpansionError, LANGUAGE_EXTENSIONS } from "./language-extensions.js";
import type { ParsedTemplate } from "./parse-template.js";
import { SAM_TRANSFORM, transformSam } from "./sam-transform.js";

export interface ExpandedTemplate {
  /** Undefined when nothing needed expanding (the rules load the template as written). */
  template?: Record<string, unknown>;
  /** Generated logical id -> the template path it comes from (the SAM resource, or the loop). */
  origins: Map<string, (string | number)[]>;
  diagnostics: Diagnostic[];
}

export function expandTransforms(parsed: ParsedTemplate, file: string): ExpandedTemplate {
  let template = parsed.template;
  const origins = new Map<string, (string | number)[]>();
  const diagnostics: Diagnostic[] = [];
  let changed = false;
  const resources = isObject(template.Resources) ? template.Resources : {};
  if (declaresTransform(template, LANGUAGE_EXTENSIONS) || Object.keys(resources).some((key) => key.startsWith("Fn::ForEach::"))) {
    try {
      const expanded = expandForEach(template);
      template = expanded.template;
      for (const [id, path] of expanded.origins) origins.set(id, path);
      changed = true;
    } catch (error) {
      if (!(error instanceof ExpansionError)) throw error;
      // The rules then run on the template as written, where the loop is not a resource.
      diagnostics.push({ file, ...parsed.locate(error.path), severity: "warning", rule: "cloudformation/not-expanded", message: error.message });
    }
  }
  if (declaresTransform(template, SAM_TRANSFORM)) {
    const sam = transformSam(template);
    template = sam.template;
    for (const [id, from] of sam.origins) origins.set(id, origins.get(from) ?? ["Resources", from]);
    changed = true;
    for (const resource of sam.unsupported) {
      const id = resource.split(" ")[0]!;
      diagnostics.push({
        file,
        ...parsed.locate(["Resources", id]),
        severity: "warning",
        rule: "cloudformation/sam-not-checked",
        location: id,
        message: `${resource} is a SAM resource type iac-check does not expand, so the security rules did not check what it deploys (they checked the rest of the template); review it by hand, or write it as the CloudFormation resources it stands for`,
      });
    }
  }
  return { template: changed ? template : undefined, origins, diagnostics };
}

/** An acknowledgement on a SAM resource or a loop also covers what it generates. */
export function acknowledgementsForGenerated(acknowledgements: TemplateAcknowledgement[], origins: Map<string, (string | number)[]>): TemplateAcknowledgement[] {
  const extra: TemplateAcknowledgement[] = [];
  for (const [generated, path] of origins) {
    const source = String(path[1]);
    for (const ack of acknowledgements) if (ack.logicalId === source) extra.push({ ...ack, logicalId: generated });
  }
  return [...acknowledgements.filter((ack) => !ack.logicalId || !ack.logicalId.startsWith("Fn::ForEach::")), ...extra];
}
