/**
 * Shared by the tests: reads the `@example` blocks of every rule's doc comment and the fixture
 * folders, materialises each case as a skill folder and lints it with only that rule.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile, rename, symlink } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lintSkill } from "../src/lint.js";
import { STYLE_GROUP } from "../src/rules/index.js";

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const RULES_DIR = path.join(PACKAGE_DIR, "src", "rules");
export const FIXTURES_DIR = path.join(PACKAGE_DIR, "fixtures");

/** The day every example and fixture is linted on, so records' ages (skill/data) are fixed. */
export const TEST_TODAY = "2026-11-26";

export const DEFAULT_SKILL = "---\nname: aws-patterns\ndescription: A test skill. Use when testing skill-lint.\n---\n\n# Test skill\n";

export interface DocExample {
  name: string;
  file: string;
  input: string;
  files: Record<string, string>;
  config: unknown;
  expected: string[];
}

interface ExampleHeader {
  name: string;
  /** `file`: the block is an extra file of the example's skill folder, at `file`. */
  label?: "input" | "output" | "file";
  file?: string;
  raw?: string;
  files?: Record<string, string>;
  config?: unknown;
}

/** The first doc comment of a rule module, without the ` * ` gutter. */
export function docComment(source: string): string {
  const match = /\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!match) throw new Error("rule module has no doc comment");
  return match[1]!
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n");
}

