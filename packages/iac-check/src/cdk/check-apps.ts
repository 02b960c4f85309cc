// Checks CDK apps: cdk.json -> synthesis with cdk-nag and CloudFormation Validate (in the engine
// host, one for all apps) while a worker thread runs the strict type-check and the
// deprecated-API lint of the same apps. Neither waits for the other.
import { join, relative, resolve } from "node:path";
import type { Acknowledgement, CheckOptions, CheckReport, Diagnostic } from "../language.js";
import { EngineTimeoutError } from "../engine/host-client.js";
import type { EngineResult } from "../engine/protocol.js";
import { findingToDiagnostic, reviewAcknowledgements } from "../engine/findings.js";
import { readCdkApp, type CdkAppConfig } from "./app-config.js";
import { CHECKED_ASSEMBLY_DIR } from "./checked-assembly.js";
import type { TypeScriptResult } from "./typescript-check.js";
import { checkInEngine, typeCheckApps, warmCheckEngine } from "../shared/client.js";

export async function checkCdkApps(targets: string[], options: CheckOptions): Promise<CheckReport[]> {
  warmCheckEngine();
  const started = performance.now();
  const apps = targets.map((target) => ({ target, ...readCdkApp(resolve(target)) }));
  const configs = apps.flatMap((app) => (app.config ? [app.config] : []));
  const typeChecks = typeCheckApps(configs, options.timeoutMs).catch((error: unknown) =>
    configs.map(
      (config): TypeScriptResult => ({
        diagnostics: [{ file: relative(process.cwd(), config.entryFile), severity: "error", rule: "tsc/crash", message: `type-checking failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` }],
        timingsMs: {},
      }),
    ),
  );
  return Promise.all(
    apps.map(async ({ target, config, diagnostics }) => {
      if (!config) return report(target, diagnostics, [], {}, { total: performance.now() - started });
      const [types, synth] = await Promise.all([typeChecks.then((all) => all[configs.indexOf(config)]!), synthesize(config, options)]);
      return report(target, [...types.diagnostics, ...synth.diagnostics], synth.acknowledgements, synth.details, { ...types.timingsMs, ...synth.timingsMs, total: performance.now() - started });
    }),
  );
}

interface SynthOutcome {
  diagnostics: Diagnostic[];
  acknowledgements: Acknowledgement[];
  details: Record<string, unknown>;
  timingsMs: Record<string, number>;
}

async function synthesize(config: CdkAppConfig, options: CheckOptions): Promise<SynthOutcome> {
  const started = performance.now();
  const entryFile = relative(process.cwd(), config.entryFile);
  try {
    const result = await checkInEngine(
      { kind: "synth-app", appDir: config.appDir, entryFile: config.entryFile, context: config.context, outdir: join(config.appDir, CHECKED_ASSEMBLY_DIR) },
      options.timeoutMs,
    );
    const { diagnostics: ackDiagnostics, acknowledgements } = reviewAcknowledgements(result.acknowledgements, config.entryFile);
    const findings = result.findings.map((f) => findingToDiagnostic(f, config.entryFile)).filter((d) => d !== undefined);
    return { diagnostics: [...findings, ...ackDiagnostics], acknowledgements, details: details(result), timingsMs: { ...prefixed(result.timingsMs), synthRoundTrip: performance.now() - started } };
  } catch (error) {
    const failure: Diagnostic =
      error instanceof EngineTimeoutError
        ? { file: entryFile, severity: "error", rule: "synth/timeout", message: `the app ${error.message} (--timeout ${options.timeoutMs / 1000} s): it hangs or waits for something that never comes (a network call, an unresolved promise, an endless loop); iac-check stopped it` }
        : { file: entryFile, severity: "error", rule: "synth/crash", message: `synthesizing the app failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
    return { diagnostics: [failure], acknowledgements: [], details: {}, timingsMs: {} };
  }
}

function report(target: string, diagnostics: Diagnostic[], acknowledgements: Acknowledgement[], extra: Record<string, unknown>, timingsMs: Record<string, number>): CheckReport {
  return { language: "cdk", target, diagnostics, acknowledgements, details: extra, timingsMs: roundTimings(timingsMs) };
}

function details(result: EngineResult): Record<string, unknown> {
  const resourcesByType: Record<string, number> = {};
  for (const stack of result.stacks) for (const [type, count] of Object.entries(stack.resourcesByType)) resourcesByType[type] = (resourcesByType[type] ?? 0) + count;
  return { stacks: result.stacks, resourcesByType, nagPacks: result.packs, findings: result.findings };
}

function prefixed(timings: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(timings).map(([k, v]) => [`engine.${k}`, v]));
}

export function roundTimings(timings: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]));
}
