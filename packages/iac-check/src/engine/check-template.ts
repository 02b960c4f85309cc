// Checks one hand-written template inside the engine host: the CloudFormation validation engine
// that aws-cdk-lib runs on every synth judges the template as written, then the template is loaded
// through cloudformation-include into a Stack so the same cdk-nag packs as for CDK apps run on it.
import { rmSync } from "node:fs";
import { App, CloudFormationValidatePlugin, DefaultStackSynthesizer, Stack, Validations } from "aws-cdk-lib";
import { CfnInclude } from "aws-cdk-lib/cloudformation-include";
import * as cxapi from "aws-cdk-lib/cx-api";
import type { CheckTemplateRequest, EngineFinding, EngineResult } from "./protocol.js";
import { addNagPacks } from "./nag-packs.js";
import { mergeEquivalentFindings } from "./equivalent-rules.js";
import { readAcknowledgements, readValidationReport } from "./assembly-reader.js";
import { DUMMY_ACCOUNT, DUMMY_REGION } from "./host-client.js";
import { sharedValidatePlugin } from "./validation-engine-reuse.js";

const INCLUDE_ID = "Include";
const STACK_ID = "Template";

// One engine for the whole run, shared with the apps' synthesis: it is what is expensive to start.
let validator: CloudFormationValidatePlugin | undefined;

export async function checkTemplate(request: CheckTemplateRequest): Promise<EngineResult> {
  const timingsMs: Record<string, number> = {};
  let started = performance.now();
  const findings: EngineFinding[] = validateAsWritten(request.jsonFile);
  timingsMs.validate = performance.now() - started;

  started = performance.now();
  rmSync(request.outdir, { recursive: true, force: true });
  const app = new App({
    outdir: request.outdir,
    context: { [cxapi.FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false },
  });
  const stack = new Stack(app, STACK_ID, {
    env: { account: DUMMY_ACCOUNT, region: DUMMY_REGION },
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  let include: CfnInclude;
  try {
    include = new CfnInclude(stack, INCLUDE_ID, { templateFile: request.includeFile ?? request.jsonFile });
  } catch (error) {
    // cloudformation-include refuses what the engine has usually reported already (a GetAtt to
    // a missing resource, say); say why the security rules did not run rather than fail silently,
    // and point at the errors above only when there are some.
    const reported = findings.some((f) => f.severity === "error");
    findings.push({
      source: "cdk-nag",
      ruleId: "not-run",
      severity: "error",
      message: `cdk-nag could not load the template through cloudformation-include, so the security rules did not run: ${error instanceof Error ? error.message : String(error)}${reported ? ". Fix the template errors above first" : ""}`,
    });
    return { findings, acknowledgements: [], stacks: [], packs: [], timingsMs };
  }
  for (const acknowledgement of request.acknowledgements) {
    let scope;
    try {
      scope = acknowledgement.logicalId ? include.getResource(acknowledgement.logicalId) : stack;
    } catch {
      findings.push({
        source: "cdk-nag",
        ruleId: "acknowledgement-target",
        severity: "error",
        logicalId: acknowledgement.logicalId,
        message: `acknowledgement of ${acknowledgement.id} is on ${acknowledgement.logicalId}, which is not a resource of this template`,
      });
      continue;
    }
    Validations.of(scope).acknowledge({ id: acknowledgement.id, reason: acknowledgement.reason });
  }
  const packs = addNagPacks(app);
  // The engine already judged the template as written (with its own line numbers); skip the
  // second, identical pass CDK would run on the re-emitted copy.
  process.env.CDK_VALIDATION = "false";
  try {
    app.synth();
  } catch (error) {
    // e.g. more resources than a stack may have: say so, keep the engine's findings.
    findings.push({
      source: "cdk-nag",
      ruleId: "not-run",
      severity: "error",
      message: `cdk-nag could not synthesize the template through cloudformation-include, so the security rules did not run: ${error instanceof Error ? error.message : String(error)}`,
    });
    return { findings, acknowledgements: [], stacks: [], packs, timingsMs };
  } finally {
    delete process.env.CDK_VALIDATION;
  }
  timingsMs.nag = performance.now() - started;
  for (const finding of readValidationReport(request.outdir, app, request.outdir)) {
    // Constructs of an included template are named by their logical ids: Template/Include/<id>/...
    const logicalId = finding.constructPath?.split("/")[2];
    findings.push({ ...finding, logicalId: finding.logicalId ?? logicalId });
  }
  const acknowledgements = readAcknowledgements(app, request.outdir).map((a) => ({
    ...a,
    constructPath: a.constructPath.split("/")[2] ?? "(template)",
  }));
  return { findings: mergeEquivalentFindings(findings, acknowledgements, (f) => f.logicalId), acknowledgements, stacks: [], packs, timingsMs };
}

function validateAsWritten(jsonFile: string): EngineFinding[] {
  validator ??= sharedValidatePlugin();
  const app = new App();
  const report = validator.validate({
    templatePaths: [jsonFile],
    stackTemplates: [{ stackConstructPath: STACK_ID, templatePath: jsonFile, accountId: DUMMY_ACCOUNT, region: DUMMY_REGION }],
    appConstruct: app,
  });
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map(
      (resource): EngineFinding => ({
        source: "cfn-validate",
        plugin: CloudFormationValidatePlugin.PLUGIN_NAME,
        ruleId: violation.ruleName,
        severity: violation.severity === "error" || violation.severity === "fatal" ? "error" : violation.severity === "warning" ? "warning" : "info",
        message: violation.description,
        logicalId: resource.resourceLogicalId,
        propertyPath: resource.locations[0],
      }),
    ),
  );
}
