// Bad input gives clear messages, never an exception: garbled HCL, other encodings, empty
// folders, JSON in a .tf file, and a fuzz test over mangled HCL.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { checkTerraformModule, terraform } from "../../src/terraform/index.js";
import { decodeTerraformSource, parseHclFile } from "../../src/terraform/parse-hcl.js";
import { parseTfJsonFile } from "../../src/terraform/parse-tf-json.js";

const options = { fix: false, timeoutMs: 60_000, runCli: false };
const example = readFileSync(join(import.meta.dirname, "..", "..", "..", "..", "examples", "terraform", "serverless-api", "main.tf"), "utf8");
const work = mkdtempSync(join(tmpdir(), "iac-check-tf-bad-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function moduleWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(work, "m-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe("bad input", () => {
  it("an empty folder is one clear error, and the module does not claim it", async () => {
    const dir = moduleWith({});
    expect(terraform.claims(dir)).toBe(false);
    const report = await checkTerraformModule(dir, options);
    expect(report.diagnostics).toEqual([expect.objectContaining({ rule: "tf/no-files", severity: "error", message: expect.stringContaining("No .tf or .tf.json files") })]);
  });

  it("claims folders with .tf or .tf.json files and those files", () => {
    expect(terraform.claims(moduleWith({ "main.tf.json": "{}" }))).toBe(true);
    expect(terraform.claims(moduleWith({ "main.tf": "" }))).toBe(true);
    expect(terraform.claims(moduleWith({ "main.yaml": "" }))).toBe(false);
  });

  it("garbled HCL: the parser's message with file:line:col, and the other checks wait", async () => {
    const dir = moduleWith({ "main.tf": 'resource "aws_sqs_queue" "q" {\n  name = "a"\n  tags = { a = }\n}\n', "other.tf": 'variable "x" {\n  type = string\n}\n' });
    const report = await checkTerraformModule(dir, options);
    const errors = report.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: "tf/syntax", line: 3 });
    expect(errors[0]!.file.endsWith("main.tf")).toBe(true);
    expect(report.details.skipped).toMatch(/skipped until the files parse/);
  });

  it("UTF-16 and Latin-1 files are named as such", () => {
    const utf16 = decodeTerraformSource(Buffer.from("\ufeffvariable", "utf16le"), "a.tf");
    expect("diagnostic" in utf16 && utf16.diagnostic.message).toMatch(/UTF-16/);
    const latin1 = decodeTerraformSource(Buffer.from('x = "caf\xe9"\n', "latin1"), "a.tf");
    expect("diagnostic" in latin1 && latin1.diagnostic).toMatchObject({ line: 1, message: expect.stringMatching(/not valid UTF-8/) });
    const bom = decodeTerraformSource(Buffer.from("\ufeffx = 1\n", "utf8"), "a.tf");
    expect("text" in bom).toBe(true);
  });

  it("a .tf.json file that is not JSON, or not an object, is a syntax error with a position", () => {
    expect(parseTfJsonFile("a.tf.json", '{\n  "resource": {\n    "x": \n}').diagnostics[0]).toMatchObject({ rule: "tf/syntax", line: 4 });
    expect(parseTfJsonFile("a.tf.json", "[1, 2]").diagnostics[0]).toMatchObject({ rule: "tf/syntax", message: expect.stringContaining("one JSON object") });
    expect(parseTfJsonFile("a.tf.json", '{"resources": {}}').diagnostics[0]!.message).toContain('Unknown top-level key "resources"');
  });

  it("fuzz: mangled HCL never throws out of the parser or the checks", async () => {
    const mangle = fc.record({
      cut: fc.nat(),
      length: fc.nat({ max: 40 }),
      insert: fc.string({ unit: fc.constantFrom(..."{}[]()\"'$%=#/*<>\\\n -.,:?!aZ0ÿ€\u0000"), maxLength: 12 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(mangle, { minLength: 1, maxLength: 4 }), async (edits) => {
        let text = example;
        for (const e of edits) {
          const at = e.cut % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.length);
        }
        const parsed = await parseHclFile("fuzz.tf", text);
        for (const d of parsed.diagnostics) expect(d.line).toBeGreaterThan(0);
        const report = await checkTerraformModule(moduleWith({ "main.tf": text }), options);
        expect(report.diagnostics.filter((d) => d.rule === "tf/internal")).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("fuzz: mangled .tf.json never throws", () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        expect(() => parseTfJsonFile("f.tf.json", json)).not.toThrow();
        expect(() => parseTfJsonFile("f.tf.json", `{"resource": ${json}}`)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
