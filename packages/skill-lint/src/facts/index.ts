/**
 * `@aws-patterns/skill-lint/facts`: skill/data for scripts (the cost estimate), without the
 * linter's markdown and TypeScript machinery: load and validate the records, price worked costs.
 */
export { loadFactData, formatJsonPath, isoDay, type FactData, type DataFile, type DataIssue } from "./load.js";
export { computeCost, CostError, type CostBreakdown, type CostLine } from "./costs.js";
export { formatUsd, formatDecimal, toDecimal, multiply, add, type Decimal } from "./decimal.js";
export { formatFactValue } from "./tables.js";
export { factSchema, factFileSchema, costSchema, costFileSchema, isPrice, type FactRecord, type CostRecord } from "./schema.js";
