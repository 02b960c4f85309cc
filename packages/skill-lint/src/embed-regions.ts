/**
 * Regions in example sources: `// #region name` … `// #endregion name` (TypeScript, JavaScript)
 * or `# region name` … `# endregion name` (HCL, YAML, shell). The text between the markers,
 * without nested marker lines and without the common indentation, is what a doc embeds.
 */

const START = /^\s*(?:\/\/|#)\s*#?\s*region\s+(\S+)\s*$/;
const END = /^\s*(?:\/\/|#)\s*#?\s*endregion(?:\s+(\S+))?\s*$/;

export type RegionResult = { ok: true; text: string } | { ok: false; reason: string };

/** Extracts a region (or the whole file when `region` is undefined). */
export function extractRegion(source: string, region: string | undefined): RegionResult {
  const lines = source.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
  const isMarker = (line: string) => START.test(line) || END.test(line);
  if (region === undefined) return { ok: true, text: lines.filter((line) => !isMarker(line)).join("\n") };

  const start = lines.findIndex((line) => START.exec(line)?.[1] === region);
  if (start === -1) return { ok: false, reason: `no \`#region ${region}\` marker` };
  const openNames: string[] = [];
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index]!;
    const opened = START.exec(line)?.[1];
    if (opened !== undefined) {
      openNames.push(opened);
      continue;
    }
    const endMatch = END.exec(line);
    if (!endMatch) continue;
    const closed = endMatch[1];
    if (openNames.length > 0 && (closed === undefined || closed === openNames.at(-1))) {
      openNames.pop();
      continue;
    }
    if (closed === undefined || closed === region) {
      const body = lines.slice(start + 1, index).filter((candidate) => !isMarker(candidate));
      return { ok: true, text: dedent(body).join("\n") };
    }
  }
  return { ok: false, reason: `region \`${region}\` has no \`#endregion ${region}\` marker` };
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^[ \t]*/.exec(line)![0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(common));
}
