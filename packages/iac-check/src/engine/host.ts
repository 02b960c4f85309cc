// The engine host: a child process iac-check forks once per run. It loads aws-cdk-lib, cdk-nag and
// the CloudFormation validation engine once, then serves every app and template sent to it, one
// request at a time. The parent started it with JSII_DEPRECATED=fail and CDK_BLOCK_DEPRECATIONS=1
// already in its environment, so they are in force before aws-cdk-lib loads.
import type { EngineRequest, EngineResponse } from "./protocol.js";
import { registerTypeScriptLoader, synthesizeApp } from "./synth-app.js";
import { preloadValidationEngine, reuseValidationEngine } from "./validation-engine-reuse.js";

reuseValidationEngine();

process.on("message", (message: { id: number; request: EngineRequest }) => {
  void serve(message.id, message.request);
});
// The parent went away (finished or was killed): nothing left to serve.
process.on("disconnect", () => process.exit(0));

async function serve(id: number, request: EngineRequest): Promise<void> {
  let response: EngineResponse;
  try {
    // cloudformation-include pulls in every L1 class of aws-cdk-lib: load it only for templates.
    const result = request.kind === "synth-app" ? await synthesizeApp(request) : await (await import("./check-template.js")).checkTemplate(request);
    response = { id, ok: true, result };
  } catch (error) {
    response = { id, ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error) };
  }
  process.send?.(response);
}

// Ready means everything expensive is loaded: the parent's --timeout clock starts now. The
// validation engine too, unless this host's apps are not validated (CDK_VALIDATION=false).
await registerTypeScriptLoader();
if (process.env.CDK_VALIDATION !== "false") preloadValidationEngine();
process.send?.({ ready: true });
