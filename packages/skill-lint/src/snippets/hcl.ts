/**
 * HCL parsing with @cdktn/hcl2json (HashiCorp's Go parser compiled to WebAssembly). The WASM
 * module starts when the package is first required, so it is loaded only when a block needs it.
 */
import { createRequire } from "node:module";

type Parse = (filename: string, contents: string) => Promise<Record<string, unknown>>;
let parser: Parse | undefined;

function loadParser(): Parse {
  parser ??= (createRequire(import.meta.url)("@cdktn/hcl2json") as { parse: Parse }).parse;
  return parser;
}

export interface HclProblem {
  line: number;
  column: number;
  message: string;
}

const TIMEOUT_MS = 20_000;

/** Parses one HCL snippet; the parser's `file:line,col-…: summary; detail` becomes problems. */
export async function checkHcl(text: string): Promise<HclProblem[]> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`HCL parser timed out after ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    });
    await Promise.race([loadParser()("snippet.tf", text), timeout]);
    return [];
  } catch (error) {
    const message = (error as Error).message;
    const problems: HclProblem[] = [];
    for (const match of message.matchAll(/snippet\.tf:(\d+),(\d+)(?:-[\d,]+)?: ([^\]]+?)(?=, snippet\.tf:|\]|$)/g)) {
      problems.push({ line: Number(match[1]), column: Number(match[2]), message: match[3]!.trim() });
    }
    return problems.length > 0 ? problems : [{ line: 1, column: 1, message: message.replace(/^parse config: /, "") }];
  } finally {
    clearTimeout(timer);
  }
}
