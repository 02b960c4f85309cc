// The CIDR check runs before anything is built: each mistake gets its own message.
import { describe, expect, it } from "vitest";
import { planVpcCidr } from "../lib/vpc-cidr.js";

describe("planVpcCidr", () => {
  it("keeps the skill's /16 plan: public /24, private /19, isolated /22 per AZ", () => {
    expect(planVpcCidr("10.20.0.0/16")).toEqual({ cidr: "10.20.0.0/16", prefixLength: 16, masks: { public: 24, private: 19, isolated: 22 } });
  });

  it("scales the tiers with smaller blocks, down to a /20, in every private range", () => {
    expect(planVpcCidr("172.31.16.0/20").masks).toEqual({ public: 28, private: 23, isolated: 26 });
    expect(planVpcCidr("192.168.0.0/18").masks).toEqual({ public: 26, private: 21, isolated: 24 });
    expect(planVpcCidr("172.16.16.0/20").cidr).toBe("172.16.16.0/20");
    expect(planVpcCidr(" 10.0.128.0/17 ").cidr).toBe("10.0.128.0/17");
  });

  it.each([
    ["10.20.0.0", 'cidr "10.20.0.0" is not an IPv4 CIDR block: write it as address/prefix, for example "10.20.0.0/16"'],
    ["10.20.0/16", 'cidr "10.20.0/16" is not an IPv4 CIDR block: write it as address/prefix, for example "10.20.0.0/16"'],
    ["10.256.0.0/16", 'cidr "10.256.0.0/16" is not an IPv4 CIDR block: write it as address/prefix, for example "10.20.0.0/16"'],
    ["10.020.0.0/16", 'cidr "10.020.0.0/16" is not an IPv4 CIDR block: write it as address/prefix, for example "10.20.0.0/16"'],
    ["fd00::/56", 'cidr "fd00::/56" is not an IPv4 CIDR block: write it as address/prefix, for example "10.20.0.0/16"'],
    ["10.0.0.0/8", 'cidr "10.0.0.0/8" is a /8: use a /16 to /20 (a VPC takes at most a /16, and below a /20 the public subnets would be smaller than /28)'],
    ["10.20.0.0/24", 'cidr "10.20.0.0/24" is a /24: use a /16 to /20 (a VPC takes at most a /16, and below a /20 the public subnets would be smaller than /28)'],
    ["10.20.1.0/16", 'cidr "10.20.1.0/16" has host bits set: use "10.20.0.0/16"'],
    ["172.16.8.0/20", 'cidr "172.16.8.0/20" has host bits set: use "172.16.0.0/20"'],
    ["172.32.0.0/16", 'cidr "172.32.0.0/16" is not in a private range: pick it from 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918), clear of your other VPCs and networks'],
    ["100.64.0.0/16", 'cidr "100.64.0.0/16" is not in a private range: pick it from 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918), clear of your other VPCs and networks'],
    ["192.169.0.0/16", 'cidr "192.169.0.0/16" is not in a private range: pick it from 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918), clear of your other VPCs and networks'],
  ])("%s", (cidr, message) => {
    expect(() => planVpcCidr(cidr)).toThrow(new Error(message));
  });
});
