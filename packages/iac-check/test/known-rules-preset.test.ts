// knownRuleList / presetKnownRules: a bundled program hands iac-check the rule ids computed at
// build time, and acknowledgements are judged against exactly that list.
import { expect, it } from "vitest";
import { knownRuleList, presetKnownRules, unknownRuleMessage } from "../src/engine/known-rules.js";

it("lists the installed packs' ids and judges acknowledgements by a preset list", () => {
  const list = knownRuleList();
  expect(list.packs).toEqual(expect.arrayContaining(["IacCheck", "AwsSolutions", "Serverless"]));
  expect(list.ids).toEqual(expect.arrayContaining(["AwsSolutions-EC23", "AwsSolutions-IAM5", "IacCheck-IAMAdminEquivalent"]));
  expect(unknownRuleMessage("AwsSolutions-EC23", true)).toBeUndefined();

  presetKnownRules({ ids: ["AwsSolutions-S1"], packs: ["AwsSolutions"] });
  expect(unknownRuleMessage("AwsSolutions-S1", true)).toBeUndefined();
  expect(unknownRuleMessage("AwsSolutions-EC23", true)).toBe(
    "the acknowledgement names AwsSolutions-EC23, which is not a rule of any cdk-nag pack (AwsSolutions), so it silences nothing; did you mean AwsSolutions-S1?",
  );
});
