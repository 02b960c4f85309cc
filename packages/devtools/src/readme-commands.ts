/** The marker in README.md right above the fenced block of the two set-up commands. */
export const README_MARKER = "<!-- the-two-commands: .ci/run runs exactly these; packages/devtools tests it -->";

/** The command lines of the fenced block that follows the marker in README.md. */
export function readReadmeCommands(readme: string): string[] {
  const lines = readme.replace(/\r\n/g, "\n").split("\n");
  const markerAt = lines.findIndex((line) => line.trim() === README_MARKER);
  if (markerAt < 0) throw new Error(`README.md has no line "${README_MARKER}"`);
  const fenceAt = lines.findIndex((line, i) => i > markerAt && /^```/.test(line));
  if (fenceAt < 0 || lines.slice(markerAt + 1, fenceAt).some((line) => line.trim() !== "")) {
    throw new Error("README.md: the two-commands marker must be followed directly by a fenced code block");
  }
  const closeAt = lines.findIndex((line, i) => i > fenceAt && /^```\s*$/.test(line));
  if (closeAt < 0) throw new Error("README.md: the two-commands block is never closed");
  return lines.slice(fenceAt + 1, closeAt).filter((line) => line.trim() !== "" && !line.trim().startsWith("#"));
}

/** What .ci/run executes: every line but blanks, comments, the shebang, `set` options and the `cd` to the repo root. */
export function readCiCommands(script: string): string[] {
  return script
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .filter((line) => !/^set\s+-/.test(line) && !/^cd\s/.test(line));
}
