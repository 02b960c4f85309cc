// The authorization, plaintext-password and public-bucket-policy rules are suppressed like every
// other tf-sec rule: each `ok` fixture holds one deliberate finding under an `iac-check:ignore`
// directive, which must turn into an acknowledgement with its reason, not an error.
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { checkTerraformModule } from "../../src/terraform/index.js";

const root = join(import.meta.dirname, "..", "..", "fixtures", "terraform", "security");
const options = { fix: false, timeoutMs: 60_000, runCli: false };

// Line: where the finding is printed (the offending argument, or the block when none is set).
const SUPPRESSED: [rule: string, block: string, line: number, reason: string][] = [
  ["api-route-authorization", "aws_apigatewayv2_route.health", 19, "the health check is public by design and returns no data"],
  ["lambda-url-authorization", "aws_lambda_function_url.webhook", 9, "a public webhook receiver that verifies the sender's HMAC signature itself"],
  ["db-plaintext-password", "aws_docdb_cluster.test", 30, "throwaway cluster for the integration tests, destroyed after each run"],
  ["s3-bucket-policy-public", "aws_s3_bucket_policy.open_data", 60, "open data set, published for anyone to download"],
];

describe.each(SUPPRESSED)("tf-sec/%s suppression", (rule, block, line, reason) => {
  it(`acknowledges ${block} with its reason and reports nothing`, async () => {
    const dir = join(root, rule, "ok");
    const report = await checkTerraformModule(dir, options);
    expect(report.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(report.acknowledgements).toEqual([{ rule: `tf-sec/${rule}`, location: `${block} (${join(relative(process.cwd(), dir), "main.tf")}:${line})`, reason }]);
  });
});
