/** The library parts on their own: layout table, regions, fixes, config, external-link probing. */
import { chmod, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseConfig, ConfigError } from "../src/config.js";
import { extractRegion } from "../src/embed-regions.js";
import { rewriteBlocks } from "../src/fix.js";
import { fenceFor } from "../src/rules/embedded-code.js";
import { saysWhenToUse } from "../src/rules/frontmatter.js";
import { lintSkill } from "../src/lint.js";
import { typescriptProgramsCreated } from "../src/snippets/typescript.js";
import { DEFAULT_SKILL, PACKAGE_DIR, tempSkill, writeTree } from "./harness.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  vi.restoreAllMocks();
});

async function skill(files: Record<string, string>) {
  const temp = await tempSkill();
  cleanups.push(temp.cleanup);
  await writeTree(temp.skillDir, { "SKILL.md": DEFAULT_SKILL, ...files });
  return temp;
}

describe("regions", () => {
  const source = [
    "import x from 'y';",
    "// #region outer",
    "  const a = 1;",
    "  // #region inner",
    "  const b = 2;",
    "  // #endregion inner",
    "// #endregion outer",
    "# region hcl",
    'resource "a" "b" {}',
    "# endregion",
  ].join("\n");

  it("extracts a region without nested markers and common indentation", () => {
    expect(extractRegion(source, "outer")).toEqual({ ok: true, text: "const a = 1;\nconst b = 2;" });
    expect(extractRegion(source, "inner")).toEqual({ ok: true, text: "const b = 2;" });
    expect(extractRegion(source, "hcl")).toEqual({ ok: true, text: 'resource "a" "b" {}' });
  });

  it("embeds a whole file without its markers, and names missing or open regions", () => {
    expect(extractRegion("a\n// #region r\nb\n// #endregion r\n", undefined)).toEqual({ ok: true, text: "a\nb" });
    expect(extractRegion(source, "nope")).toEqual({ ok: false, reason: "no `#region nope` marker" });
    expect(extractRegion("// #region open\nx\n", "open")).toEqual({ ok: false, reason: "region `open` has no `#endregion open` marker" });
  });
});

describe("fixes", () => {
  it("replaces block content between fences, keeping indentation and line endings", () => {
    const text = "a\r\n  ```ts\r\n  old\r\n  ```\r\nz\r\n";
    expect(rewriteBlocks(text, [{ openLine: 2, closeLine: 4, indent: "  ", content: "new 1\n\nnew 2", openFence: "```ts", closeFence: "```" }])).toBe(
      "a\r\n  ```ts\r\n  new 1\r\n\r\n  new 2\r\n  ```\r\nz\r\n",
    );
  });

  it("--fix keeps the file's mode and leaves no temp file", async () => {
    const { skillDir } = await skill({
      "SKILL.md": `${DEFAULT_SKILL}\n<!-- embed: examples/a.ts -->\n\n\`\`\`ts\nold\n\`\`\`\n`,
      "examples/a.ts": "export const a = 1;\n",
    });
    await chmod(path.join(skillDir, "SKILL.md"), 0o640);
    expect((await lintSkill({ skillDir, fix: true, rules: ["embedded-code"] })).fixed).toHaveLength(1);
    expect((await stat(path.join(skillDir, "SKILL.md"))).mode & 0o777).toBe(0o640);
    expect((await readdir(skillDir)).sort()).toEqual(["SKILL.md", "examples"]);
  });

  it("chooses a fence longer than any run of its character in the content", () => {
    expect(fenceFor("```", "plain")).toBe("```");
    expect(fenceFor("```", "```md\nx\n```")).toBe("````");
    expect(fenceFor("````", "a ``` b")).toBe("````");
    expect(fenceFor("~~~", "~~~~~ and ```````")).toBe("~~~~~~");
  });

  it("--fix embeds a region that holds a fenced block without closing the block early, once", async () => {
    const region = "Install:\n\n```sh\nnpm ci\n```\n\n````md\nnested\n````";
    const { skillDir } = await skill({
      "SKILL.md": `${DEFAULT_SKILL}\n<!-- embed: examples/demo/README.md -->\n\n\`\`\`markdown\nold\n\`\`\`\n\nAfter.\n`,
      "examples/demo/README.md": `${region}\n`,
    });
    const fixed = await lintSkill({ skillDir, fix: true, rules: ["embedded-code"] });
    expect(fixed.fixed).toHaveLength(1);
    expect(fixed.files.flatMap((file) => file.messages)).toEqual([]);
    const text = await readFile(path.join(skillDir, "SKILL.md"), "utf8");
    expect(text).toContain(`\`\`\`\`\`markdown\n${region}\n\`\`\`\`\`\n\nAfter.\n`);
    const again = await lintSkill({ skillDir, fix: true, rules: ["embedded-code"] });
    expect(again.fixed).toEqual([]);
    expect(await readFile(path.join(skillDir, "SKILL.md"), "utf8")).toBe(text);
  });
});

