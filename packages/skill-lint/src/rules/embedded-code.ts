/**
 * Checks that a fenced block after `<!-- embed: <bundle path>#<region> -->` is exactly the
 * region of that source file, so snippets in the docs cannot drift from the tested examples.
 * `skill-lint --fix` rewrites drifted blocks from their sources. The path is a bundle path from
 * the skill root (for instance `examples/cdk/serverless-api/lib/stack.ts`).
 *
 * @example
 *   {"name": "ok", "file": "SKILL.md", "files": {"examples/demo/main.tf": "terraform {}\n\n# region bucket\nresource \"aws_s3_bucket\" \"logs\" {\n  bucket_prefix = \"logs-\"\n}\n# endregion bucket\n"}}
 *
 *   ````markdown
 *   # Skill
 *
 *   <!-- embed: examples/demo/main.tf#bucket -->
 *
 *   ```hcl
 *   resource "aws_s3_bucket" "logs" {
 *     bucket_prefix = "logs-"
 *   }
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "file": "SKILL.md", "label": "input", "files": {"examples/demo/main.tf": "# region bucket\nresource \"aws_s3_bucket\" \"logs\" {}\n# endregion bucket\n"}}
 *
 *   ````markdown
 *   # Skill
 *
 *   <!-- embed: examples/demo/main.tf#bucket -->
 *
 *   ```hcl
 *   resource "aws_s3_bucket" "old" {}
 *   ```
 *
 *   <!-- embed: examples/demo/main.tf#missing -->
 *
 *   ```hcl
 *   x = 1
 *   ```
 *
 *   <!-- embed: examples/demo/gone.tf -->
 *
 *   ```hcl
 *   x = 1
 *   ```
 *
 *   <!-- embed: examples/demo/main.tf#bucket -->
 *
 *   <!-- embed examples/demo/main.tf -->
 *
 *   <!-- Embed: examples/demo/main.tf#bucket extra -->
 *
 *   <!-- embed: -->
 *
 *   <!-- embed: ../examples/demo/main.tf -->
 *
 *   ```hcl
 *   x = 1
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   5:1-7:4: Code block drifted from `examples/demo/main.tf#bucket`; run `skill-lint --fix`
 *   9:1-9:46: Cannot embed `examples/demo/main.tf#missing`: no `#region missing` marker
 *   15:1-15:38: Cannot embed `examples/demo/gone.tf`: no such file in the bundle
 *   21:1-21:45: Embed marker is not followed by a fenced code block
 *   23:1-23:37: Malformed embed marker `<!-- embed examples/demo/main.tf -->`; write `<!-- embed: <bundle path>#<region> -->` (`#<region>` optional)
 *   25:1-25:51: Malformed embed marker `<!-- Embed: examples/demo/main.tf#bucket extra -->`; write `<!-- embed: <bundle path>#<region> -->` (`#<region>` optional)
 *   27:1-27:16: Malformed embed marker `<!-- embed: -->`: no path; write `<!-- embed: <bundle path>#<region> -->` (`#<region>` optional)
 *   29:1-29:41: Cannot embed `../examples/demo/main.tf`: write the path from the skill root, as in the bundle (`examples/…`)
 *   ```
 *
 * @example
 *   {"name": "cannot-fix", "file": "SKILL.md", "label": "input", "files": {"examples/demo/a.txt": "new\n", "examples/demo/bin.dat": "a\u0000b\n"}}
 *
 *   ````markdown
 *   # Skill
 *
 *   <!-- embed: examples/demo/a.txt -->
 *
 *       old, indented
 *
 *   > <!-- embed: examples/demo/a.txt -->
 *   >
 *   > ```text
 *   > old
 *   > ```
 *
 *   <!-- embed: examples/demo/bin.dat -->
 *
 *   ```text
 *   x
 *   ```
 *
 *   <!-- embed: examples/demo/a.txt -->
 *
 *   ```text
 *   old, never closed
 *   ````
 *
 * @example
 *   {"name": "cannot-fix", "label": "output"}
 *
 *   ```text
 *   5:1-5:18: Code block drifted from `examples/demo/a.txt`; make it a fenced block (```) so `skill-lint --fix` can rewrite it
 *   9:3-11:6: Code block drifted from `examples/demo/a.txt`; copy the region into it (`skill-lint --fix` rewrites only blocks on lines of their own, outside block quotes)
 *   13:1-13:38: Cannot embed `examples/demo/bin.dat`: the file cannot be read as UTF-8 text (binary, unreadable or over maxFileBytes)
 *   21:1-23:1: Code block drifted from `examples/demo/a.txt`; its fence is never closed: add the closing fence, then run `skill-lint --fix`
 *   ```
 *
 * @example
 *   {"name": "dot-slash", "file": "references/guide.md", "files": {"examples/demo/main.tf": "x = 1\n"}}
 *
 *   ````markdown
 *   # Guide
 *
 *   <!-- embed: ./examples/demo/main.tf -->
 *
 *   ```hcl
 *   x = 1
 *   ```
 *   ````
 */
