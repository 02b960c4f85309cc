/**
 * Validates skill/data, the records the skill's figures come from (zod schemas in
 * src/facts/schema.ts). A fact file `data/<topic>.json` holds `facts`: kebab-case key → record
 * with `what`, `value` (number, or string for versions, names and dates), `unit`, `region` (AWS
 * Region code or `global`), `source` (https URL), `as_of` (YYYY-MM-DD, not in the future), and
 * optionally `service` (else the file's `service`, one of the two is required), `note` and
 * `unverified: true` (which needs a `note`). A fact's id is `<file stem>.<key>`. A cost file
 * `data/costs/<topic>.json` holds `costs`: id → `title`, `region`, `items` (each `item`,
 * `fact` naming a price record of that region, `quantity` in the fact's billing unit, optional
 * `basis`); cost ids are unique across files. Unknown keys, missing or malformed values,
 * duplicate keys (JSON keeps only the last) and invalid JSON are errors at the JSON node, with
 * its path in the message.
 *
 * @example
 *   {"name": "ok", "file": "data/lambda.json"}
 *
 *   ```json
 *   {
 *     "$comment": "Quoted in references/compute-services.md.",
 *     "service": "AWS Lambda",
 *     "facts": {
 *       "price-requests": {
 *         "what": "Request charge",
 *         "value": 0.2,
 *         "unit": "USD per 1M requests",
 *         "region": "us-east-1",
 *         "source": "https://aws.amazon.com/lambda/pricing/",
 *         "as_of": "2026-11-20"
 *       }
 *     }
 *   }
 *   ```
 *
 * @example
 *   {"name": "not-ok", "file": "data/lambda.json", "label": "input"}
 *
 *   ```json
 *   {
 *     "service": "AWS Lambda",
 *     "facts": {
 *       "price-requests": {
 *         "what": "Request charge",
 *         "value": 0.2,
 *         "unit": "USD per 1M requests",
 *         "region": "us-east-1",
 *         "as_of": "2026-11-20",
 *         "verified": true
 *       },
 *       "max-memory": {
 *         "what": "Most memory",
 *         "value": 10240,
 *         "unit": "MB",
 *         "region": "everywhere",
 *         "source": "http://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html",
 *         "as_of": "2026-02-30"
 *       },
 *       "Max_Timeout": {},
 *       "default-timeout": {
 *         "what": "Default timeout",
 *         "value": 3,
 *         "unit": "seconds",
 *         "region": "global",
 *         "source": "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html",
 *         "as_of": "2027-01-01",
 *         "unverified": true
 *       },
 *       "max-timeout": {},
 *       "max-timeout": {}
 *     }
 *   }
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   ```
 *
 * @example
 *   {"name": "cost-items", "label": "file", "file": "data/lambda.json"}
 *
 *   ```json
 *   { "service": "AWS Lambda", "facts": {
 *     "price-requests": { "what": "Request charge", "value": 0.2, "unit": "USD per 1M requests", "region": "us-east-1", "source": "https://aws.amazon.com/lambda/pricing/", "as_of": "2026-11-20" },
 *     "max-memory": { "what": "Most memory", "value": 10240, "unit": "MB", "region": "global", "source": "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html", "as_of": "2026-11-20" }
 *   } }
 *   ```
 *
 * @example
 *   {"name": "cost-items", "label": "file", "file": "data/costs/api.json"}
 *
 *   ```json
 *   { "costs": { "api-3m": { "title": "3M requests", "region": "us-east-1", "items": [
 *     { "item": "Requests", "fact": "lambda.price-requests", "quantity": 3, "basis": "3M requests" }
 *   ] } } }
 *   ```
 *
 * @example
 *   {"name": "cost-items", "file": "data/costs/serverless.json", "label": "input"}
 *
 *   ```json
 *   {
 *     "costs": {
 *       "serverless-api": {
 *         "title": "3M requests in Ireland",
 *         "region": "eu-west-1",
 *         "items": [
 *           { "item": "Requests", "fact": "lambda.price-requests", "quantity": 3 },
 *           { "item": "Memory", "fact": "lambda.max-memory", "quantity": 1 },
 *           { "item": "Storage", "fact": "s3.price-standard", "quantity": 1 }
 *         ]
 *       },
 *       "serverless-bad": {
 *         "title": "",
 *         "region": "us-east-1",
 *         "items": [{ "item": "Requests", "fact": "lambda.price-requests", "quantity": -1, "free": true }]
 *       },
 *       "api-3m": { "title": "Again", "region": "us-east-1", "items": [{ "item": "Requests", "fact": "lambda.price-requests", "quantity": 3 }] }
 *     }
 *   }
 *   ```
 *
 * @example
 *   {"name": "cost-items", "label": "output"}
 *
 *   ```text
 *   ```
 */
import { dataMessage, type DataRule } from "../facts/messages.js";

const checkDataRecords: DataRule = (data) => {
  for (const issue of data.issues) dataMessage(issue.file, "data-records", issue.reason, issue.place);
};

export default checkDataRecords;