describe("config", () => {
  it("applies defaults and rejects unknown keys with their path", () => {
    expect(parseConfig("{}", "c.json").budgets.skillBody).toEqual({ lines: 500, tokens: 5000 });
    expect(() => parseConfig('{"budgets": {"references": {"notes.md": {"lines": 1, "tokens": 1}}}}', "c.json")).toThrow(/budgets\.references\.notes\.md/);
    expect(() => parseConfig("{", "c.json")).toThrow(ConfigError);
  });
});

describe("config names", () => {
  const configError = async (config: unknown, files: Record<string, string> = {}) => {
    const { root, skillDir } = await skill(files);
    await writeFile(path.join(root, "skill-lint.config.json"), JSON.stringify(config));
    return lintSkill({ skillDir }).then(
      () => "no error",
      (error: Error) => (error instanceof ConfigError ? error.message.split("\n").slice(1).map((line) => line.trim()) : `unexpected ${error}`),
    );
  };

  it("rejects severity keys that are not rule ids, suggesting the closest", async () => {
    expect(await configError({ severity: { "relative-linkz": "off", Style: "warn", "no-such-thing-at-all": "off" } })).toEqual([
      "severity.relative-linkz: not a rule id; did you mean `relative-links`?",
      "severity.Style: not a rule id; did you mean `style`?",
      "severity.no-such-thing-at-all: not a rule id",
    ]);
  });

  it("accepts our rule ids, the style group and remark-lint's own rule ids", async () => {
    expect(await configError({ severity: { "relative-links": "warn", style: "off", "heading-increment": "error", "file-readable": "warn" } })).toBe("no error");
  });

  it("rejects a budget in budgets.docs for a file the bundle does not ship", async () => {
    const budget = { lines: 10, tokens: 100 };
    expect(
      await configError({ budgets: { docs: { "scripts/README.md": budget, "scripts/READM.md": budget } } }, { "scripts/README.md": "# Scripts\n" }),
    ).toEqual(["budgets.docs.scripts/READM.md: no such markdown file in the bundle; did you mean `scripts/README.md`?"]);
  });

  it("rejects budgets for references the skill does not have", async () => {
    const budget = { lines: 10, tokens: 100 };
    expect(
      await configError({ budgets: { references: { "references/guide.md": budget, "references/gide.md": budget } } }, { "references/guide.md": "# Guide\n" }),
    ).toEqual(["budgets.references.references/gide.md: no such reference in the skill; did you mean `references/guide.md`?"]);
  });
});

describe("external links over the network (opt-in)", () => {
  it("reports failing URLs only when asked, probing each URL once", async () => {
    const { skillDir } = await skill({
      "SKILL.md": `${DEFAULT_SKILL}\n[a](https://example.com/gone) [b](https://example.com/gone) [c](https://down.example.com/)\n`,
    });
    const probe = vi.fn(async (url: string) => (url.includes("down") ? "ECONNREFUSED" : 404));
    const off = await lintSkill({ skillDir, rules: ["external-links"], probeUrl: probe });
    expect(off.files.flatMap((file) => file.messages)).toEqual([]);
    expect(probe).not.toHaveBeenCalled();
    const on = await lintSkill({ skillDir, rules: ["external-links"], probeUrl: probe, checkExternalLinks: true });
    expect(on.files.flatMap((file) => file.messages.map((message) => message.reason))).toEqual([
      "Link `https://example.com/gone` answers HTTP 404",
      "Link `https://example.com/gone` answers HTTP 404",
      "Link `https://down.example.com/` could not be fetched: ECONNREFUSED",
    ]);
    expect(probe).toHaveBeenCalledTimes(2);
  });
});

describe("token counts", () => {
  it("are the same from the cache as from the tokenizer", async () => {
    const { root, skillDir } = await skill({ "references/a.md": "# A\n\nSome words to count, with punctuation.\n" });
    const cacheDir = path.join(root, "cache");
    const counts = async (dir: string | false) =>
      (await lintSkill({ skillDir, rules: ["budget"], cacheDir: dir })).stats.map((entry) => [entry.bundlePath, entry.lines, entry.tokens]);
    const uncached = await counts(false);
    expect(await counts(cacheDir)).toEqual(uncached);
    expect(await counts(cacheDir)).toEqual(uncached);
    expect(uncached.find(([bundlePath]) => bundlePath === "references/a.md")?.[2]).toBeGreaterThan(5);
  });
});

