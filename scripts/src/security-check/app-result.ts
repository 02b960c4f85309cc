// What the preload (./preload.ts) writes after the user's CDK app synthesizes, for ./check-app.ts.
import type { EngineAcknowledgement, EngineFinding } from "@aws-patterns/iac-check/dist/engine/protocol.js";

export interface AppResult {
  findings: EngineFinding[];
  acknowledgements: EngineAcknowledgement[];
  stacks: { name: string; resourcesByType: Record<string, number> }[];
  packs: string[];
  /** The aws-cdk-lib the app synthesized with (the user's). */
  cdkVersion: string;
}

/** Environment the parent sets for the app's process and the preload reads. */
export const ENV = {
  /** Where the preload writes the AppResult (JSON). */
  resultFile: "SECURITY_CHECK_RESULT",
  /** The app folder: aws-cdk-lib is resolved from here, creation stacks are made relative to it. */
  appDir: "SECURITY_CHECK_APP_DIR",
  /** Folder aws-cdk-lib and constructs are resolved from by the bundled code (build.mjs). */
  cdkFrom: "SECURITY_CHECK_CDK_FROM",
  /** `engine` makes bin/security-check-companion.mjs the template engine host; otherwise it is the preload. */
  role: "SECURITY_CHECK_ROLE",
} as const;
