// Differential test of the formatter: a corpus (every .tf and .tf.json of the examples and the
// fixtures, and variants of the tricky syntax in fmt-corpus.ts) is formatted twice, by iac-check's
// own --fix path and by the real `terraform fmt`, and every file must come out byte for byte the
// same. A formatter that can rewrite a user's file must be proven against the real one. Runs
// wherever a `terraform` binary is on PATH (this project's machines have one); elsewhere it says
// it was skipped and why.
import { spawnSync } from "node:child_process";
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkFormat } from "../../src/terraform/check-format.js";
import { tokenizeHcl } from "../../src/terraform/hcl-tokens.js";
import { loadModule } from "../../src/terraform/load-module.js";
import { formatLikeTerraform, terraformFmtRewrites } from "../../src/terraform/terraform-fmt.js";
import { TRICKY_SNIPPETS } from "./fmt-corpus.js";

const packageDir = join(import.meta.dirname, "..", "..");
const repoDir = join(packageDir, "..", "..");

function terraformOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, "terraform"), constants.X_OK);
      return join(dir, "terraform");
    } catch {
      /* not here */
    }
  }
  return undefined;
}

function terraformFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...terraformFilesUnder(path));
    else if (/\.tf(\.json)?$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/** Name -> content; the name keeps the extension, which decides how each tool treats the file. */
function corpus(): Map<string, Buffer | string> {
  const files = new Map<string, Buffer | string>();
  const add = (name: string, content: Buffer | string): void => {
    files.set(`${String(files.size).padStart(3, "0")}-${name.replace(/[^A-Za-z0-9.-]+/g, "_")}`, content);
  };
  for (const base of [join(repoDir, "examples", "terraform"), join(packageDir, "fixtures", "terraform")]) {
    for (const path of terraformFilesUnder(base)) {
      add(relative(repoDir, path), readFileSync(path));
      if (path.endsWith(".tf")) variants(relative(repoDir, path), readFileSync(path, "utf8"), false);
    }
  }
  for (const [name, text] of Object.entries(TRICKY_SNIPPETS)) {
    add(`${name}.tf`, text);
    variants(name, text, true);
  }
  function variants(name: string, text: string, all: boolean): void {
    add(`${name}-deindented.tf`, text.replace(/^[ \t]+/gm, ""));
    add(`${name}-spaced.tf`, text.replace(/ = /g, "   =  ").replace(/, /g, " ,  ").replace(/\{\n/g, "{   \n"));
    if (!all) return;
    add(`${name}-commented.tf`, insertAtTokens(text, 3, " /* c */ "));
    add(`${name}-commented-2.tf`, insertAtTokens(text, 5, "/*x*/"));
    add(`${name}-broken-lines.tf`, breakAfterOpeners(text));
    add(`${name}-line-comments.tf`, insertAtTokens(text, 4, " # c\n"));
    add(`${name}-bom.tf`, `\ufeff${text}`);
    add(`${name}-crlf.tf`, text.replace(/\n/g, "\r\n"));
    add(`${name}-no-final-newline.tf`, text.replace(/\n+$/, ""));
  }
  // .tf.json: terraform fmt leaves JSON configuration alone, and so must iac-check.
  add("unformatted.tf.json", '{"resource":{"aws_sqs_queue":{"q":{"name":"${var.name}"}}},\n"variable":{"name":{}}}');
  return files;
}

/** `insert` before every `every`-th token outside strings and heredocs: comments and line breaks in odd places. */
function insertAtTokens(text: string, every: number, insert: string): string {
  const starts = tokenizeHcl(text)
    .filter((t) => t.kind !== "templateText" && t.kind !== "heredocClose" && t.kind !== "comment")
    .map((t) => t.start)
    .filter((_, k) => k % every === every - 1);
  let out = text;
  for (const at of starts.reverse()) out = out.slice(0, at) + insert + out.slice(at);
  return out;
}

/** A line break after every `(`, `[` and `,` of an expression, where HCL allows one. */
function breakAfterOpeners(text: string): string {
  const ends = tokenizeHcl(text)
    .filter((t) => t.kind === "punct" && (t.text === "(" || t.text === "[" || t.text === ","))
    .map((t) => t.end);
  let out = text;
  for (const at of ends.reverse()) out = out.slice(0, at) + "\n" + out.slice(at);
  return out;
}

const terraform = terraformOnPath();
const title = terraform ? `iac-check's formatter agrees with ${terraform} fmt` : "iac-check's formatter agrees with terraform fmt (SKIPPED: no terraform binary on PATH to compare with)";

describe.skipIf(!terraform)(title, () => {
  const work = mkdtempSync(join(tmpdir(), "iac-check-fmt-diff-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("formats every file of the corpus byte for byte as terraform fmt does", async () => {
    const files = corpus();
    const ours = join(work, "ours");
    const theirs = join(work, "theirs");
    mkdirSync(ours);
    mkdirSync(theirs);
    for (const [name, content] of files) {
      writeFileSync(join(ours, name), content);
      copyFileSync(join(ours, name), join(theirs, name));
    }
    // iac-check --fix, through the same calls check-module.ts makes.
    const loaded = await loadModule(ours);
    await checkFormat(loaded.files.filter((f) => f.parsed), true);
    // terraform fmt refuses files it cannot parse (and leaves them), so its exit code is not the point.
    const emptyConfig = join(work, "terraformrc");
    writeFileSync(emptyConfig, "");
    const run = spawnSync(terraform!, ["fmt", "-no-color", "-list=false", "."], { cwd: theirs, encoding: "utf8", timeout: 120_000, env: { ...process.env, TF_CLI_CONFIG_FILE: emptyConfig, CHECKPOINT_DISABLE: "1" } });
    expect(run.error, "terraform fmt ran").toBeUndefined();

    const differences: string[] = [];
    const refused = new Set(loaded.files.filter((f) => !f.file.isJson && f.parsed).map((f) => f.file).filter((f) => terraformFmtRewrites(f.text).droppedLabels.length).map((f) => basename(f.path)));
    for (const name of files.keys()) {
      const oursText = readFileSync(join(ours, name), "utf8");
      const theirsText = readFileSync(join(theirs, name), "utf8");
      const input = files.get(name)!.toString();
      // The formatter itself, on every file the parser accepts, must equal terraform fmt...
      const parsed = loaded.files.find((f) => basename(f.file.path) === name);
      if (parsed?.parsed && !name.endsWith(".json")) {
        const formatted = (await formatLikeTerraform(input)).text;
        if (formatted !== theirsText) differences.push(`${name} (formatter):\n--- iac-check\n${formatted}\n--- terraform fmt\n${theirsText}`);
      }
      // ...and so must --fix, except where terraform fmt would delete a label: there it refuses.
      if (refused.has(name)) {
        if (oursText !== input) differences.push(`${name}: --fix rewrote a file whose labels terraform fmt would delete`);
      } else if (oursText !== theirsText) {
        differences.push(`${name} (--fix):\n--- iac-check\n${oursText}\n--- terraform fmt\n${theirsText}`);
      }
    }
    expect(differences.join("\n\n"), `${differences.length} of ${files.size} files differ`).toBe("");
    expect(refused.size, "the corpus has labels terraform fmt deletes").toBeGreaterThan(0);
    expect(files.size).toBeGreaterThan(600);
  });
});
