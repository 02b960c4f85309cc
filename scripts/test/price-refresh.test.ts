// price-refresh against GetProducts responses in the Price List API's shape (aws-sdk-client-mock,
// no network): the diff it prints, the records it rewrites, and what it leaves alone.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { runPriceRefresh } from "../src/price-refresh/cli.js";
import { FIXTURES, REPO } from "./cost-helpers.js";

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());

const response = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, "pricing", name), "utf8"));

function dataCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "price-refresh-"));
  for (const stem of ["networking", "lambda", "elb"]) cpSync(path.join(REPO, "skill", "data", `${stem}.json`), path.join(dir, `${stem}.json`));
  return dir;
}

const record = (dir: string, id: string) => {
  const [stem, key] = id.split(".") as [string, string];
  return JSON.parse(readFileSync(path.join(dir, `${stem}.json`), "utf8")).facts[key];
};

async function refresh(args: string[], dataDir: string) {
  let stdout = "";
  let stderr = "";
  const code = await runPriceRefresh(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, { dataDir, makeClient: () => new PricingClient({ region: "us-east-1" }) });
  return { code, stdout, stderr };
}

describe("price-refresh", () => {
  it("rewrites a changed price with the new as_of and prints the diff", async () => {
    const dir = dataCopy();
    pricing.on(GetProductsCommand).resolves(response("nat-gateway-hours.json"));
    const result = await refresh(["--only", "networking.price-nat-gateway-hour", "--as-of", "2026-12-01"], dir);
    expect(result).toEqual({ code: 0, stderr: "", stdout: "~ networking.price-nat-gateway-hour: 0.045 -> 0.048 USD per hour (as_of 2026-11-26 -> 2026-12-01)\n\n1 changed, 0 confirmed, 0 not refreshed.\n" });
    expect(record(dir, "networking.price-nat-gateway-hour")).toMatchObject({ value: 0.048, as_of: "2026-12-01", unit: "USD per hour" });
    // What was asked: the Region of the record, the usage type, the Price List format.
    expect(pricing.commandCalls(GetProductsCommand)[0]!.args[0].input).toEqual({
      ServiceCode: "AmazonEC2",
      FormatVersion: "aws_v1",
      MaxResults: 100,
      NextToken: undefined,
      Filters: [
        { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
        { Type: "CONTAINS", Field: "usagetype", Value: "NatGateway-Hours" },
      ],
    });
  });

  it("converts to the record's billing unit, follows pages, skips other usage types and confirms an unchanged price", async () => {
    const dir = dataCopy();
    pricing.on(GetProductsCommand).resolvesOnce(response("lambda-requests-page1.json")).resolvesOnce(response("lambda-requests-page2.json"));
    const result = await refresh(["--only", "lambda.price-requests", "--as-of", "2026-12-01"], dir);
    // $0.0000002 per request x 1,000,000 = $0.20 per 1M requests; Lambda@Edge's "Lambda-Edge-Request" is not "Request"
    expect(result.stdout).toBe("= lambda.price-requests: 0.2 USD per 1M requests (as_of 2026-11-26 -> 2026-12-01)\n\n0 changed, 1 confirmed, 0 not refreshed.\n");
    expect(pricing.commandCalls(GetProductsCommand).map((call) => call.args[0].input.NextToken)).toEqual([undefined, "page-2"]);
    expect(record(dir, "lambda.price-requests")).toMatchObject({ value: 0.2, as_of: "2026-12-01" });
  });

  it("takes the first price tier and turns an unverified record into a checked one", async () => {
    const dir = dataCopy();
    expect(record(dir, "lambda.price-gb-second-arm64").unverified).toBe(true);
    pricing.on(GetProductsCommand).resolves(response("lambda-gb-second-arm.json"));
    const result = await refresh(["--only", "lambda.price-gb-second-arm64", "--as-of", "2026-12-01"], dir);
    expect(result.stdout).toContain("= lambda.price-gb-second-arm64: 0.0000133334 USD per GB-second");
    const checked = record(dir, "lambda.price-gb-second-arm64");
    expect(checked.unverified).toBeUndefined();
    expect(checked.note).toBe("Checked with the AWS Price List Query API (GetProducts, AWSLambda usage type Lambda-GB-Second-ARM) on 2026-12-01.");
  });

  it("leaves a record alone when no product or several prices match, and a dry run writes nothing", async () => {
    const dir = dataCopy();
    const before = readFileSync(path.join(dir, "elb.json"), "utf8");
    pricing.on(GetProductsCommand, { Filters: [{ Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" }, { Type: "CONTAINS", Field: "usagetype", Value: "LoadBalancerUsage" }, { Type: "TERM_MATCH", Field: "productFamily", Value: "Load Balancer-Application" }] }).resolves(response("alb-hours-two-prices.json"));
    pricing.on(GetProductsCommand, { ServiceCode: "AWSELB", Filters: [{ Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" }, { Type: "CONTAINS", Field: "usagetype", Value: "LCUUsage" }, { Type: "TERM_MATCH", Field: "productFamily", Value: "Load Balancer-Application" }] }).resolves(response("empty.json"));
    const result = await refresh(["--only", "elb.price-alb-hour", "--only", "elb.price-alb-lcu-hour", "--as-of", "2026-12-01"], dir);
    expect(result.stdout).toBe(
      "! elb.price-alb-hour: left as it is: 2 different prices (0.0225, 0) for usage type LoadBalancerUsage: narrow the query\n" +
        "! elb.price-alb-lcu-hour: left as it is: no AWSELB product with usage type LCUUsage in us-east-1\n\n0 changed, 0 confirmed, 2 not refreshed.\n",
    );
    expect(readFileSync(path.join(dir, "elb.json"), "utf8")).toBe(before);
    pricing.reset();
    pricing.on(GetProductsCommand).resolves(response("nat-gateway-hours.json"));
    const dry = await refresh(["--only", "networking.price-nat-gateway-hour", "--dry-run"], dir);
    expect(dry.stdout).toMatch(/0\.045 -> 0\.048 .*\n\n1 changed, 0 confirmed, 0 not refreshed \(dry run: nothing written\)\.\n$/);
    expect(record(dir, "networking.price-nat-gateway-hour").value).toBe(0.045);
  });

  it("says what to do without credentials (exit 2), and rejects an unknown record", async () => {
    const dir = dataCopy();
    pricing.on(GetProductsCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    const result = await refresh(["--only", "networking.price-nat-gateway-hour"], dir);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "price-refresh: no AWS credentials found; it reads the AWS Price List Query API with yours\nSet AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) for an identity allowed pricing:GetProducts, then run it again.\n",
    });
    const unknown = await refresh(["--only", "lambda.price-nothing"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split("\n")[0]).toBe("--only lambda.price-nothing: no Price List query for this record");
  });
});
