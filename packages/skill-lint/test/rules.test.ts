/** Every rule's doc-comment examples and fixture folders are its tests: docs cannot drift. */
import { describe, expect, it } from "vitest";
import { ALL_RULE_IDS } from "../src/rules/index.js";
import { fixtureCases, ruleExamples, ruleModules, runDocExample, runFixture } from "./harness.js";

const modules = await ruleModules();
const fixtures = await fixtureCases();
const examplesByRule = new Map(await Promise.all(modules.map(async (rule) => [rule, await ruleExamples(rule)] as const)));

describe.each(modules)("rule %s: doc-comment examples", (rule) => {
  it.each(examplesByRule.get(rule)!)("$name", async (example) => {
    expect(await runDocExample(rule, example)).toEqual(example.expected);
  });
});

describe("fixtures", () => {
  it.each(fixtures.map((fixture) => [`${fixture.rule}/${fixture.name}`, fixture] as const))("%s", async (_, fixture) => {
    const { actual, expected } = await runFixture(fixture);
    if (fixture.kind === "not-ok") expect(expected.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
  });
});

describe("coverage", () => {
  it.each([...ALL_RULE_IDS])("rule %s has passing and failing cases", async (rule) => {
    const examples = modules.includes(rule) ? await ruleExamples(rule) : [];
    const cases = fixtures.filter((fixture) => fixture.rule === rule);
    const passing = examples.filter((example) => example.expected.length === 0).length + cases.filter((c) => c.kind === "ok").length;
    const failing = examples.filter((example) => example.expected.length > 0).length + cases.filter((c) => c.kind === "not-ok").length;
    expect(passing, `${rule}: passing cases`).toBeGreaterThan(0);
    expect(failing, `${rule}: failing cases`).toBeGreaterThan(0);
  });

  it("every rule module is registered and every fixture folder names a rule", () => {
    for (const rule of modules) expect(ALL_RULE_IDS).toContain(rule);
    for (const fixture of fixtures) expect(ALL_RULE_IDS).toContain(fixture.rule);
  });
});
