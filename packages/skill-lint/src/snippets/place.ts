import type { Code } from "mdast";

/** Maps a 1-based line/column inside a fenced block's content to the markdown file. */
export function placeInBlock(code: Code, line: number, column: number): { line: number; column: number } {
  const start = code.position?.start ?? { line: 1, column: 1 };
  return { line: start.line + line, column: start.column - 1 + column };
}
