// Checks the VPC's IPv4 block before CloudFormation does, and sizes the subnet tiers from it.
// A wrong CIDR found at deploy time costs a rollback; found at synth time it costs nothing, and a
// subnet's block can never change after creation, so the plan must be right from the start.

/** Private IPv4 ranges (RFC 1918): the only ones that cannot clash with internet destinations. */
const PRIVATE_RANGES = [
  { network: "10.0.0.0", prefixLength: 8 },
  { network: "172.16.0.0", prefixLength: 12 },
  { network: "192.168.0.0", prefixLength: 16 },
] as const;

/** /16 is the largest block a VPC takes. /20 is the smallest that leaves public subnets a /28. */
export const LARGEST_VPC_PREFIX = 16;
export const SMALLEST_VPC_PREFIX = 20;

/** The subnet size of each tier in one AZ, as a prefix length. */
export interface TierMasks {
  readonly public: number;
  readonly private: number;
  readonly isolated: number;
}

export interface VpcCidrPlan {
  readonly cidr: string;
  readonly prefixLength: number;
  readonly masks: TierMasks;
}

function toNumber(address: string): number | undefined {
  const octets = address.split(".");
  if (octets.length !== 4 || !octets.every((octet) => /^(0|[1-9]\d{0,2})$/.test(octet) && Number(octet) <= 255)) return undefined;
  return octets.reduce((value, octet) => value * 256 + Number(octet), 0);
}

function toAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

function networkOf(value: number, prefixLength: number): number {
  const size = 2 ** (32 - prefixLength);
  return Math.floor(value / size) * size;
}

/**
 * Parses an IPv4 CIDR meant for a three-tier VPC and returns the subnet masks of its tiers, or
 * throws an error that says what is wrong and what to write instead.
 *
 * The tiers keep the proportions of the skill's /16 plan (public /24, private /19, isolated /22
 * per AZ): public is 1/256 of the block, private 1/8, isolated 1/64, in each of three AZs.
 */
export function planVpcCidr(cidr: string): VpcCidrPlan {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(cidr.trim());
  const address = match?.[1];
  const prefix = match?.[2];
  const value = address === undefined ? undefined : toNumber(address);
  if (value === undefined || prefix === undefined) {
    throw new Error(`cidr "${cidr}" is not an IPv4 CIDR block: write it as address/prefix, for example "10.20.0.0/16"`);
  }
  const prefixLength = Number(prefix);
  if (prefixLength < LARGEST_VPC_PREFIX || prefixLength > SMALLEST_VPC_PREFIX) {
    throw new Error(
      `cidr "${cidr}" is a /${prefixLength}: use a /${LARGEST_VPC_PREFIX} to /${SMALLEST_VPC_PREFIX} (a VPC takes at most a /16, and below a /${SMALLEST_VPC_PREFIX} the public subnets would be smaller than /28)`,
    );
  }
  const network = networkOf(value, prefixLength);
  if (network !== value) {
    throw new Error(`cidr "${cidr}" has host bits set: use "${toAddress(network)}/${prefixLength}"`);
  }
  const isPrivate = PRIVATE_RANGES.some((range) => prefixLength >= range.prefixLength && networkOf(value, range.prefixLength) === toNumber(range.network));
  if (!isPrivate) {
    throw new Error(`cidr "${cidr}" is not in a private range: pick it from 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918), clear of your other VPCs and networks`);
  }
  return {
    cidr: `${toAddress(value)}/${prefixLength}`,
    prefixLength,
    masks: { public: prefixLength + 8, private: prefixLength + 3, isolated: prefixLength + 6 },
  };
}
