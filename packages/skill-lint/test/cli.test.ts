/**
 * The CLI on real folders, including the bad inputs the issue lists. Most cases run its main() in
 * process (see cli-run.ts); the spawned ones are what only the built bin shows: exit codes 0 (--help),
 * 1 (a lint with errors) and 2 (a usage error) through the process, stdout and stderr wiring, and a
 * run without root's file access.
 */
import { execFile } from "node:child_process";
import { chmod, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { cli, spawnCli } from "./cli-run.js";
import { DEFAULT_SKILL, tempSkill, writeTree } from "./harness.js";

const run = promisify(execFile);
/** A hang (a FIFO read, say) fails the case, as the spawn's timeout did, instead of the run's 600 s. */
const CASE_TIMEOUT = 60_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function skill(files: Record<string, string>) {
  const temp = await tempSkill();
  cleanups.push(temp.cleanup);
  await writeTree(temp.skillDir, { "SKILL.md": DEFAULT_SKILL, ...files });
  return temp;
}

const noStackTrace = (output: string) => expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);

describe("skill-lint CLI", { timeout: CASE_TIMEOUT }, () => {
  it("exits 0 on a clean skill and prints the budget table", async () => {
    const { root } = await skill({ "SKILL.md": `${DEFAULT_SKILL}\n- [Guide](references/guide.md)\n`, "references/guide.md": "# Guide\n\nText.\n" });
    const result = await cli(["aws-patterns"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/SKILL\.md \(body\)\s+\d+ \/ 500\s+\d+ \/ 5000/);
    expect(result.stdout).toMatch(/references\/guide\.md\s+3 \/ 400/);
    expect(result.stdout).toContain("whole bundle (markdown)");
  });

  // Through the bin: the whole run (rules loaded, report on stdout, exit code), and nothing on
  // stderr (no warning from Node or a dependency).
  it("prints file:line:col  severity  message  rule-id and exits 1 on errors", async () => {
    const { root } = await skill({ "SKILL.md": `${DEFAULT_SKILL}\n[gone](references/gone.md)\n` });
    const result = await spawnCli(["aws-patterns"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("aws-patterns/SKILL.md:8:1  error  Link to missing file `references/gone.md`  relative-links");
  });

  it("--format json reports files, budgets and a summary", async () => {
    const { root } = await skill({ "SKILL.md": `${DEFAULT_SKILL}\n[gone](references/gone.md)\n` });
    const result = await cli(["aws-patterns", "--format", "json"], root);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { summary: { errors: number }; messages: Record<string, unknown>[]; budgets: { total: { lines: number } } };
    expect(report.summary.errors).toBe(1);
    expect(report.messages).toEqual([
      {
        file: "aws-patterns/SKILL.md",
        bundlePath: "SKILL.md",
        line: 8,
        column: 1,
        endLine: 8,
        endColumn: 27,
        severity: "error",
        message: "Link to missing file `references/gone.md`",
        ruleId: "relative-links",
        source: "skill-lint",
      },
    ]);
    expect(report.budgets.total.lines).toBeGreaterThan(0);
  });

  it.each([
    [["--nope"], /Unknown option '--nope'/],
    [["a", "b"], /expected one skill folder, got 2/],
    [["--format", "xml", "aws-patterns"], /--format must be text or json/],
    [["does-not-exist"], /does-not-exist: no such folder/],
  ])("usage error %j exits 2", async (args, message) => {
    const { root } = await skill({});
    const result = await cli(args, root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  // The bin's own start: a usage error exits 2 on stderr before any rule loads; --help exits 0.
  it("a usage error through the bin exits 2 with the message and usage on stderr", async () => {
    const { root } = await skill({});
    const result = await spawnCli(["--nope"], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^skill-lint: Unknown option '--nope'.*\n\nUsage: skill-lint /s);
    noStackTrace(result.stderr);
  });

  it("--help through the bin prints the usage on stdout and exits 0", async () => {
    const { root } = await skill({});
    const result = await spawnCli(["--help"], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage: skill-lint \[skill-dir\]/);
    expect(result.stdout).toContain("Exit 0 when clean, 1 on any error, 2 on a usage or config error.");
  });

  it("an invalid config is a usage error naming the key", async () => {
    const { root } = await skill({});
    await writeFile(path.join(root, "skill-lint.config.json"), JSON.stringify({ budgets: { skillBody: { lines: -1, tokens: 10 } }, extra: 1 }));
    const result = await cli(["aws-patterns"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("budgets.skillBody.lines");
    expect(result.stderr).toContain("Unrecognized key");
  });

  it("a severity key that is not a rule id is a config error naming the key (exit 2)", async () => {
    const { root } = await skill({});
    await writeFile(path.join(root, "skill-lint.config.json"), JSON.stringify({ severity: { "relative-linkz": "off" } }));
    const result = await cli(["aws-patterns"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("severity.relative-linkz: not a rule id; did you mean `relative-links`?");
    noStackTrace(result.stderr);
  });

  it("--fix rewrites a drifted embedded block atomically, then lints clean", async () => {
    const source = "const a = 1;\n// #region table\nexport const table = {\n  name: \"jobs\",\n};\n// #endregion table\n";
    const doc = `${DEFAULT_SKILL}\n<!-- embed: examples/demo/stack.ts#table -->\n\n\`\`\`ts\nexport const table = {};\n\`\`\`\n`;
    const { root, skillDir } = await skill({ "SKILL.md": doc, "examples/demo/stack.ts": source });
    const before = await cli(["aws-patterns"], root);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain("Code block drifted from `examples/demo/stack.ts#table`; run `skill-lint --fix`  embedded-code");
    const fixed = await cli(["aws-patterns", "--fix"], root);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain("Fixed embedded code in: aws-patterns/SKILL.md");
    expect(await readFile(path.join(skillDir, "SKILL.md"), "utf8")).toContain('```ts\nexport const table = {\n  name: "jobs",\n};\n```\n');
    // Nothing but the skill's own files: no temp file left beside SKILL.md.
    expect((await readdir(skillDir)).sort()).toEqual(["SKILL.md", "examples"]);
    expect((await cli(["aws-patterns"], root)).code).toBe(0);
  });

  it("reports a missing SKILL.md as a diagnostic", async () => {
    const temp = await tempSkill();
    cleanups.push(temp.cleanup);
    const result = await cli(["aws-patterns"], temp.root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("No SKILL.md in");
  });
});

describe("bad input is a diagnostic, never a crash", { timeout: CASE_TIMEOUT }, () => {
  const cases: [string, (dir: string, root: string) => Promise<void>, string][] = [
    ["unparsable YAML", (dir) => writeFile(path.join(dir, "SKILL.md"), "---\nname: [\n---\n# X\n"), "Frontmatter is not valid YAML"],
    ["CRLF and BOM", (dir) => writeFile(path.join(dir, "SKILL.md"), `\ufeff${DEFAULT_SKILL.replace(/\n/g, "\r\n")}`), "byte order mark"],
    ["an empty file", (dir) => writeFile(path.join(dir, "SKILL.md"), ""), "File is empty"],
    ["a binary file", (dir) => writeFile(path.join(dir, "SKILL.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])), "File is binary"],
    ["an oversized file", (dir) => writeFile(path.join(dir, "SKILL.md"), `${DEFAULT_SKILL}${"x".repeat(1024 * 1024)}\n`), "the limit is 1048576"],
    ["a symlink outside the skill", async (dir, root) => {
      await writeFile(path.join(root, "secret.md"), "# Secret\n");
      await mkdir(path.join(dir, "references"), { recursive: true });
      await symlink(path.join(root, "secret.md"), path.join(dir, "references", "secret.md"));
    }, "Symbolic link points outside the skill"],
    ["a FIFO where a file should be (must not block)", async (dir) => {
      await mkdir(path.join(dir, "references"), { recursive: true });
      await run("mkfifo", [path.join(dir, "references", "pipe.md")], { timeout: 10_000 });
    }, "Not a regular file"],
  ];
  it.each(cases)("%s", async (_, arrange, message) => {
    const { root, skillDir } = await skill({});
    await arrange(skillDir, root);
    const result = await cli(["aws-patterns"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(message);
    noStackTrace(result.stdout + result.stderr);
  });

  // Root reads any file whatever its mode, so as root (CI) the CLI runs without the capabilities
  // that override file permissions (setpriv drops them): still root, so it reads the repository
  // wherever it was cloned (a private /root included), but a mode-000 file is closed to it.
  it("an unreadable file", async () => {
    const { root, skillDir } = await skill({ "SKILL.md": `${DEFAULT_SKILL}\n- [Locked](references/locked.md)\n`, "references/locked.md": "# Locked\n" });
    await chmod(path.join(skillDir, "references", "locked.md"), 0o000);
    const asRoot = process.getuid?.() === 0;
    const dropOverrides = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search"];
    const result = await spawnCli(["aws-patterns", "--no-cache"], root, asRoot ? dropOverrides : []);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("aws-patterns/references/locked.md:1:1  error  Cannot read file (EACCES); check its permissions  file-readable");
    noStackTrace(result.stdout + result.stderr);
    expect(result.stderr).toBe("");
  });
});

describe("repository layout", { timeout: CASE_TIMEOUT }, () => {
  it("maps bundle paths through the layout table and reads the root config", async () => {
    const temp = await tempSkill();
    cleanups.push(temp.cleanup);
    const root = temp.root;
    await writeTree(root, {
      "pnpm-workspace.yaml": "packages: [skill]\n",
      "skill-lint.config.json": JSON.stringify({ skillName: "aws-patterns" }),
      "skill/package.json": "{}\n",
      "skill/SKILL.md": `${DEFAULT_SKILL}\n- [Demo](examples/demo/README.md#deploy)\n- [Output](examples/demo/cdk.out/x.json)\n- [Data](data/prices.json)\n`,
      "skill/data/prices.json": "{}\n",
      "examples/demo/README.md": "# Demo\n\n## Deploy\n",
      "examples/demo/cdk.out/x.json": "{}\n",
    });
    const result = await cli(["skill"], root);
    expect(result.stdout).not.toMatch(/Link to `examples\/demo\/README|README\.md:\d+/);
    // The example's README ships, so it is read too, in the repository layout as in the bundle.
    expect(result.stdout).toMatch(/examples\/demo\/README\.md +3 \/ 400/);
    expect(result.stdout).toContain("Link to `examples/demo/cdk.out/x.json`, which is not in the bundle");
    expect(result.stdout).toContain("Link to `data/prices.json`, which is not in the bundle");
    expect(result.stdout).not.toContain("frontmatter");
    expect(result.code).toBe(1);
  });
});
