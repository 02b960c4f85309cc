// metadata.version in SKILL.md: replaced in place, or added, with the rest of the file as it was.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { withMetadataVersion } from "../src/skill-version.js";

const frontmatter = (text: string) => parse(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) as Record<string, unknown>;
const LONG = `description: ${"Designs AWS systems and reviews them, ".repeat(6)}Use when asked.`;

describe("withMetadataVersion", () => {
  it("replaces the value in place, keeping quotes, comments and other keys", () => {
    const text = `---\nname: s\n${LONG}\nmetadata:\n  owner: team\n  version: '0.1.0' # bumped by changesets\n---\n\n# Body\n`;
    expect(withMetadataVersion(text, "0.2.0")).toBe(text.replace("'0.1.0'", '"0.2.0"'));
  });

  it("adds metadata.version when the frontmatter has no metadata, or metadata without a version", () => {
    for (const text of [`---\nname: s\n${LONG}\n---\n# Body\n`, `---\nname: s\nmetadata:\n  owner: team\n${LONG}\n---\n# Body\n`]) {
      const updated = withMetadataVersion(text, "1.0.0");
      expect(frontmatter(updated)).toEqual({ ...frontmatter(text), metadata: { ...(frontmatter(text).metadata as object), version: "1.0.0" } });
      expect(updated.endsWith("---\n# Body\n")).toBe(true);
      // A long description stays on one line: the frontmatter is not re-wrapped.
      expect(updated).toContain(LONG);
    }
  });

  it("leaves a file without frontmatter alone", () => {
    expect(withMetadataVersion("# Just a body\n", "1.0.0")).toBe("# Just a body\n");
  });
});
