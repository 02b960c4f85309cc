import { describe, expect, it } from "vitest";
import { EXIT, UsageError, formatJson, markdownTable, oneOf, parseCommandLine, runMain, type Io } from "../src/shared/index.js";

const spec = {
  name: "demo",
  help: "Usage: demo <path>",
  options: { json: { type: "boolean" }, severity: { type: "string" } },
  positionals: { min: 1, max: 1, name: "path" },
} as const;

function capture(): Io & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe("parseCommandLine", () => {
  it("returns options and positionals", () => {
    const parsed = parseCommandLine(["--json", "--severity", "warning", "x"], spec);
    expect(parsed).toEqual({ help: false, values: { json: true, severity: "warning" }, positionals: ["x"] });
  });
  it("--help wins over other mistakes", () => {
    expect(parseCommandLine(["--nope", "-h"], spec)).toEqual({ help: true });
  });
  it("an unknown option is a UsageError with the option named and no advice about --", () => {
    expect(() => parseCommandLine(["--nope", "x"], spec)).toThrow(new UsageError("demo: Unknown option '--nope'", "Run `demo --help` for the options."));
  });
  it("counts positionals", () => {
    expect(() => parseCommandLine([], spec)).toThrow("demo: missing <path>");
    expect(() => parseCommandLine(["a", "b"], spec)).toThrow("demo: unexpected argument(s): b");
  });
});

describe("oneOf", () => {
  it("accepts a choice, falls back when absent, names the choices otherwise", () => {
    expect(oneOf("severity", "info", ["error", "info"], "error")).toBe("info");
    expect(oneOf("severity", undefined, ["error", "info"], "error")).toBe("error");
    expect(() => oneOf("severity", "loud", ["error", "info"], "error")).toThrow('--severity must be one of error, info (got "loud")');
  });
});

describe("runMain", () => {
  it("returns main's code", async () => {
    expect(await runMain("demo", async () => EXIT.findings, capture())).toBe(1);
  });
  it("prints a UsageError's message and hint, no stack, exit 2", async () => {
    const io = capture();
    const code = await runMain("demo", async () => { throw new UsageError("demo: no such file: x", "Pass a folder."); }, io);
    expect(code).toBe(2);
    expect(io.err).toBe("demo: no such file: x\nPass a folder.\n");
  });
  it("turns an unexpected error into exit 3 with a short message and no stack", async () => {
    const io = capture();
    const code = await runMain("demo", async () => { throw new TypeError("x is undefined"); }, io);
    expect(code).toBe(3);
    expect(io.err).toContain("demo: internal error (a bug in demo, not in your project): x is undefined\n");
    expect(io.err).not.toContain("    at ");
  });
});

describe("markdownTable", () => {
  it("pads, right-aligns numbers and escapes pipes and newlines", () => {
    const table = markdownTable(
      [
        { header: "Rule", cell: (r: { rule: string; n: number }) => r.rule },
        { header: "Count", cell: (r) => r.n, align: "right" },
      ],
      [{ rule: "a|b", n: 3 }, { rule: "two\nlines", n: 12 }],
    );
    expect(table).toBe(
      "| Rule         | Count |\n" +
        "| ------------ | ----: |\n" +
        "| a\\|b         |     3 |\n" +
        "| two<br>lines |    12 |\n",
    );
  });
  it("renders the header of an empty table", () => {
    expect(markdownTable([{ header: "A", cell: () => "" }], [])).toBe("| A   |\n| --- |\n");
  });
});

describe("formatJson", () => {
  it("indents and ends with a newline", () => {
    expect(formatJson({ a: 1 })).toBe('{\n  "a": 1\n}\n');
  });
});
