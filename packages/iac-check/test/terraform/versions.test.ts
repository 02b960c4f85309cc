import { describe, expect, it } from "vitest";
import { isRegistrySource, parseConstraint, satisfies } from "../../src/terraform/check-versions.js";

const admits = (constraint: string, version: string): boolean => parseConstraint(constraint)!.every((c) => satisfies(version, c));

describe("version constraints", () => {
  it.each([
    ["~> 6.0", "6.66.0", true],
    ["~> 6.0", "7.0.0", false],
    ["~> 6.0", "5.99.0", false],
    ["~> 6.66.0", "6.66.3", true],
    ["~> 6.66.0", "6.67.0", false],
    [">= 5.0", "7.0.0", true],
    [">= 6.0, < 7.0", "6.1.0", true],
    [">= 6.0, < 7.0", "7.0.0", false],
    ["= 6.66.0", "6.66.0", true],
    ["6.66.0", "6.66.1", false],
    ["!= 6.1.0", "6.1.0", false],
  ])("%s admits %s: %s", (constraint, version, expected) => {
    expect(admits(constraint, version)).toBe(expected);
  });

  it("rejects what is not a constraint", () => {
    expect(parseConstraint("latest")).toBeUndefined();
    expect(parseConstraint("~>")).toBeUndefined();
  });

  it.each([
    ["terraform-aws-modules/vpc/aws", true],
    ["app.terraform.io/acme/vpc/aws", true],
    ["terraform-aws-modules/vpc/aws//modules/vpc-endpoints", true],
    ["./modules/naming", false],
    ["../shared", false],
    ["git::https://example.com/vpc.git?ref=v1.0.0", false],
    ["github.com/acme/vpc", false],
    ["s3::https://s3.amazonaws.com/bucket/vpc.zip", false],
  ])("%s is a registry source: %s", (source, expected) => {
    expect(isRegistrySource(source)).toBe(expected);
  });
});
