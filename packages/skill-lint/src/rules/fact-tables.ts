/**
 * Checks the tables generated from skill/data. `<!-- facts: id id-prefix-* -->` on its own line
 * is followed by a table `| What | Value | Region | Source |` of those records (an id ending in
 * `*` takes every record whose id starts with the rest, in data order); `<!-- cost: cost-id -->`
 * by `| Item | Quantity | Unit price | Monthly |`, each row quantity x unit price and a bold Total
 * row. The table must equal what the data generates, cell by cell (padding is free); a stale or
 * missing table is an error that `skill-lint --fix` repairs by writing the table. A marker naming
 * no record (or a record with errors, see `data-records`) is an error. Without a `data` folder in
 * an unpacked bundle (the bundle ships no data) the rule is silent.
 *
 * @example
 *   {"name": "ok", "label": "file", "file": "data/lambda.json"}
 *
 *   ```json
 *   {
 *     "service": "AWS Lambda",
 *     "facts": {
 *       "price-requests": { "what": "Request charge", "value": 0.2, "unit": "USD per 1M requests", "region": "us-east-1", "source": "https://aws.amazon.com/lambda/pricing/", "as_of": "2026-11-20" },
 *       "max-memory": { "what": "Most memory", "value": 10240, "unit": "MB", "region": "global", "source": "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html", "as_of": "2026-11-20" }
 *     }
 *   }
 *   ```
 *
 * @example
 *   {"name": "ok", "label": "file", "file": "data/costs/lambda.json"}
 *
 *   ```json
 *   { "costs": { "lambda-3m": { "title": "3M requests", "region": "us-east-1", "items": [
 *     { "item": "Requests", "fact": "lambda.price-requests", "quantity": 3, "basis": "3M requests" }
 *   ] } } }
 *   ```
 *
 * @example
 *   {"name": "ok", "file": "references/lambda.md"}
 *
 *   ```markdown
 *   # Lambda
 *
 *   <!-- facts: lambda.* -->
 *
 *   | What           | Value                 | Region    | Source                                                                                          |
 *   | -------------- | --------------------- | --------- | ----------------------------------------------------------------------------------------------- |
 *   | Request charge | $0.20 per 1M requests | us-east-1 | [as of 2026-11-20](https://aws.amazon.com/lambda/pricing/)                                      |
 *   | Most memory    | 10,240 MB             | global    | [as of 2026-11-20](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)     |
 *
 *   <!-- cost: lambda-3m -->
 *
 *   | Item      | Quantity          | Unit price            | Monthly   |
 *   | --------- | ----------------- | --------------------- | --------- |
 *   | Requests  | 3 (3M requests)   | $0.20 per 1M requests | $0.60     |
 *   | **Total** |                   |                       | **$0.60** |
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "file", "file": "data/lambda.json"}
 *
 *   ```json
 *   { "service": "AWS Lambda", "facts": { "price-requests": { "what": "Request charge", "value": 0.2, "unit": "USD per 1M requests", "region": "us-east-1", "source": "https://aws.amazon.com/lambda/pricing/", "as_of": "2026-11-20" } } }
 *   ```
 *
 * @example
 *   {"name": "not-ok", "file": "references/lambda.md", "label": "input"}
 *
 *   ```markdown
 *   # Lambda
 *
 *   <!-- facts: lambda.price-requests -->
 *
 *   | What           | Value                 | Region    | Source                                                     |
 *   | -------------- | --------------------- | --------- | ---------------------------------------------------------- |
 *   | Request charge | $0.25 per 1M requests | us-east-1 | [as of 2026-11-20](https://aws.amazon.com/lambda/pricing/) |
 *
 *   <!-- facts: lambda.price-requests -->
 *
 *   Text, no table.
 *
 *   <!-- facts: lambda.price-gone lambda.zz-* -->
 *
 *   <!-- cost: missing-cost -->
 *
 *   <!-- cost: a b -->
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   5:1-7:116: Table differs from skill/data (row 1, Value: expected `$0.20 per 1M requests`, found `$0.25 per 1M requests`); run `skill-lint --fix`
 *   9:1-9:38: No table after this marker; run `skill-lint --fix` to write it from skill/data
 *   13:1-13:46: No record in skill/data for `lambda.price-gone`, `lambda.zz-*` (records with errors are left out: see data-records)
 *   15:1-15:28: No worked cost `missing-cost` in skill/data/costs (costs with errors are left out: see data-records)
 *   17:1-17:19: Malformed cost marker `<!-- cost: a b -->`; write `<!-- cost: cost-id -->`
 *   ```
 */
import { lintRule } from "unified-lint-rule";
import type { Root } from "mdast";
import { fileData, type LintContext } from "../context.js";
import { expectedTable, findTableMarkers, resolveFactIds, tableDifference, tableLines } from "../facts/tables.js";

const remarkLintFactTables = lintRule<Root, LintContext>("skill-lint:fact-tables", (tree, file, context) => {
  const data = context.facts;
  if (!data.present && context.layout.mode === "bundle") return;
  const text = String(file.value);
  const markStale = () => {
    fileData(file).staleFactTables = true;
  };
  for (const marker of findTableMarkers(tree)) {
    if (marker.malformed) {
      file.message(`Malformed ${marker.kind} marker \`${marker.node.value.trim()}\`; ${marker.malformed}`, marker.node);
      continue;
    }
    if (marker.kind === "cost" && !data.costs.has(marker.ids[0]!)) {
      file.message(`No worked cost \`${marker.ids[0]}\` in skill/data/costs (costs with errors are left out: see data-records)`, marker.node);
      continue;
    }
    if (marker.kind === "facts") {
      const { unknown } = resolveFactIds(marker.ids, data);
      if (unknown.length > 0) {
        const names = unknown.map((id) => `\`${id}\``).join(", ");
        file.message(`No record in skill/data for ${names} (records with errors are left out: see data-records)`, marker.node);
        continue;
      }
    }
    const expected = expectedTable(marker, data)!;
    if (!marker.table) {
      file.message("No table after this marker; run `skill-lint --fix` to write it from skill/data", marker.node);
      markStale();
      continue;
    }
    const difference = tableDifference(tableLines(text, marker.table), expected);
    if (difference) {
      file.message(`Table differs from skill/data (${difference}); run \`skill-lint --fix\``, marker.table);
      markStale();
    }
  }
});

export default remarkLintFactTables;
