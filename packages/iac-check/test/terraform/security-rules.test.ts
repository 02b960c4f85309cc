// Each rule's doc comment carries `@example ok` and `@example not-ok` HCL: this harness runs the
// rule alone on each, so the documentation and the behaviour cannot disagree.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TfModule } from "../../src/terraform/model.js";
import { parseHclFile } from "../../src/terraform/parse-hcl.js";
import { securityRules } from "../../src/terraform/security-rules/index.js";

const rulesDir = join(import.meta.dirname, "..", "..", "src", "terraform", "security-rules");

function docExample(source: string, kind: "ok" | "not-ok"): string {
  const m = new RegExp(`@example ${kind}\\n \\* \`\`\`hcl\\n([\\s\\S]*?) \\* \`\`\``).exec(source);
  if (!m) throw new Error(`no @example ${kind}`);
  return m[1]!
    .split("\n")
    .map((l) => l.replace(/^ \* ?/, ""))
    .join("\n");
}

async function moduleOf(text: string): Promise<TfModule> {
  const parsed = await parseHclFile("example.tf", text);
  expect(parsed.diagnostics).toEqual([]);
  return { dir: ".", files: [parsed.file] };
}

describe.each(securityRules.map((r) => [r.id, r] as const))("%s", (id, rule) => {
  const file = join(rulesDir, `${id.replace(/^tf-sec\//, "")}.ts`);
  const source = readFileSync(file, "utf8");

  it("is documented: id in its doc comment, a rationale", () => {
    expect(id).toMatch(/^tf-sec\/[a-z0-9-]+$/);
    expect(source).toContain(`* ${id}:`);
    expect(source).toMatch(/Rationale: /);
    expect(rule.rationale.length).toBeGreaterThan(20);
  });

  it("finds nothing in its ok example", async () => {
    expect(await rule.check(await moduleOf(docExample(source, "ok")))).toEqual([]);
  });

  it("reports its not-ok example with a position inside the file", async () => {
    const text = docExample(source, "not-ok");
    const findings = await rule.check(await moduleOf(text));
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      const line = (f.position ?? f.block.position).line;
      expect(line).toBeGreaterThan(0);
      expect(line).toBeLessThanOrEqual(text.split("\n").length);
    }
  });
});
