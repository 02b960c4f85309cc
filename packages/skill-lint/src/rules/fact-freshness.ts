/**
 * Warns about records in skill/data whose `as_of` is more than `factMaxAgeDays` (config,
 * default 180) before today: prices and quotas change, so an old record needs its source read
 * again. One warning per record, at its `as_of`; the text report then lists the oldest records.
 * A warning unless `severity` in the config says otherwise. Today comes from the lint options
 * (`today`), so runs and tests can fix the day.
 *
 * @example
 *   {"name": "ok", "file": "data/lambda.json", "config": {"factMaxAgeDays": 30}}
 *
 *   ```json
 *   { "service": "AWS Lambda", "facts": {
 *     "max-memory": { "what": "Most memory", "value": 10240, "unit": "MB", "region": "global", "source": "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html", "as_of": "2026-10-27" }
 *   } }
 *   ```
 *
 * @example
 *   {"name": "not-ok", "file": "data/lambda.json", "label": "input", "config": {"factMaxAgeDays": 30}}
 *
 *   ```json
 *   { "service": "AWS Lambda", "facts": {
 *     "max-memory": { "what": "Most memory", "value": 10240, "unit": "MB", "region": "global", "source": "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html", "as_of": "2026-10-26" },
 *     "max-timeout": { "what": "Longest invocation", "value": 900, "unit": "seconds", "region": "global", "source": "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html", "as_of": "2025-11-26" }
 *   } }
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   2:186-2:198: `lambda.max-memory` was checked on 2026-10-26, 31 days ago (factMaxAgeDays: 30); read its source again and update as_of
 *   3:197-3:209: `lambda.max-timeout` was checked on 2025-11-26, 365 days ago (factMaxAgeDays: 30); read its source again and update as_of
 *   ```
 */
import type { FactData } from "../facts/load.js";
import { placeOf } from "../facts/load.js";
import { dataMessage, type DataRule } from "../facts/messages.js";
import type { FactRecord } from "../facts/schema.js";

const DAY = 24 * 60 * 60 * 1000;

/** Whole days from `as_of` to `today` (both YYYY-MM-DD). */
export function ageInDays(asOf: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / DAY);
}

/** The `count` records checked longest ago (oldest first, then by id). */
export function oldestFacts(data: FactData, count = 5): FactRecord[] {
  return [...data.facts.values()].sort((a, b) => a.as_of.localeCompare(b.as_of) || a.id.localeCompare(b.id)).slice(0, count);
}

const checkFactFreshness: DataRule = (data, config) => {
  for (const fact of data.facts.values()) {
    const age = ageInDays(fact.as_of, data.today);
    if (age <= config.factMaxAgeDays) continue;
    const file = data.files.find((candidate) => candidate.relPath === fact.file);
    if (!file) continue;
    const key = fact.id.slice(fact.id.indexOf(".") + 1);
    dataMessage(
      file,
      "fact-freshness",
      `\`${fact.id}\` was checked on ${fact.as_of}, ${age} days ago (factMaxAgeDays: ${config.factMaxAgeDays}); read its source again and update as_of`,
      placeOf(file, ["facts", key, "as_of"]),
    );
  }
};

export default checkFactFreshness;
