// Checks CDK apps: cdk.json -> strict type-check + deprecated-API lint (in this process)
// -> synthesis with cdk-nag and CloudFormation Validate (in the engine host, one for all apps).
// Type-checking the next app overlaps with synthesizing the previous one.
import { join, relative, resolve } from "node:path";
import type { Acknowledgement, CheckOptions, CheckReport, Diagnostic } from "../language.js";
import { EngineTimeoutError, requestEngine, warmEngine } from "../engine/host-client.js";
import type { EngineResult } from "../engine/protocol.js";
import { findingToDiagnostic, reviewAcknowledgements } from "../engine/findings.js";
import { readCdkApp } from "./app-config.js";
import { checkTypeScript } from "./typescript-check.js";

export async function checkCdkApps(targets: string[], options: CheckOptions): Promise<CheckReport[]> {
  warmEngine();
  const pending: Promise<CheckReport>[] = [];
  for (const target of targets) {
    const started = performance.now();
    const appDir = resolve(target);
    const { config, diagnostics } = readCdkApp(appDir);
    if (!config) {
      pending.push(Promise.resolve(report(target, diagnostics, [], {}, { total: performance.now() - started })));
      continue;
    }
    const typescript = checkTypeScript(appDir, config.entryFile);
    const synthStarted = performance.now();
    const synth = requestEngine({ kind: "synth-app", appDir, entryFile: config.entryFile, context: config.context, outdir: join(appDir, "cdk.out", "iac-check-assembly") }, options.timeoutMs);
    pending.push(
      synth.then(
        (result) => {
          const synthMs = performance.now() - synthStarted;
          const { diagnostics: ackDiagnostics, acknowledgements } = reviewAcknowledgements(result.acknowledgements, config.entryFile);
          const all = [...typescript.diagnostics, ...result.findings.map((f) => findingToDiagnostic(f, config.entryFile)).filter((d) => d !== undefined), ...ackDiagnostics];
          return report(target, all, acknowledgements, details(result), { ...typescript.timingsMs, ...prefixed(result.timingsMs), synthRoundTrip: synthMs, total: performance.now() - started });
        },
        (error: unknown) => {
          const entryFile = relative(process.cwd(), config.entryFile);
          const failure: Diagnostic =
            error instanceof EngineTimeoutError
              ? { file: entryFile, severity: "error", rule: "synth/timeout", message: `the app ${error.message} (--timeout ${options.timeoutMs / 1000} s): it hangs or waits for something that never comes (a network call, an unresolved promise, an endless loop); iac-check stopped it` }
              : { file: entryFile, severity: "error", rule: "synth/crash", message: `synthesizing the app failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
          return report(target, [...typescript.diagnostics, failure], [], {}, { ...typescript.timingsMs, total: performance.now() - started });
        },
      ),
    );
  }
  return Promise.all(pending);
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
