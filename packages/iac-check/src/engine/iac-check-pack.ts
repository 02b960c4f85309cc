// iac-check's own rules, for what the AwsSolutions and Serverless packs miss. A cdk-nag pack like
// theirs, so its findings are reported, acknowledged (`IacCheck-<Rule>`) and merged the same way.
// Adding a rule: one module in ./rules/, its fixtures, one applyRule line below.
import type { CfnResource } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import { NagMessageLevel, NagPack, type NagPackProps } from "cdk-nag";
import { IAMAdminEquivalent, IAM_ADMIN_EQUIVALENT_EXPLANATION, IAM_ADMIN_EQUIVALENT_INFO } from "./rules/iam-admin-equivalent.js";
import { IAC_CHECK_PACK } from "./iac-check-pack-ids.js";

export { IAC_CHECK_PACK, IAC_CHECK_RULE_IDS } from "./iac-check-pack-ids.js";

export class IacCheckRules extends NagPack {
  readonly name = IAC_CHECK_PACK;

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = IAC_CHECK_PACK;
  }

  protected checkResource(node: CfnResource): void {
    this.applyRule({ info: IAM_ADMIN_EQUIVALENT_INFO, explanation: IAM_ADMIN_EQUIVALENT_EXPLANATION, level: NagMessageLevel.ERROR, rule: IAMAdminEquivalent, node });
  }
}
