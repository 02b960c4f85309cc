// Loaded into the user's CDK app process with NODE_OPTIONS=--import (bundled into
// bin/security-check-companion.mjs, ./companion.ts): the app runs as `cdk synth` runs it, with its own command,
// TypeScript runner and aws-cdk-lib. This file wraps App.prototype.synth of that aws-cdk-lib so the
// cdk-nag packs are added to whichever App the app creates (as iac-check's engine host does), and
// after synthesis writes the findings, acknowledgements and stacks to SECURITY_CHECK_RESULT.
// aws-cdk-lib and constructs resolve to the user's copy (SECURITY_CHECK_CDK_FROM, see build.mjs);
// cdk-nag is bundled and runs against that same copy.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { addNagPacks, setNagExplanations } from "@aws-patterns/iac-check/dist/engine/nag-packs.js";
import { readAcknowledgements, readAssembly, readValidationReport } from "@aws-patterns/iac-check/dist/engine/assembly-reader.js";
import { mergeEquivalentFindings } from "@aws-patterns/iac-check/dist/engine/equivalent-rules.js";
import { ENV, type AppResult } from "./app-result.js";

const resultFile = process.env[ENV.resultFile];
const appDir = process.env[ENV.appDir];

// Every node process the app command starts loads this file (npx, the TypeScript runner, the app);
// only the one that synthesizes an App writes a result.
if (resultFile && appDir) {
  // Each cdk-nag finding carries its rule's explanation, which security-check prints as the fix.
  setNagExplanations(true);
  const cdkVersion = (createRequire(join(appDir, "package.json"))("aws-cdk-lib/package.json") as { version: string }).version;
  const apps: App[] = [];
  const packs: string[] = [];
  const originalSynth = App.prototype.synth;
  App.prototype.synth = function synthWithNagPacks(this: App, ...args: Parameters<typeof originalSynth>) {
    if (!apps.includes(this)) {
      apps.push(this);
      packs.push(...addNagPacks(this));
    }
    const assembly = originalSynth.apply(this, args);
    const acknowledgements = readAcknowledgements(this, appDir);
    const result: AppResult = {
      findings: mergeEquivalentFindings(readValidationReport(assembly.directory, this, appDir), acknowledgements, (f) => f.constructPath),
      acknowledgements,
      stacks: readAssembly(assembly.directory, this, appDir).stacks,
      packs: [...new Set(packs)],
      cdkVersion,
    };
    writeFileSync(resultFile, JSON.stringify(result));
    return assembly;
  };
}
