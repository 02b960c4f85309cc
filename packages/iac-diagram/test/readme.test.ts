// The README section: --write puts the diagram between markers (a new "## Diagram" section after
// "What it builds"), --check passes on it and fails once the code changes, with the command that
// regenerates it; bad input or broken markers never change the README.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { END, renderSection, START, withSection } from "../src/readme-section.js";
import { PACKAGE_DIR, run } from "./run.js";

const README = "# Example\n\nIntro.\n\n## What it builds\n\nA table.\n\n```sh\n## not a heading\n```\n\n## Deploy\n\nSteps.\n";
const TEMPLATE = "Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n  Reader:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment: { Variables: { TABLE: !Ref Table } }\n";

const temp = mkdtempSync(join(tmpdir(), "iac-diagram-readme-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let dir: string;
let count = 0;
beforeEach(() => {
  dir = join(temp, `case-${count++}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, "README.md"), README);
  writeFileSync(join(dir, "template.yaml"), TEMPLATE);
});

const SECTION = [
  "## Diagram",
  "",
  START,
  "```mermaid",
  "flowchart LR",
  '  Reader["Reader<br/>Lambda Function"]',
  '  Table["Table<br/>DynamoDB Table"]',
  "  Reader --> Table",
  "```",
  END,
  "",
].join("\n");

describe("--write and --check", () => {
  it("--write adds a Diagram section after What it builds; --check then passes", async () => {
    const written = await run(["--write", "."], dir);
    expect(written).toEqual({ code: 0, stdout: "", stderr: "iac-diagram: README.md: diagram written (2 nodes, 1 edges)\n" });
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe(README.replace("## Deploy", `${SECTION}\n## Deploy`));
    expect(await run(["--check", "."], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
    // Written twice, the README is the same (and not rewritten).
    expect((await run(["--fix", "."], dir)).stderr).toBe("iac-diagram: README.md: the diagram is up to date\n");
  });

  it("--check fails on a README without the section, naming the command", async () => {
    expect(await run(["--check", "."], dir)).toEqual({
      code: 1,
      stdout: "",
      stderr: "README.md:1:1  error  has no generated diagram (no <!-- diagram:start --> ... <!-- diagram:end --> section): regenerate it with `iac-diagram --write .`  iac-diagram/stale\n",
    });
  });

  it("--check fails once the code changes, at the section's line, naming the command with the same options", async () => {
    await run(["--write", "--fold", "services", "."], dir);
    writeFileSync(join(dir, "template.yaml"), TEMPLATE + "  Queue:\n    Type: AWS::SQS::Queue\n");
    expect(await run(["--check", "--fold", "services", "."], dir)).toEqual({
      code: 1,
      stdout: "",
      stderr: "README.md:15:1  error  has a diagram that differs from what the infrastructure code draws now (the code changed, or the section was edited by hand): regenerate it with `iac-diagram --write --fold services .`  iac-diagram/stale\n",
    });
  });

  it("a template that does not parse leaves a good README as it was", async () => {
    await run(["--write", "."], dir);
    const good = readFileSync(join(dir, "README.md"), "utf8");
    writeFileSync(join(dir, "template.yaml"), "Resources:\n  Table: [\n");
    const result = await run(["--write", "."], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^template\.yaml:\d+:\d+  error  not valid YAML or JSON: .*  cloudformation\/syntax\niac-diagram: cannot draw \.: fix the error above \(README\.md was left as it was\)\n$/);
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe(good);
  });

  it("an opening marker without its closing one is an error, and the README is left as it was", async () => {
    const broken = README.replace("## Deploy", `${START}\nold diagram\n\n## Deploy`);
    writeFileSync(join(dir, "README.md"), broken);
    const result = await run(["--write", "."], dir);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `README.md  error  line 13 opens the diagram section but no "${END}" line closes it: add the closing marker (or remove the opening one)  iac-diagram/markers\n` });
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe(broken);
  });

  it("a folder without README.md is an input error", async () => {
    rmSync(join(dir, "README.md"));
    const result = await run(["--check", "."], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("README.md  error  there is no README.md to check");
  });

  it("a workspace example is told the pnpm command too", async () => {
    copyFileSync(join(PACKAGE_DIR, "fixtures/template/network-app.yaml"), join(dir, "template.yaml"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@aws-patterns/example-x", devDependencies: { "@aws-patterns/iac-diagram": "workspace:*" } }));
    expect((await run(["--check", "."], dir)).stderr).toContain("regenerate it with `iac-diagram --write .` (from the repository root: pnpm --filter @aws-patterns/example-x exec iac-diagram --write .)");
  });

  it("usage: --write with --check, or with --format json, is refused", async () => {
    expect((await run(["--write", "--check", "."], dir)).code).toBe(2);
    expect((await run(["--write", "--format", "json", "."], dir)).stderr.split("\n")[0]).toBe("iac-diagram: a README holds the Mermaid diagram: drop --format json with --write or --check");
  });
});

describe("withSection", () => {
  it("replaces only what is between the markers", () => {
    const before = `# T\n\n## Diagram\n\n${START}\nold\n${END}\n\n## Cost\n\nMoney.\n`;
    expect(withSection(before, renderSection("flowchart LR\n", ["A note."]))).toBe(`# T\n\n## Diagram\n\n${START}\n\`\`\`mermaid\nflowchart LR\n\`\`\`\n\n_A note._\n${END}\n\n## Cost\n\nMoney.\n`);
  });
});