/** Parses `@example` blocks: a JSON header line, then one fenced block (any fence length). */
export function parseExamples(comment: string): DocExample[] {
  const byName = new Map<string, DocExample>();
  for (const chunk of comment.split("@example").slice(1)) {
    const lines = chunk.split("\n").map((line) => line.replace(/^ {2}/, ""));
    const headerLine = lines.find((line) => line.trim().startsWith("{"));
    if (!headerLine) throw new Error(`@example without a JSON header: ${chunk.slice(0, 80)}`);
    const header = JSON.parse(headerLine) as ExampleHeader;
    const fenceIndex = lines.findIndex((line) => /^(`{3,})/.test(line));
    const fence = /^(`{3,})/.exec(lines[fenceIndex] ?? "")?.[1];
    if (!fence) throw new Error(`@example ${header.name} has no fenced block`);
    const end = lines.findIndex((line, index) => index > fenceIndex && line.trimEnd() === fence);
    const body = lines.slice(fenceIndex + 1, end).join("\n");
    const example = byName.get(header.name) ?? { name: header.name, file: "", input: "", files: {}, config: undefined, expected: [] };
    if (header.label === "output") {
      example.expected = body.split("\n").filter((line) => line.trim() !== "");
    } else if (header.label === "file") {
      if (!header.file) throw new Error(`@example ${header.name}: a "file" block needs "file"`);
      example.files[header.file] = `${body}\n`;
    } else {
      example.file = header.file ?? "SKILL.md";
      example.input = header.raw ?? `${body}\n`;
      example.files = { ...example.files, ...header.files };
      example.config = header.config;
    }
    byName.set(header.name, example);
  }
  return [...byName.values()];
}

export async function ruleModules(): Promise<string[]> {
  return (await readdir(RULES_DIR)).filter((name) => name.endsWith(".ts") && name !== "index.ts").map((name) => name.slice(0, -3));
}

export async function ruleExamples(rule: string): Promise<DocExample[]> {
  return parseExamples(docComment(await readFile(path.join(RULES_DIR, `${rule}.ts`), "utf8")));
}

/** A fresh `<tmp>/aws-patterns/` folder (the folder name is the skill's name). */
export async function tempSkill(): Promise<{ root: string; skillDir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), "skill-lint-"));
  const skillDir = path.join(root, "aws-patterns");
  await mkdir(skillDir);
  return { root, skillDir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, ...name.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** `line:col-line:col: reason` (or `line:col: reason` for a point), as the docs write them. */
export function formatMessage(message: { place?: unknown; line?: number | undefined; column?: number | undefined; reason: string }): string {
  const place = message.place as { start?: { line: number; column: number }; end?: { line: number; column: number } } | undefined;
  if (place?.start && place.end) return `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column}: ${message.reason}`;
  return `${message.line ?? 1}:${message.column ?? 1}: ${message.reason}`;
}

/**
 * What a fixture pins: our rules' exact messages, but for remark-lint's own rules the rule id
 * (the wording, typos included, is remark-lint's and may change with it; which rule fires where
 * is what the style config promises).
 */
export function fixtureReason(message: { ruleId?: string | undefined; source?: string | undefined; reason: string }): string {
  return message.source === "remark-lint" ? `remark-lint:${message.ruleId}` : message.reason;
}

export function belongsTo(rule: string, message: { ruleId?: string | undefined; source?: string | undefined }): boolean {
  return rule === STYLE_GROUP ? message.source === "remark-lint" : message.ruleId === rule;
}

export async function runDocExample(rule: string, example: DocExample): Promise<string[]> {
  const { root, skillDir, cleanup } = await tempSkill();
  try {
    const files: Record<string, string> = { ...example.files, [example.file]: example.input };
    if (!("SKILL.md" in files)) files["SKILL.md"] = DEFAULT_SKILL;
    await writeTree(skillDir, files);
    if (example.config !== undefined) await writeFile(path.join(root, "skill-lint.config.json"), JSON.stringify(example.config));
    const result = await lintSkill({ skillDir, rules: [rule], today: TEST_TODAY });
    const target = result.files.find((file) => (file.data as { bundlePath?: string }).bundlePath === example.file);
    return (target?.messages ?? []).filter((message) => belongsTo(rule, message)).map(formatMessage);
  } finally {
    await cleanup();
  }
}

export interface FixtureCase {
  rule: string;
  name: string;
  dir: string;
  kind: "ok" | "not-ok";
}

export async function fixtureCases(): Promise<FixtureCase[]> {
  if (!existsSync(FIXTURES_DIR)) return [];
  const cases: FixtureCase[] = [];
  for (const rule of (await readdir(FIXTURES_DIR)).sort()) {
    for (const name of (await readdir(path.join(FIXTURES_DIR, rule))).sort()) {
      cases.push({ rule, name, dir: path.join(FIXTURES_DIR, rule, name), kind: name.startsWith("not-ok") ? "not-ok" : "ok" });
    }
  }
  return cases;
}

/**
 * Copies a fixture to `<tmp>/aws-patterns/` (symbolic links kept as they are); its
 * `skill-lint.config.json` goes beside that folder, and `expected.txt` lists
 * `bundle-path:line:col: reason` lines.
 */
export async function runFixture(fixture: FixtureCase): Promise<{ actual: string[]; expected: string[] }> {
  const { root, skillDir, cleanup } = await tempSkill();
  try {
    await cp(fixture.dir, skillDir, { recursive: true, verbatimSymlinks: true });
    // Symbolic link loops cannot live in the repository (turbo's input hashing stops at them), so
    // a fixture lists them in symlinks.json ({"link": "target"}) and they are made in the copy.
    const symlinksFile = path.join(skillDir, "symlinks.json");
    if (existsSync(symlinksFile)) {
      const links = JSON.parse(await readFile(symlinksFile, "utf8")) as Record<string, string>;
      await rm(symlinksFile);
      for (const [link, target] of Object.entries(links)) await symlink(target, path.join(skillDir, link));
    }
    const config = path.join(skillDir, "skill-lint.config.json");
    if (existsSync(config)) await rename(config, path.join(root, "skill-lint.config.json"));
    const expectedFile = path.join(skillDir, "expected.txt");
    const expected = existsSync(expectedFile)
      ? (await readFile(expectedFile, "utf8")).split("\n").filter((line) => line.trim() !== "")
      : [];
    await rm(expectedFile, { force: true });
    const result = await lintSkill({ skillDir, rules: [fixture.rule], today: TEST_TODAY });
    const actual = result.files.flatMap((file) =>
      file.messages
        .filter((message) => belongsTo(fixture.rule, message))
        .map((message) => `${(file.data as { bundlePath?: string }).bundlePath}:${message.line ?? 1}:${message.column ?? 1}: ${fixtureReason(message)}`),
    );
    return { actual, expected };
  } finally {
    await cleanup();
  }
}
