// The engine host security-check forks to check templates (hand-written ones and the stacks of a
// cdk.out): iac-check's own template check (CloudFormation validation engine + cdk-nag packs
// through cloudformation-include), served over iac-check's host protocol. It is bundled into
// bin/security-check-companion.mjs (./companion.ts), with aws-cdk-lib and constructs resolved at run time from
// the folder in SECURITY_CHECK_CDK_FROM (the user's project, or --with), never bundled.
// iac-check's own host also synthesizes apps through tsx, which a bundle cannot carry; apps are
// run by ./check-app.ts instead, the way the CDK CLI runs them.
import { checkTemplate } from "@aws-patterns/iac-check/dist/engine/check-template.js";
import { setNagExplanations } from "@aws-patterns/iac-check/dist/engine/nag-packs.js";
import type { EngineRequest, EngineResponse } from "@aws-patterns/iac-check/dist/engine/protocol.js";

// Each cdk-nag finding carries its rule's explanation, which security-check prints as the fix.
setNagExplanations(true);

process.on("message", (message: { id: number; request: EngineRequest }) => {
  void serve(message.id, message.request);
});
// security-check finished or was stopped: nothing left to serve.
process.on("disconnect", () => process.exit(0));

async function serve(id: number, request: EngineRequest): Promise<void> {
  let response: EngineResponse;
  try {
    if (request.kind !== "check-template") throw new Error(`this engine host checks templates only, not ${request.kind}`);
    response = { id, ok: true, result: await checkTemplate(request) };
  } catch (error) {
    response = { id, ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error) };
  }
  process.send?.(response);
}

process.send?.({ ready: true });