describe("TypeScript blocks", () => {
  it("are not type-checked again when their text and the versions did not change", async () => {
    const { root, skillDir } = await skill({ "SKILL.md": `${DEFAULT_SKILL}\n\`\`\`ts\nexport const n: number = "x";\n\`\`\`\n` });
    const cacheDir = path.join(root, "cache");
    const first = await lintSkill({ skillDir, rules: ["typescript-snippets"], cacheDir });
    const before = typescriptProgramsCreated();
    const second = await lintSkill({ skillDir, rules: ["typescript-snippets"], cacheDir });
    expect(typescriptProgramsCreated()).toBe(before);
    const reasons = (run: typeof first) => run.files.flatMap((file) => file.messages.map((message) => message.reason));
    expect(reasons(second)).toEqual(reasons(first));
    expect(reasons(second)).toEqual(["TS2322: Type 'string' is not assignable to type 'number'."]);
  });

  it("are checked by one ts.Program per run, whatever the number of files and blocks", async () => {
    const block = (value: string) => `\`\`\`ts\nexport const value: number = ${value};\n\`\`\`\n`;
    const { skillDir } = await skill({
      "SKILL.md": `${DEFAULT_SKILL}\n${block("1")}\n${block("'two'")}`,
      "references/a.md": `# A\n\n${block("3")}\n${block("'four'")}`,
    });
    const before = typescriptProgramsCreated();
    const result = await lintSkill({ skillDir, rules: ["typescript-snippets"], cacheDir: false });
    expect(typescriptProgramsCreated() - before).toBe(1);
    const messages = result.files.flatMap((file) => file.messages.map((message) => `${path.basename(file.path)}:${message.line}`));
    expect(messages).toEqual(["SKILL.md:13", "a.md:8"]);
  });
});

describe("description says when to use the skill", () => {
  it.each([
    "Designs AWS architectures. Use when the user asks how to build on AWS.",
    "Fills PDF forms. Use it if the user uploads a PDF form.",
    "Use for reviewing Terraform plans.",
    "Use this when a stack fails to deploy.",
    "Use this skill for cost estimates.",
    "Triggers on questions about IAM policies.",
    "Invoke when the user mentions CloudFormation.",
    "Activate for any AWS architecture review.",
    "Reviews CDK apps for security findings when asked for a review.",
    "Helps with AWS, for example for serverless designs whenever latency matters.",
    "Useful for sizing DynamoDB tables.",
    "Good for reviewing IAM policies.",
    "Triggers: deploy, stack, CloudFormation.",
    "Use cases: sizing, pricing and reviewing AWS designs.",
    "Fills PDF forms if the user uploads one.",
  ])("accepts %j", (description) => {
    expect(saysWhenToUse(description)).toBe(true);
  });

  it.each(["Helps with AWS.", "Designs AWS architectures and reviews infrastructure code.", "A collection of AWS patterns, users, and tools."])(
    "rejects %j",
    (description) => {
      expect(saysWhenToUse(description)).toBe(false);
    },
  );
});

describe("module graph", () => {
  it("has no import cycles among skill-lint's own modules", async () => {
    const srcDir = path.join(PACKAGE_DIR, "src");
    const files = (await readdir(srcDir, { recursive: true })).filter((name) => name.endsWith(".ts")).map((name) => path.join(srcDir, name));
    const imports = new Map<string, string[]>();
    for (const file of files) {
      const text = await readFile(file, "utf8");
      const targets = [...text.matchAll(/^(?:import|export)[^;]*?from\s+"(\.{1,2}\/[^"]+)\.js"/gm)].map((match) => path.resolve(path.dirname(file), `${match[1]}.ts`));
      imports.set(file, targets);
    }
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((entry) => path.relative(srcDir, entry)).join(" → "));
        return;
      }
      state.set(file, "visiting");
      for (const target of imports.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

describe("every markdown file the bundle ships", () => {
  it("holds built scripts (run, never read) to no file size limit, and every other shipped file to maxFileBytes", async () => {
    const { root, skillDir } = await skill({ "scripts/bin/big.mjs": "x".repeat(300), "examples/big.txt": "x".repeat(300) });
    await writeFile(path.join(root, "skill-lint.config.json"), JSON.stringify({ maxFileBytes: 200 }));
    const result = await lintSkill({ skillDir, cacheDir: false, rules: ["file-readable"] });
    expect(result.files.filter((file) => file.messages.length > 0).map((file) => (file.data as { bundlePath: string }).bundlePath)).toEqual(["examples/big.txt"]);
  });

  it("lints example and script READMEs for links, anchors, code fences and budgets, not for the skill's own rules", async () => {
    const { skillDir } = await skill({
      "examples/cdk/api/README.md": "# API\n\nNo frontmatter, $0.0123 per request.\n\n```\nnpm test\n```\n\n[gone](#nope) [tf](../../../packages/x.md)\n",
      "scripts/README.md": "# Scripts\n\n```yaml\na: [\n```\n",
    });
    const result = await lintSkill({ skillDir, cacheDir: false, today: "2026-11-26" });
    const messages = result.files.flatMap((file) =>
      file.messages.map((message) => `${(file.data as { bundlePath: string }).bundlePath}:${message.line} ${message.ruleId}`),
    );
    expect(messages.filter((message) => !message.startsWith("SKILL.md"))).toEqual([
      "examples/cdk/api/README.md:5 fenced-code-flag",
      "examples/cdk/api/README.md:9 relative-links",
      "examples/cdk/api/README.md:9 relative-links",
      "scripts/README.md:4 data-snippets",
    ]);
    expect(result.stats.map((entry) => [entry.bundlePath, entry.budgetLines])).toEqual([
      ["examples/cdk/api/README.md", 400],
      ["scripts/README.md", 400],
      ["SKILL.md", 500],
    ]);
  });
});
