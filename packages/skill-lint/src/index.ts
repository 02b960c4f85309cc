export { lintSkill, UsageError, type LintOptions, type LintResult, type FileStats } from "./lint.js";
export { formatJson, formatText, summarise } from "./report.js";
export { configSchema, loadConfig, parseConfig, ConfigError, CONFIG_FILE_NAME, type SkillLintConfig } from "./config.js";
export * from "@aws-patterns/bundle-layout";
export { extractRegion } from "./embed-regions.js";
export { ALL_RULE_IDS, SKILL_RULES, LOAD_RULES, STYLE_GROUP } from "./rules/index.js";
