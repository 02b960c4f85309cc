// The cost section of an example README is this script's output between two markers:
//   <!-- cost-estimate:start ... -->   (anything after "start" is free text, e.g. how to regenerate)
//   ...generated markdown...
//   <!-- cost-estimate:end -->
// --write replaces what is between them; --check fails (exit 1) when it differs.
import { readFileSync, writeFileSync } from "node:fs";
import { InputError } from "./model.js";

const START = /^<!-- cost-estimate:start\b.*-->[ \t]*$/m;
const END = /^<!-- cost-estimate:end -->[ \t]*$/m;

interface Section {
  text: string;
  /** Offsets of the generated part (after the start marker's line, before the end marker). */
  from: number;
  to: number;
  line: number;
}

export function findSection(text: string, file: string): Section {
  const start = START.exec(text);
  if (!start) throw new InputError(`${file}: no \`<!-- cost-estimate:start -->\` marker`, "Put the markers around the cost table: `<!-- cost-estimate:start -->` and `<!-- cost-estimate:end -->`, each on its own line.");
  const from = start.index + start[0].length + 1;
  END.lastIndex = 0;
  const end = END.exec(text.slice(from));
  if (!end) throw new InputError(`${file}: \`<!-- cost-estimate:start -->\` has no \`<!-- cost-estimate:end -->\` after it`);
  const line = text.slice(0, start.index).split("\n").length;
  return { text, from, to: from + end.index, line };
}

/** The README with its section replaced by `generated` (a blank line on each side of it). */
export function withSection(text: string, file: string, generated: string): string {
  const section = findSection(text, file);
  return `${text.slice(0, section.from)}\n${generated.trimEnd()}\n\n${text.slice(section.to)}`;
}

export function writeSection(file: string, generated: string): boolean {
  const text = readReadme(file);
  const next = withSection(text, file, generated);
  if (next === text) return false;
  writeFileSync(file, next);
  return true;
}

/** undefined when the README's section equals `generated`, else the line of the start marker. */
export function checkSection(file: string, generated: string): number | undefined {
  const text = readReadme(file);
  return withSection(text, file, generated) === text ? undefined : findSection(text, file).line;
}

function readReadme(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