import { lintRule } from "unified-lint-rule";
import { visit } from "unist-util-visit";
import type { Code, Root } from "mdast";
import { fileData, type EmbedFix, type LintContext } from "../context.js";
import { extractRegion } from "../embed-regions.js";
import { EMBED_SYNTAX, findEmbeds, looksLikeEmbed } from "../markdown.js";

const remarkLintEmbeddedCode = lintRule<Root, LintContext>(
  "skill-lint:embedded-code",
  async (tree, file, context) => {
    const embeds = findEmbeds(tree);
    const wellFormed = new Set(embeds.map((embed) => embed.marker));
    visit(tree, "html", (node) => {
      if (looksLikeEmbed(node) && !wellFormed.has(node)) {
        file.message(`Malformed embed marker \`${quote(node.value)}\`; write ${EMBED_SYNTAX}`, node);
      }
    });
    for (const embed of embeds) {
      const label = embed.region === undefined ? embed.source : `${embed.source}#${embed.region}`;
      if (embed.source === "") {
        file.message(`Malformed embed marker \`${quote(embed.marker.value)}\`: no path; write ${EMBED_SYNTAX}`, embed.marker);
        continue;
      }
      if (embed.source.startsWith("../") || embed.source === ".." || embed.source.startsWith("/")) {
        file.message(`Cannot embed \`${label}\`: write the path from the skill root, as in the bundle (\`examples/…\`)`, embed.marker);
        continue;
      }
      if (!embed.code) {
        file.message("Embed marker is not followed by a fenced code block", embed.marker);
        continue;
      }
      if (!context.bundleFiles.has(embed.source)) {
        file.message(`Cannot embed \`${label}\`: no such file in the bundle`, embed.marker);
        continue;
      }
      const source = await context.readBundleText(embed.source);
      if (source === undefined) {
        file.message(`Cannot embed \`${label}\`: the file cannot be read as UTF-8 text (binary, unreadable or over maxFileBytes)`, embed.marker);
        continue;
      }
      const region = extractRegion(source, embed.region);
      if (!region.ok) {
        file.message(`Cannot embed \`${label}\`: ${region.reason}`, embed.marker);
        continue;
      }
      if (embed.code.value === region.text) continue;
      const rewrite = planRewrite(String(file.value), embed.code, region.text);
      if (typeof rewrite === "string") {
        file.message(`Code block drifted from \`${label}\`; ${rewrite}`, embed.code);
        continue;
      }
      file.message(`Code block drifted from \`${label}\`; run \`skill-lint --fix\``, embed.code);
      if (context.fix) (fileData(file).fixes ??= []).push(rewrite);
    }
  },
);

/**
 * How `--fix` rewrites a block, or what the author must do instead: only a closed fenced block on
 * lines of its own (indented by whitespace, not inside `>`) can be rewritten safely.
 */
function planRewrite(text: string, code: Code, content: string): EmbedFix | string {
  const position = code.position;
  if (!position) return "copy the region into it";
  const lines = text.split(/\r?\n/);
  const openLine = position.start.line;
  const closeLine = position.end.line;
  const fenceLine = lines[openLine - 1] ?? "";
  const indent = fenceLine.slice(0, position.start.column - 1);
  const opening = /^(`{3,}|~{3,})(.*)$/.exec(fenceLine.slice(indent.length));
  if (!opening) return "make it a fenced block (```) so `skill-lint --fix` can rewrite it";
  if (!/^\s*$/.test(indent)) return "copy the region into it (`skill-lint --fix` rewrites only blocks on lines of their own, outside block quotes)";
  const closing = lines[closeLine - 1] ?? "";
  const closed = openLine !== closeLine && closing.trim().startsWith(opening[1]!) && /^\s*(`{3,}|~{3,})\s*$/.test(closing);
  if (!closed) return "its fence is never closed: add the closing fence, then run `skill-lint --fix`";
  const fence = fenceFor(opening[1]!, content);
  return { openLine, closeLine, indent, content, openFence: fence + opening[2], closeFence: fence };
}

/** The marker as written, on one line and short enough for a message. */
function quote(html: string): string {
  const flat = html.trim().replace(/\s+/g, " ");
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/**
 * The fence for rewritten content: the author's fence, made longer than any run of its character
 * in the content (CommonMark), so a fenced block inside the region cannot close the block early.
 */
export function fenceFor(fence: string, content: string): string {
  const char = fence[0]!;
  const runs = content.match(char === "`" ? /`+/g : /~+/g) ?? [];
  const longest = Math.max(0, ...runs.map((run) => run.length));
  return char.repeat(Math.max(fence.length, longest + 1));
}

export default remarkLintEmbeddedCode;
