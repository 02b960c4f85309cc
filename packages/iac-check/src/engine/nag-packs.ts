import { CfnResource, Validations, type App, type IPolicyValidationPlugin } from "aws-cdk-lib";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import { IAC_CHECK_PACK, IacCheckRules } from "./iac-check-pack.js";

/** Resource types that make an app "serverless" for the purpose of running cdk-nag's ServerlessChecks. */
const SERVERLESS_TYPES = /^AWS::(Lambda::Function|Serverless::|ApiGateway::RestApi|ApiGatewayV2::Api|StepFunctions::StateMachine|AppSync::GraphQLApi)/;

let explanations = false;

/**
 * With `true`, each cdk-nag finding's message is the rule's one-line summary followed by its
 * explanation (why it matters, usually what to do: cdk-nag's `verbose`). iac-check keeps messages
 * short; the skill's security-check shows the explanation as the fix.
 */
export function setNagExplanations(on: boolean): void {
  explanations = on;
}

/**
 * Adds AwsSolutionsChecks and iac-check's own rules to every app and ServerlessChecks to serverless ones, unless the app
 * registered the same pack itself. Returns the names of the packs that will run.
 */
export function addNagPacks(app: App): string[] {
  const registered = ((app as unknown as { _validationPlugins?: IPolicyValidationPlugin[] })._validationPlugins ?? []).map((p) => p.name);
  const serverless = app.node.findAll().some((c) => CfnResource.isCfnResource(c) && SERVERLESS_TYPES.test(c.cfnResourceType));
  const packs: IPolicyValidationPlugin[] = [];
  const props = { verbose: explanations };
  if (!registered.includes("AwsSolutions")) packs.push(new AwsSolutionsChecks(app, props));
  if (serverless && !registered.includes("Serverless")) packs.push(new ServerlessChecks(app, props));
  if (!registered.includes(IAC_CHECK_PACK)) packs.push(new IacCheckRules(app, props));
  if (packs.length > 0) Validations.of(app).addPlugins(...packs);
  return [...new Set([...registered, ...packs.map((p) => p.name)])];
}
