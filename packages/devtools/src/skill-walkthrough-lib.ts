/**
 * The skill's walk-through: a table in skill/README.md of questions a newcomer agent asks, where
 * the answer is (links into SKILL.md and the references, as the unpacked bundle has them) and how
 * many tokens the agent read to get there. The checker keeps that table honest: every link must
 * reach an existing file and heading, every row must start at SKILL.md and go at most one link
 * deeper, and the token column must be what the files weigh today (within 2%).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import GithubSlugger from "github-slugger";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";

export const START_MARKER = "<!-- walkthrough:start -->";
export const END_MARKER = "<!-- walkthrough:end -->";
export const HEADER = ["Question", "Where the answer is", "Cost and example", "Tokens read"] as const;

export interface WalkthroughProblem {
  line: number;
  message: string;
}

export interface WalkthroughRow {
  line: number;
  cells: string[];
  links: { file: string; anchor: string | undefined }[];
  tokens: number | undefined;
}

const LINK = /\[[^\]]*\]\(([^)\s]+)\)/g;

/** The cells of a GFM table row, with escaped pipes kept inside their cell. */
function cellsOf(line: string): string[] {
  return line.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "").split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/** The rows between the markers, or a problem saying what is missing. */
export function readTable(readme: string): { rows: WalkthroughRow[]; problems: WalkthroughProblem[] } {
  const lines = readme.split("\n");
  const start = lines.findIndex((line) => line.trim() === START_MARKER);
  const end = lines.findIndex((line) => line.trim() === END_MARKER);
  if (start === -1 || end === -1 || end < start) {
    return { rows: [], problems: [{ line: 1, message: `no table between ${START_MARKER} and ${END_MARKER}; add one` }] };
  }
  const problems: WalkthroughProblem[] = [];
  const tableLines = lines.slice(start + 1, end).map((text, index) => ({ text, line: start + 2 + index })).filter((row) => row.text.trim().startsWith("|"));
  const [header, , ...body] = tableLines;
  if (!header || cellsOf(header.text).join("|") !== HEADER.join("|")) {
    problems.push({ line: header?.line ?? start + 1, message: `the table's header must be \`| ${HEADER.join(" | ")} |\`` });
    return { rows: [], problems };
  }
  if (body.length === 0) problems.push({ line: header.line, message: "the walk-through has no questions" });
  const rows = body.map(({ text, line }) => {
    const cells = cellsOf(text);
    const where = cells[1] ?? "";
    const links = [...where.matchAll(LINK)].map((match) => {
      const [file, anchor] = match[1]!.split("#", 2);
      return { file: file!, anchor: anchor === undefined ? undefined : decodeURIComponent(anchor) };
    });
    const tokenText = (cells[3] ?? "").replace(/,/g, "");
    return { line, cells, links, tokens: /^\d+$/.test(tokenText) ? Number(tokenText) : undefined };
  });
  return { rows, problems };
}

/** Heading slugs as GitHub renders them (github-slugger, duplicates numbered). */
export function headingSlugs(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const slugs = new Set<string>();
  let fence: string | undefined;
  for (const line of markdown.split("\n")) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      if (fence === undefined) fence = fenceMatch[1]![0]!.repeat(fenceMatch[1]!.length);
      else if (fenceMatch[1]!.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) slugs.add(slugger.slug(heading[1]!.replace(/<[^>]+>/g, "").replace(/[`*_]/g, "")));
  }
  return slugs;
}

/**
 * Checks every row against the skill folder and returns the problems and each row's token count
 * (SKILL.md, which loads when the skill triggers, plus every reference the row links, read whole).
 */
export async function checkWalkthrough(skillDir: string, readme: string): Promise<{ problems: WalkthroughProblem[]; counts: Map<number, number> }> {
  const { rows, problems } = readTable(readme);
  const counts = new Map<number, number>();
  const files = new Map<string, string | undefined>();
  const load = async (file: string) => {
    if (!files.has(file)) files.set(file, await readFile(path.join(skillDir, file), "utf8").catch(() => undefined));
    return files.get(file);
  };
  const skill = await load("SKILL.md");
  if (skill === undefined) return { problems: [...problems, { line: 1, message: `no SKILL.md in ${skillDir}` }], counts };
  for (const row of rows) {
    if (row.links.length === 0 || row.links[0]!.file !== "SKILL.md") {
      problems.push({ line: row.line, message: "start the answer's path at SKILL.md (the agent reads it first): link `SKILL.md#section`" });
    }
    const read = new Set<string>(["SKILL.md"]);
    for (const link of row.links) {
      const text = await load(link.file);
      if (text === undefined) {
        problems.push({ line: row.line, message: `\`${link.file}\` is not in the skill folder` });
        continue;
      }
      if (link.file !== "SKILL.md" && !/^references\/[^/]+\.md$/.test(link.file) && !/^examples\//.test(link.file)) {
        problems.push({ line: row.line, message: `\`${link.file}\` is more than one link from SKILL.md; point at SKILL.md, a reference or an example` });
      }
      if (link.anchor !== undefined && !headingSlugs(text).has(link.anchor)) {
        problems.push({ line: row.line, message: `\`${link.file}\` has no heading \`#${link.anchor}\`` });
      }
      if (link.file.endsWith(".md")) read.add(link.file);
    }
    let tokens = 0;
    for (const file of read) tokens += countTokens((await load(file)) ?? "");
    counts.set(row.line, tokens);
    if (row.tokens === undefined) problems.push({ line: row.line, message: `the Tokens read cell must be a number; it is ${tokens.toLocaleString("en-US")} (run with --write)` });
    else if (Math.abs(row.tokens - tokens) > tokenTolerance(tokens)) {
      problems.push({ line: row.line, message: `says ${row.tokens.toLocaleString("en-US")} tokens, the files weigh ${tokens.toLocaleString("en-US")} (run with --write)` });
    }
  }
  return { problems, counts };
}

/**
 * How far a recorded count may drift before the row is stale: 2% (at least 50 tokens), so that a
 * sentence added to a reference does not fail the lint, while a section added or removed does.
 */
export function tokenTolerance(tokens: number): number {
  return Math.max(50, Math.round(tokens * 0.02));
}

/** The README with each row's token cell set to its count. */
export function writeCounts(readme: string, counts: ReadonlyMap<number, number>): string {
  const lines = readme.split("\n");
  for (const [line, tokens] of counts) {
    const cells = cellsOf(lines[line - 1]!);
    cells[3] = tokens.toLocaleString("en-US");
    lines[line - 1] = `| ${cells.join(" | ")} |`;
  }
  return lines.join("\n");
}
