// Messages between iac-check and its engine host: one long-lived child process that loads
// aws-cdk-lib, cdk-nag and the CloudFormation validation engine once and serves every app and
// template of the run.

/** Synthesize one CDK app from its compiled entry file. */
export interface SynthAppRequest {
  kind: "synth-app";
  appDir: string;
  /** Absolute path of the compiled (JavaScript) entry. */
  entryFile: string;
  /** cdk.json `context` merged with cdk.context.json, as the CDK CLI would pass it. */
  context: Record<string, unknown>;
  outdir: string;
  /**
   * The PATH the app's synthesis runs with (what it spawns, bundlers included), when the host serves
   * apps of several packages (the shared engine): each package's scripts get their own node_modules/.bin.
   */
  path?: string;
}

/** Validate one hand-written template and run the cdk-nag packs on it through cloudformation-include. */
export interface CheckTemplateRequest {
  kind: "check-template";
  /** The template as JSON (already parsed from YAML by the parent), written to a temp file. */
  jsonFile: string;
  /** The template the security rules load through cloudformation-include, when transforms (SAM, language extensions) were expanded for them. */
  includeFile?: string;
  outdir: string;
  acknowledgements: TemplateAcknowledgement[];
}

export interface TemplateAcknowledgement {
  /** Logical id of the resource, or undefined for a template-wide acknowledgement. */
  logicalId?: string;
  id: string;
  reason: string;
}

export type EngineRequest = SynthAppRequest | CheckTemplateRequest;

/** One finding of a validation plugin (cdk-nag pack or CloudFormation Validate) or an annotation. */
export interface EngineFinding {
  /** `cfn-validate`, `cdk-nag`, `annotation`, `deprecated-api`, `synth`. */
  source: "cfn-validate" | "cdk-nag" | "annotation" | "deprecated-api" | "synth";
  ruleId: string;
  severity: "error" | "warning" | "info";
  message: string;
  constructPath?: string;
  logicalId?: string;
  templateFile?: string;
  /** Property path inside the resource, e.g. `Properties.Runtime`. */
  propertyPath?: string;
  /** Where in the user's source the construct was created (`/abs/file.ts:12:5`), from its creation stack. */
  sourceLocation?: string;
  /** Name of the plugin (`AwsSolutions`, `Serverless`, `CloudFormation Validate`). */
  plugin?: string;
}

export interface EngineAcknowledgement {
  ruleId: string;
  constructPath: string;
  reason: string;
  sourceLocation?: string;
}

export interface EngineResult {
  findings: EngineFinding[];
  acknowledgements: EngineAcknowledgement[];
  stacks: { name: string; resourcesByType: Record<string, number> }[];
  packs: string[];
  timingsMs: Record<string, number>;
}

export type EngineResponse = { id: number; ok: true; result: EngineResult } | { id: number; ok: false; error: string };
