// The cost section of an example README is this script's output between two markers:
//   <!-- cost-estimate:start [section] -->
//   ...generated markdown...
//   <!-- cost-estimate:end -->
// --write replaces what is between them; --check fails (exit 1) when it differs. A README with
// several estimates (one per stack, one per option) names each section; --section picks one.
import { readFileSync, writeFileSync } from "node:fs";
import { InputError } from "./model.js";

const START = /^<!-- cost-estimate:start(?: ([\w.-]+))? -->[ \t]*$/gm;
const END = /^<!-- cost-estimate:end -->[ \t]*$/m;

interface Section {
  text: string;
  /** Offsets of the generated part (after the start marker's line, before the end marker). */
  from: number;
  to: number;
  line: number;
}

/** The section names of a README, in order (`""` for an unnamed section). */
export function sectionNames(text: string): string[] {
  return [...text.matchAll(START)].map((match) => match[1] ?? "");
}

export function findSection(text: string, file: string, name = ""): Section {
  const start = [...text.matchAll(START)].find((match) => (match[1] ?? "") === name);
  if (!start || start.index === undefined) {
    const marker = `<!-- cost-estimate:start${name ? ` ${name}` : ""} -->`;
    throw new InputError(`${file}: no \`${marker}\` marker`, `Put the markers around the cost table: \`${marker}\` and \`<!-- cost-estimate:end -->\`, each on its own line.`);
  }
  const from = start.index + start[0].length + 1;
    const end = END.exec(text.slice(from));
  if (!end) throw new InputError(`${file}: \`<!-- cost-estimate:start -->\` has no \`<!-- cost-estimate:end -->\` after it`);
  const line = text.slice(0, start.index).split("\n").length;
  return { text, from, to: from + end.index, line };
}

/** The README with its section replaced by `generated` (a blank line on each side of it). */
export function withSection(text: string, file: string, generated: string, name = ""): string {
  const section = findSection(text, file, name);
  return `${text.slice(0, section.from)}\n${generated.trimEnd()}\n\n${text.slice(section.to)}`;
}

export function writeSection(file: string, generated: string, name = ""): boolean {
  const text = readReadme(file);
  const next = withSection(text, file, generated, name);
  if (next === text) return false;
  writeFileSync(file, next);
  return true;
}

/** undefined when the README's section equals `generated`, else the line of the start marker. */
export function checkSection(file: string, generated: string, name = ""): number | undefined {
  const text = readReadme(file);
  return withSection(text, file, generated, name) === text ? undefined : findSection(text, file, name).line;
}

function readReadme(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
