/**
 * Checks the bytes of each markdown file: no byte order mark, LF line endings only, and not
 * empty. A BOM or CRLF shifts what agents and diff tools see; an empty file ships nothing.
 *
 * @example
 *   {"name": "ok", "file": "references/plain.md"}
 *
 *   ```markdown
 *   # Plain
 *   ```
 *
 * @example
 *   {"name": "not-ok", "file": "references/crlf.md", "label": "input", "raw": "\ufeff# Title\r\n\r\nText\r\n"}
 *
 *   ```markdown
 *   (the input is the `raw` text above: a BOM and CRLF line endings)
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   1:1: File starts with a byte order mark; save it as UTF-8 without BOM
 *   1:9: File has 3 CRLF line endings; use LF (\n) only
 *   ```
 *
 * @example
 *   {"name": "empty", "file": "references/empty.md", "label": "input", "raw": " \n"}
 *
 *   ```markdown
 *   (the input is the `raw` text above: only whitespace)
 *   ```
 *
 * @example
 *   {"name": "empty", "label": "output"}
 *
 *   ```text
 *   1:1: File is empty; write its content or delete it
 *   ```
 */
import { lintRule } from "unified-lint-rule";
import type { Root } from "mdast";
import type { LintContext } from "../context.js";

const remarkLintFileFormat = lintRule<Root, LintContext>(
  "skill-lint:file-format",
  (_tree, file) => {
    const text = String(file.value);
    if (text.startsWith("\ufeff")) {
      file.message("File starts with a byte order mark; save it as UTF-8 without BOM", { place: { line: 1, column: 1 } });
    }
    const crlf = text.match(/\r\n/g)?.length ?? 0;
    if (crlf > 0) {
      const first = text.indexOf("\r\n");
      const before = text.slice(0, first).split("\n");
      file.message(`File has ${crlf} CRLF line ending${crlf === 1 ? "" : "s"}; use LF (\\n) only`, {
        place: { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 },
      });
    }
    if (text.replace(/^\ufeff/, "").trim() === "") {
      file.message("File is empty; write its content or delete it", { place: { line: 1, column: 1 } });
    }
  },
);

export default remarkLintFileFormat;
