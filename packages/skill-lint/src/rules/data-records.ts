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
 *   4:5-4:21: `facts.price-requests`: missing `source` (the https URL of the AWS or vendor page the value was checked on)
 *   10:7-10:17: `facts.price-requests`: unknown key `verified`; allowed keys: what, value, unit, region, source, as_of, service, note, unverified
 *   16:17-16:29: `facts.max-memory.region` must be an AWS Region code such as us-east-1, or global
 *   17:17-17:89: `facts.max-memory.source` must be the https URL of the AWS or vendor page the value was checked on
 *   18:16-18:28: `facts.max-memory.as_of` must be a real date written YYYY-MM-DD: the day the source was checked
 *   20:5-20:18: Fact key `Max_Timeout` is not kebab-case (a-z, 0-9 and single hyphens)
 *   27:16-27:28: `facts.default-timeout.as_of`: 2027-01-01 is in the future (today is 2026-11-26); as_of is the day the source was checked
 *   28:21-28:25: `facts.default-timeout`: an unverified record needs a `note` saying what could not be verified
 *   31:5-31:18: Duplicate fact id `max-timeout`: JSON keeps only the last one; rename or remove one
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
 *   7:39-7:62: `costs.serverless-api.items[0].fact` `lambda.price-requests` is priced in us-east-1, but the cost is for eu-west-1
 *   8:37-8:56: `costs.serverless-api.items[1].fact` `lambda.max-memory` is not a price (its unit `MB` does not start with USD)
 *   9:38-9:57: `costs.serverless-api.items[2].fact` names no record in skill/data: `s3.price-standard`
 *   13:16-13:18: `costs.serverless-bad.title` must not be empty (what the worked cost describes)
 *   15:84-15:86: `costs.serverless-bad.items[0].quantity` must not be negative
 *   15:88-15:94: `costs.serverless-bad.items[0]`: unknown key `free`; allowed keys: item, fact, quantity, basis
 *   17:5-17:13: Cost id `api-3m` is also defined in data/costs/api.json; cost ids are global, so prefix them with the topic
 *   ```
 */
import { dataMessage, type DataRule } from "../facts/messages.js";

const checkDataRecords: DataRule = (data) => {
  for (const issue of data.issues) dataMessage(issue.file, "data-records", issue.reason, issue.place);
};

export default checkDataRecords;
