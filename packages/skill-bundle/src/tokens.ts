// Token counts in the manifest: the same tokenizer and encoding skill-lint's budgets use (o200k_base,
// an approximation: Claude's tokenizer is not published).
import { createRequire } from "node:module";

type Count = (text: string) => number;
let counter: Promise<Count> | undefined;

/** Loaded on first use: the encoding's ranks take most of a second to load. */
export async function countTokens(text: string): Promise<number> {
  counter ??= import("gpt-tokenizer/encoding/o200k_base").then((module) => module.countTokens as Count);
  return (await counter)(text);
}

const tokenizerVersion = (createRequire(import.meta.url)("gpt-tokenizer/package.json") as { version: string }).version;
export const TOKENIZER = `o200k_base (gpt-tokenizer ${tokenizerVersion})`;

/** Built scripts are run by the agent, never read into its context: their tokens are counted apart. */
export { isRunOnly as isRunNotRead } from "@aws-patterns/bundle-layout";
