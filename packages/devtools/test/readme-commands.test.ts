import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { README_MARKER, readCiCommands, readReadmeCommands } from "../src/readme-commands.js";
import { findRepoRoot } from "../src/workspace.js";

const root = findRepoRoot(__dirname);

describe("the README's two commands", () => {
  it("are exactly what .ci/run runs, in the same order", () => {
    const readme = readReadmeCommands(readFileSync(join(root, "README.md"), "utf8"));
    const ci = readCiCommands(readFileSync(join(root, ".ci/run"), "utf8"));
    expect(readme).toHaveLength(2);
    expect(ci).toEqual(readme);
  });

  it("install pnpm at the version package.json pins, then verify", () => {
    const [setup, test] = readReadmeCommands(readFileSync(join(root, "README.md"), "utf8"));
    const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { packageManager: string };
    expect(setup).toContain(`npm install --global ${packageManager}`);
    expect(setup).toMatch(/pnpm install --frozen-lockfile && pnpm verify$/);
    expect(test).toBe("pnpm test");
  });
});

describe("readReadmeCommands", () => {
  const block = (body: string) => `# x\n\n${README_MARKER}\n\`\`\`sh\n${body}\n\`\`\`\n`;

  it("skips blank and comment lines inside the block", () => {
    expect(readReadmeCommands(block("# set up\nmake a\n\nmake b"))).toEqual(["make a", "make b"]);
  });

  it("fails when the marker is missing", () => {
    expect(() => readReadmeCommands("# x\n```sh\nmake\n```\n")).toThrow(/has no line/);
  });

  it("fails when prose sits between the marker and the block", () => {
    expect(() => readReadmeCommands(`${README_MARKER}\nsome words\n\`\`\`sh\nmake\n\`\`\`\n`)).toThrow(/followed directly/);
  });

  it("fails when the block is never closed", () => {
    expect(() => readReadmeCommands(`${README_MARKER}\n\`\`\`sh\nmake\n`)).toThrow(/never closed/);
  });
});

describe("readCiCommands", () => {
  it("drops the shebang, comments, set options and the cd to the root", () => {
    const script = '#!/usr/bin/env bash\n# why\nset -euo pipefail\ncd "$(dirname "$0")/.."\nmake a\r\nmake b\n';
    expect(readCiCommands(script)).toEqual(["make a", "make b"]);
  });

  it("keeps any extra command, so a drift from the README shows", () => {
    expect(readCiCommands("make a\necho extra\n")).toEqual(["make a", "echo extra"]);
  });
});
