import { describe, expect, it } from "vitest";
import { rewritePackageJsonForBundle } from "../src/package-json.js";

const bins = new Map([["iac-check", "@aws-patterns/iac-check"]]);

describe("rewritePackageJsonForBundle", () => {
  it("keeps a manifest with no workspace dependency as it is", () => {
    const text = JSON.stringify({ name: "x", scripts: { test: "vitest" }, dependencies: { a: "^1.0.0" } });
    expect(JSON.parse(rewritePackageJsonForBundle(text, bins))).toEqual(JSON.parse(text));
  });

  it("keeps a script whose binary comes from a dependency that stays", () => {
    const text = JSON.stringify({ scripts: { check: "iac-check ." }, devDependencies: { "@aws-patterns/iac-check": "^1.0.0" } });
    expect(JSON.parse(rewritePackageJsonForBundle(text, bins)).scripts).toEqual({ check: "iac-check ." });
  });

  it("fails on invalid JSON", () => {
    expect(() => rewritePackageJsonForBundle("{", bins)).toThrow();
  });
});
