// The name and rule ids of iac-check's own cdk-nag pack (./iac-check-pack.ts), in a module that
// does not load cdk-nag: known-rules.ts needs only the ids, and a program that bundles it (the
// skill's security-check) must not pull in cdk-nag and aws-cdk-lib for them.

export const IAC_CHECK_PACK = "IacCheck";

/** Every rule id of the pack, for checking acknowledgements. */
export const IAC_CHECK_RULE_IDS = [`${IAC_CHECK_PACK}-IAMAdminEquivalent`];
