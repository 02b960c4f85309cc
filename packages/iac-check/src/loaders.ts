// What other tools read infrastructure with, so they parse as iac-check parses and fail with the
// same messages: templates (with positions), CDK app folders (cdk.json) and cloud assemblies.
// Nothing here loads the engine, aws-cdk-lib or the HCL parser (that is ./terraform-loader.ts).
export type { Diagnostic, Severity } from "./language.js";
export { formatDiagnostic } from "./report.js";
export { decodeTemplate, parseTemplate, TemplateSyntaxError, type ParsedTemplate, type Position } from "./cloudformation/parse-template.js";
export { loadTemplateFile, looksLikeTemplate, MAX_TEMPLATE_BYTES, TEMPLATE_EXTENSIONS, unreadableMessage } from "./cloudformation/load-template.js";
export { readCdkApp, type CdkAppConfig } from "./cdk/app-config.js";
export { CHECKED_ASSEMBLY_DIR, checkedAssembly, StaleAssemblyError } from "./cdk/checked-assembly.js";
export { readStackTemplates, stackArtifacts, type StackArtifact } from "./engine/assembly-reader.js";
