// The seam between iac-check's CLI and its languages. A language is one module that says which
// paths it owns and checks them; adding a language is adding a module to ./languages.ts.

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  /** Path relative to the current directory, as the user would open it. */
  file: string;
  line?: number;
  column?: number;
  severity: Severity;
  /** What is wrong and what to do, in a sentence a newcomer understands. */
  message: string;
  /** Stable id of the gate or rule, e.g. `tsc/TS2322`, `cfn-validate/E3002`, `cdk-nag/AwsSolutions-IAM4`, `tf/required-argument`. */
  rule: string;
  /** Construct path, logical id or Terraform address, where known. */
  location?: string;
}

export interface Acknowledgement {
  rule: string;
  location: string;
  reason: string;
}

export interface CheckReport {
  language: string;
  target: string;
  diagnostics: Diagnostic[];
  acknowledgements: Acknowledgement[];
  /** Language-specific facts: stacks, resources by type, timings... */
  details: Record<string, unknown>;
  timingsMs: Record<string, number>;
}

export interface CheckOptions {
  /** Rewrite what can be fixed mechanically (e.g. `terraform fmt`) instead of reporting it. */
  fix: boolean;
  /** Per-target time limit. */
  timeoutMs: number;
}

export interface ClaimContext {
  /** The user named this path on the command line (rather than it being found inside a folder). */
  explicit: boolean;
}

export interface LanguageModule {
  /** Short name used in reports: `cdk`, `cloudformation`, `terraform`. */
  name: string;
  /** Does this module own the path (a folder or a file)? Called on every path the user names and on each folder entry. */
  claims(path: string, context?: ClaimContext): boolean;
  /** Checks many targets in one process so expensive engines load once. */
  check(targets: string[], options: CheckOptions): Promise<CheckReport[]>;
}
