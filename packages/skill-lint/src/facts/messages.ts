/** Rules that check skill/data itself run once per lint, not once per markdown file. */
import type { SkillLintConfig } from "../config.js";
import type { DataFile, FactData, Place } from "./load.js";

export type DataRule = (data: FactData, config: SkillLintConfig) => void;

/** A message on a data file, shaped like the messages unified-lint-rule makes for markdown. */
export function dataMessage(file: DataFile, ruleId: string, reason: string, place: Place): void {
  file.vfile.message(reason, { place, ruleId, source: "skill-lint" });
}
