// Context values as users pass them: strings from `-c key=value`, booleans and numbers from cdk.json.
import { describe, expect, it } from "vitest";
import { parseContext } from "../lib/app-context.js";

const read = (values: Record<string, unknown>) => (key: string) => values[key];
const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0f3c1a5e-1111-4a2b-9c3d-2e4f5a6b7c8d";

describe("parseContext", () => {
  it("defaults to two AZs, a NAT gateway per AZ, one reader, HTTP only and protected data", () => {
    expect(parseContext(read({}))).toEqual({
      options: { certificateArn: undefined, azCount: 2, natGateways: 2, databaseReaders: 1, throwaway: false, image: undefined, containerPort: undefined, healthCheckPath: undefined },
      errors: [],
    });
  });

  it("reads strings from the command line and typed values from cdk.json alike", () => {
    const fromCli = parseContext(read({ certificateArn, azCount: "3", natGateways: "1", databaseReaders: "0", throwaway: "true", containerPort: "8080", healthCheckPath: "/health", image: "public.ecr.aws/docker/library/httpd:2.4" }));
    const fromJson = parseContext(read({ certificateArn, azCount: 3, natGateways: 1, databaseReaders: 0, throwaway: true, containerPort: 8080, healthCheckPath: "/health", image: "public.ecr.aws/docker/library/httpd:2.4" }));
    expect(fromCli).toEqual(fromJson);
    expect(fromCli.errors).toEqual([]);
    expect(fromCli.options).toMatchObject({ certificateArn, azCount: 3, natGateways: 1, databaseReaders: 0, throwaway: true, containerPort: 8080 });
  });

  it("lets natGateways default to, and never exceed, the AZ count", () => {
    expect(parseContext(read({ azCount: "3" })).options.natGateways).toBe(3);
    const tooMany = parseContext(read({ azCount: "2", natGateways: "3" }));
    expect(tooMany.errors).toEqual(['context value natGateways must be a whole number from 1 to 2 (got "3"): pass a number from 1 (one shared gateway) to 2 (one per AZ)']);
    expect(tooMany.options.natGateways).toBe(2);
  });

  it("names the key, the value and the fix for each wrong value", () => {
    const { options, errors } = parseContext(read({ certificateArn: "my-cert", azCount: "4", throwaway: "yes", healthCheckPath: "health", containerPort: "http" }));
    expect(errors).toEqual([
      'context value certificateArn is not an ACM certificate ARN (got "my-cert"): pass -c certificateArn=arn:aws:acm:<region>:<account>:certificate/<id>, from `aws acm list-certificates` in the stack\'s Region',
      'context value azCount must be a whole number from 2 to 3 (got "4"): pass -c azCount=2 or -c azCount=3',
      'context value throwaway must be true or false (got "yes"): pass -c throwaway=true for a stack you will delete',
      'context value containerPort must be a whole number from 1 to 65535 (got "http"): pass the port the container listens on',
      'context value healthCheckPath must start with "/" (got "health"): pass for example -c healthCheckPath=/health',
    ]);
    // A wrong value never turns a protection off or half-configures HTTPS.
    expect(options).toMatchObject({ certificateArn: undefined, azCount: 2, throwaway: false });
  });

  it("accepts certificates in the China and GovCloud partitions, not other services' ARNs", () => {
    expect(parseContext(read({ certificateArn: certificateArn.replace("arn:aws:", "arn:aws-us-gov:") })).errors).toEqual([]);
    expect(parseContext(read({ certificateArn: certificateArn.replace("arn:aws:", "arn:aws-cn:") })).errors).toEqual([]);
    expect(parseContext(read({ certificateArn: certificateArn.replace(":acm:", ":iam:") })).errors).toHaveLength(1);
  });

  it("treats empty values as not given", () => {
    expect(parseContext(read({ certificateArn: "", azCount: "", throwaway: "" }))).toEqual(parseContext(read({})));
  });
});
