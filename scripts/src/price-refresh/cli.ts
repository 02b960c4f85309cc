// price-refresh: the maintainer's command that rereads the prices of skill/data from the AWS Price
// List Query API with the maintainer's own credentials, rewrites the records and prints the diff.
// Run with `pnpm --filter @aws-patterns/scripts price-refresh`; never part of verify (it needs an
// account and the network).
import { PricingClient } from "@aws-sdk/client-pricing";
import { EXIT, parseCommandLine, runMain, UsageError, type Io } from "../shared/cli.js";
import { PRICE_QUERIES } from "./queries.js";
import { formatOutcomes, refreshPrices } from "./refresh.js";

const HELP = `Usage: price-refresh [--dry-run] [--only <record id>]... [--data <skill/data folder>]

Reads the current us-east-1 list price of each mapped skill/data record from the AWS Price List
Query API (GetProducts; the identity needs pricing:GetProducts), rewrites the records (value,
as_of today, unverified removed) and prints the diff. Records it cannot match are left as they
are and listed. Review the diff (git diff skill/data) and commit it with the prose it changes.

Options:
  --dry-run          print the diff, write nothing
  --only <id>        refresh this record only (repeatable)
  --data <folder>    the skill/data folder (default: the repository's)
  --as-of <date>     the as_of date to write (default: today, UTC)
  -h, --help         this help
`;

const OPTIONS = {
  "dry-run": { type: "boolean", default: false },
  only: { type: "string", multiple: true },
  data: { type: "string" },
  "as-of": { type: "string" },
} as const;

export interface Setup {
  /** skill/data of the repository (run.mjs passes it). */
  dataDir: string;
  makeClient?: () => PricingClient;
}

export async function main(argv: string[], io: Io, setup: Setup): Promise<number> {
  const parsed = parseCommandLine(argv, { name: "price-refresh", help: HELP, options: OPTIONS });
  if (parsed.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const { values } = parsed;
  const asOf = values["as-of"] ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of ${asOf}: write the date as YYYY-MM-DD`);
  const queries = values.only ? PRICE_QUERIES.filter((q) => values.only!.includes(q.fact)) : PRICE_QUERIES;
  const unknown = (values.only ?? []).filter((id) => !PRICE_QUERIES.some((q) => q.fact === id));
  if (unknown.length > 0) throw new UsageError(`--only ${unknown[0]}: no Price List query for this record`, `Records with a query: ${PRICE_QUERIES.map((q) => q.fact).join(", ")}.`);
  const dataDir = values.data ?? setup.dataDir;
  try {
    const outcomes = await refreshPrices({ client: (setup.makeClient ?? defaultClient)(), dataDir, queries, asOf, dryRun: values["dry-run"], timeoutMs: 30_000 });
    io.stdout(formatOutcomes(outcomes, asOf, values["dry-run"]));
    return EXIT.clean;
  } catch (error) {
    const name = (error as { name?: string }).name ?? "";
    if (name === "CredentialsProviderError" || /credential/i.test((error as Error).message ?? "")) {
      throw new UsageError(
        "price-refresh: no AWS credentials found; it reads the AWS Price List Query API with yours",
        "Set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) for an identity allowed pricing:GetProducts, then run it again.",
      );
    }
    if (name === "TimeoutError" || name === "AbortError") throw new UsageError("price-refresh: the Price List API did not answer within 30 seconds", "Check the network and run it again.");
    if (name === "AccessDeniedException") throw new UsageError("price-refresh: the identity may not call pricing:GetProducts", "Grant pricing:GetProducts (the AWSPriceListServiceFullAccess managed policy has it).");
    throw error;
  }
}

/** The Price List API answers in us-east-1 (and ap-south-1, eu-central-1); retries and timeouts bounded. */
function defaultClient(): PricingClient {
  return new PricingClient({ region: "us-east-1", maxAttempts: 3, requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 } });
}

/** For run.mjs and tests: main() with the exit-code mapping of every script. */
export function runPriceRefresh(argv: string[], io: Io, setup: Setup): Promise<number> {
  return runMain("price-refresh", (streams) => main(argv, streams, setup), io);
}
