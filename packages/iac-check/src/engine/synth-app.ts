// Synthesizes one CDK app inside the engine host. The app's entry is imported (TypeScript through
// tsx) as the CDK CLI would
// run it (CDK_OUTDIR and CDK_CONTEXT_JSON set, so `new App()` picks them up); App.prototype.synth is
// wrapped so iac-check can add the cdk-nag packs to whichever App the entry creates, and the
// "synthesize before exit" hook App registers is run right after the import instead of at exit.
import { rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { App, Errors } from "aws-cdk-lib";
import * as cxapi from "aws-cdk-lib/cx-api";
import type { EngineFinding, EngineResult, SynthAppRequest } from "./protocol.js";
import { addNagPacks } from "./nag-packs.js";
import { inApp, runAsApp, type AppRun } from "./app-lifetime.js";
import { mergeEquivalentFindings } from "./equivalent-rules.js";
import { creationLocation, findConstruct, readAcknowledgements, readAssembly, readValidationReport, userFrame } from "./assembly-reader.js";

interface ActiveRun {
  apps: App[];
  packs: string[];
}
let active: ActiveRun | undefined;
let importCounter = 0;
let typeScriptLoaderRegistered = false;

/** tsx runs the app's TypeScript in place (loaded only when the first TypeScript app comes). */
export async function registerTypeScriptLoader(): Promise<void> {
  if (typeScriptLoaderRegistered) return;
  const [esm, cjs] = await Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")]);
  esm.register();
  cjs.register();
  typeScriptLoaderRegistered = true;
}

const originalSynth = App.prototype.synth;
App.prototype.synth = function synthWithNagPacks(this: App, ...args: Parameters<typeof originalSynth>) {
  if (active && !active.apps.includes(this)) {
    active.apps.push(this);
    active.packs.push(...addNagPacks(this));
  }
  return originalSynth.apply(this, args);
};

export async function synthesizeApp(request: SynthAppRequest): Promise<EngineResult> {
  const started = performance.now();
  if (/\.(?:[cm]?ts|tsx)$/.test(request.entryFile)) await registerTypeScriptLoader();
  rmSync(request.outdir, { recursive: true, force: true });
  process.chdir(request.appDir);
  if (request.path !== undefined) process.env.PATH = request.path;
  process.env.CDK_OUTDIR = request.outdir;
  process.env.CDK_CONTEXT_JSON = JSON.stringify({
    ...request.context,
    // Report through validation-report.json instead of throwing, and keep the engine's errors as
    // errors (its default downgrades them to warnings): iac-check fails on both anyway.
    [cxapi.FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false,
    [cxapi.VALIDATE_AGAINST_DEFAULT_RULES]: true,
  });
  const run: ActiveRun = { apps: [], packs: [] };
  active = run;
  const exitHooks: (() => void)[] = [];
  const originalOnce = process.once;
  process.once = function captureBeforeExit(this: NodeJS.Process, event: string | symbol, listener: (...args: unknown[]) => void) {
    if (event === "beforeExit") {
      exitHooks.push(() => listener(0));
      return this;
    }
    return originalOnce.call(this, event, listener);
  } as typeof process.once;

  const findings: EngineFinding[] = [];
  const timingsMs: Record<string, number> = {};
  let appRun: AppRun | undefined;
  try {
    // The query string makes a second check of the same app in one host run its entry again.
    // The app runs to completion (its pending promises, timers and requests) before synthesis,
    // as under `cdk synth`, where App synthesizes when the process has nothing left to do.
    ({ run: appRun } = await runAsApp(() => import(`${pathToFileURL(request.entryFile).href}?iac-check=${++importCounter}`)));
    timingsMs.construct = performance.now() - started;
    process.once = originalOnce;
    const ranIn = appRun;
    for (const hook of exitHooks) inApp(ranIn, hook);
  } catch (error) {
    findings.push(describeAppError(error, run.apps[0], request.appDir));
  } finally {
    process.once = originalOnce;
    active = undefined;
    delete process.env.CDK_OUTDIR;
    delete process.env.CDK_CONTEXT_JSON;
  }
  timingsMs.synth = performance.now() - started - (timingsMs.construct ?? 0);
  for (const { kind, error } of appRun?.asyncErrors ?? []) findings.push(describeAppError(error, run.apps[0], request.appDir, kind));

  const app = run.apps[0];
  if (!app) {
    if (findings.length === 0) {
      findings.push({
        source: "synth",
        ruleId: "no-app",
        severity: "error",
        message: "the entry ran but never synthesized an App: create `new App()` in the file cdk.json's \"app\" command runs (iac-check synthesizes it like `cdk synth`)",
      });
    }
    return { findings, acknowledgements: [], stacks: [], packs: run.packs, timingsMs };
  }
  const assembly = readAssembly(request.outdir, app, request.appDir);
  const acknowledgements = readAcknowledgements(app, request.appDir);
  findings.push(...assembly.findings, ...mergeEquivalentFindings(readValidationReport(request.outdir, app, request.appDir), acknowledgements, (f) => f.constructPath));
  if (assembly.stacks.length === 0 && !findings.some((f) => f.severity === "error")) {
    findings.push({
      source: "synth",
      ruleId: "no-stacks",
      severity: "error",
      message: "the app synthesized no stack, so nothing was validated or security-checked: create at least one Stack in the App (if the stacks are built in an async function, make sure it is called and its promise does not reject)",
    });
  }
  return { findings, acknowledgements, stacks: assembly.stacks, packs: [...new Set(run.packs)], timingsMs };
}

/** An app that throws: the message, the construct path CDK attached, and the line in the user's code. */
function describeAppError(error: unknown, app: App | undefined, appDir: string, asyncKind?: "rejection" | "exception"): EngineFinding {
  const message = error instanceof Error ? error.message : String(error);
  const stackFrames = error instanceof Error && error.stack ? error.stack.split("\n").slice(1) : [];
  const constructPath = Errors.isConstructError(error) ? error.constructPath : undefined;
  const construct = constructPath && app ? findConstruct(app, constructPath) : undefined;
  const deprecated = (error instanceof Error && error.name === "DeprecationError") || /\bdeprecated\b/i.test(message);
  return {
    source: deprecated ? "deprecated-api" : "synth",
    ruleId: deprecated ? "runtime" : "app-threw",
    severity: "error",
    message: deprecated
      ? `uses a deprecated API (blocked by JSII_DEPRECATED=fail / CDK_BLOCK_DEPRECATIONS=1): ${message}`
      : asyncKind === "rejection"
        ? `the app left a promise rejected that nothing handled (an \`await\` that failed in an async main?): ${message}`
        : `the app threw while synthesizing: ${message}`,
    constructPath,
    sourceLocation: userFrame(stackFrames, appDir) ?? (construct ? creationLocation(construct, appDir) : undefined),
  };
}
