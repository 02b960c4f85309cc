/**
 * Checks SKILL.md's YAML frontmatter against the Agent Skills format: it parses, holds only the
 * six allowed keys, `name` is a valid skill name equal to the skill's folder name in the bundle,
 * `description` (1–1024 characters, no `<` or `>`) says when to use the skill, `compatibility`
 * is at most 500 characters and `metadata` maps strings to strings.
 *
 * Other files are not checked: references have no frontmatter requirements.
 *
 * @example
 *   {"name": "ok", "file": "SKILL.md"}
 *
 *   ```markdown
 *   ---
 *   name: aws-patterns
 *   description: Designs AWS architectures. Use when the user asks how to build on AWS.
 *   metadata:
 *     version: "1.0.0"
 *   ---
 *
 *   # AWS patterns
 *   ```
 *
 * @example
 *   {"name": "use-it-if", "file": "SKILL.md"}
 *
 *   ```markdown
 *   ---
 *   name: aws-patterns
 *   description: Fills in PDF forms. Use it if the user uploads a PDF form.
 *   ---
 *
 *   # AWS patterns
 *   ```
 *
 * @example
 *   {"name": "not-ok", "file": "SKILL.md", "label": "input"}
 *
 *   ```markdown
 *   ---
 *   name: Claude-Helper
 *   description: Helps with <b>AWS</b>.
 *   version: 1
 *   metadata:
 *     version: 1.0
 *   ---
 *
 *   # AWS patterns
 *   ```
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   2:7-2:20: Invalid `name`: use 1–64 characters of a-z, 0-9 and `-`, without leading, trailing or double `-`
 *   2:7-2:20: Invalid `name`: must not contain `anthropic` or `claude`
 *   2:7-2:20: `name` is `Claude-Helper` but the skill's folder is `aws-patterns`; make them equal
 *   3:14-3:36: Invalid `description`: remove `<` and `>` (no XML tags)
 *   3:14-3:36: `description` does not say when to use the skill; add a trigger phrase such as `Use when …`, `Use it if …`, `Use for …`, `Triggers on …` or `Invoke when …`
 *   4:1-4:8: Unexpected key `version` in frontmatter; allowed keys: name, description, license, compatibility, metadata, allowed-tools
 *   6:12-6:15: Invalid `metadata.version`: expected a string (quote the value)
 *   ```
 *
 * @example
 *   {"name": "broken-yaml", "file": "SKILL.md", "label": "input"}
 *
 *   ```markdown
 *   ---
 *   name: aws-patterns
 *   description: [unclosed
 *   ---
 *   ```
 *
 * @example
 *   {"name": "broken-yaml", "label": "output"}
 *
 *   ```text
 *   3:23: Frontmatter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]
 *   ```
 *
 * @example
 *   {"name": "alias", "file": "SKILL.md", "label": "input"}
 *
 *   ```markdown
 *   ---
 *   name: aws-patterns
 *   description: *undefined-anchor
 *   ---
 *   ```
 *
 * @example
 *   {"name": "alias", "label": "output"}
 *
 *   ```text
 *   2:1-3:31: Frontmatter is not valid YAML: Unresolved alias (the anchor must be set before the alias): undefined-anchor
 *   ```
 *
 * @example
 *   {"name": "missing", "file": "SKILL.md", "label": "input"}
 *
 *   ```markdown
 *   # No frontmatter
 *   ```
 *
 * @example
 *   {"name": "missing", "label": "output"}
 *
 *   ```text
 *   1:1: Missing frontmatter: start SKILL.md with `---`, the YAML keys `name` and `description`, then `---`
 *   ```
 *
 * @example
 *   {"name": "unclosed", "file": "SKILL.md", "label": "input"}
 *
 *   ```markdown
 *   ---
 *   name: aws-patterns
 *   description: Designs AWS architectures. Use when the user asks how to build on AWS.
 *
 *   # AWS patterns
 *   ```
 *
 * @example
 *   {"name": "unclosed", "label": "output"}
 *
 *   ```text
 *   1:1: Frontmatter has no closing `---`: end the YAML keys with a line of `---` before the body
 *   ```
 */
import { lintRule } from "unified-lint-rule";
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import type { Root, Yaml } from "mdast";
import type { VFile } from "vfile";
import { fileData, type LintContext } from "../context.js";

const ALLOWED_KEYS = ["name", "description", "license", "compatibility", "metadata", "allowed-tools"] as const;
const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/**
 * "Says when to use": a trigger phrase, as the format's authoring guide asks for. The phrasings
 * skill authors use: "Use when / if / for / to", "Use it (this, this skill) when …",
 * "Triggers on", "Invoke (Activate, Apply, Load) when …", "Useful for", "for … when …".
 */
const WHEN_PATTERNS: readonly RegExp[] = [
  /\b(when|whenever)\b/i,
  /\buse[ds]?\s+(?:(?:it|this|me|this skill|the skill)\s+)?(?:only\s+)?(?:if|for|to|on|with|during|before|after|while)\b/i,
  /\b(?:trigger(?:s|ed)?|invoke[sd]?|activate[sd]?|appl(?:y|ies)|load(?:s|ed)?|call(?:s|ed)?|run(?:s)?)\s+(?:(?:it|this|this skill|the skill)\s+)?(?:only\s+)?(?:if|on|for|by|with)\b/i,
  /\b(?:useful|helpful|relevant|intended|designed|meant|ideal|suited|good)\s+(?:for|if|to)\b/i,
  /\b(?:triggers?|use cases?)\s*:/i,
  /\bif\s+(?:the\s+)?(?:user|you|asked|someone|they|working|needed)\b/i,
];
const WHEN_HINT = "`Use when …`, `Use it if …`, `Use for …`, `Triggers on …` or `Invoke when …`";

/** True when a description says when to use the skill (one of the trigger phrasings). */
export function saysWhenToUse(description: string): boolean {
  return WHEN_PATTERNS.some((pattern) => pattern.test(description));
}

const frontmatterSchema = z.object({
  name: z
    .string({ error: "expected a string" })
    .min(1, "must not be empty")
    .max(64, "use at most 64 characters")
    .regex(NAME_PATTERN, "use 1–64 characters of a-z, 0-9 and `-`, without leading, trailing or double `-`")
    .refine((name) => !/anthropic|claude/i.test(name), "must not contain `anthropic` or `claude`"),
  description: z
    .string({ error: "expected a string" })
    .min(1, "must not be empty")
    .max(1024, "use at most 1024 characters")
    .refine((text) => !/[<>]/.test(text), "remove `<` and `>` (no XML tags)"),
  license: z.string({ error: "expected a string" }).min(1, "must not be empty").optional(),
  compatibility: z.string({ error: "expected a string" }).min(1, "must not be empty").max(500, "use at most 500 characters").optional(),
  metadata: z.record(z.string(), z.string({ error: "expected a string (quote the value)" }), { error: "expected a map of strings" }).optional(),
  "allowed-tools": z.string({ error: "expected a space-separated string" }).optional(),
});

type Place = { start: { line: number; column: number }; end: { line: number; column: number } };

const remarkLintFrontmatter = lintRule<Root, LintContext>(
  "skill-lint:frontmatter",
  (tree, file, context) => {
    if (fileData(file).bundlePath !== "SKILL.md") return;
    const node = tree.children[0];
    if (node?.type !== "yaml" && /^\ufeff?---[ \t]*(\r?\n|$)/.test(String(file.value))) {
      file.message("Frontmatter has no closing `---`: end the YAML keys with a line of `---` before the body", {
        place: { line: 1, column: 1 },
      });
      return;
    }
    if (node?.type !== "yaml") {
      file.message("Missing frontmatter: start SKILL.md with `---`, the YAML keys `name` and `description`, then `---`", {
        place: { line: 1, column: 1 },
      });
      return;
    }
    checkFrontmatter(node, file, context);
  },
);

function checkFrontmatter(node: Yaml, file: VFile, context: LintContext): void {
  const lineCounter = new LineCounter();
  const document = parseDocument(node.value, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The YAML text starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1;
  const placeOf = (range: readonly number[] | null | undefined): Place | { line: number; column: number } => {
    if (!range) return { line: firstLine - 1, column: 1 };
    const start = lineCounter.linePos(range[0] ?? 0);
    const end = lineCounter.linePos(range[1] ?? range[0] ?? 0);
    return {
      start: { line: firstLine + start.line - 1, column: start.col },
      end: { line: firstLine + end.line - 1, column: end.col },
    };
  };
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const position = lineCounter.linePos(error.pos[0]);
      const reason = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      file.message(`Frontmatter is not valid YAML: ${reason}`, { place: { line: firstLine + position.line - 1, column: position.col } });
    }
    return;
  }
  if (!isMap(document.contents)) {
    file.message("Frontmatter must be a YAML map of keys such as `name` and `description`", { place: placeOf(document.contents?.range) });
    return;
  }
  let data: Record<string, unknown>;
  try {
    data = document.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    // Parsing succeeded but building values failed: an unresolved or exploding alias.
    file.message(`Frontmatter is not valid YAML: ${(error as Error).message}`, { place: placeOf(document.contents.range) });
    return;
  }
  for (const key of Object.keys(data)) {
    if (!(ALLOWED_KEYS as readonly string[]).includes(key)) {
      file.message(`Unexpected key \`${key}\` in frontmatter; allowed keys: ${ALLOWED_KEYS.join(", ")}`, {
        place: placeOf(keyRange(document, [key])),
      });
    }
  }
  const result = frontmatterSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const keyPath = issue.path.map(String);
      const label = keyPath.join(".") || "frontmatter";
      const missing = issue.code === "invalid_type" && valueAt(data, keyPath) === undefined;
      const reason = missing ? "required key is missing" : issue.message;
      file.message(`Invalid \`${label}\`: ${reason}`, { place: placeOf(valueRange(document, keyPath)) });
    }
  }
  const name = data["name"];
  if (typeof name === "string" && name !== context.skillName) {
    file.message(`\`name\` is \`${name}\` but the skill's folder is \`${context.skillName}\`; make them equal`, {
      place: placeOf(valueRange(document, ["name"])),
    });
  }
  const description = data["description"];
  if (typeof description === "string" && description.length > 0 && !saysWhenToUse(description)) {
    file.message(`\`description\` does not say when to use the skill; add a trigger phrase such as ${WHEN_HINT}`, {
      place: placeOf(valueRange(document, ["description"])),
    });
  }
}

function valueAt(data: unknown, keyPath: string[]): unknown {
  let current = data;
  for (const key of keyPath) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function keyRange(document: Document, keyPath: string[]): readonly number[] | undefined {
  const pair = findPair(document, keyPath);
  return pair && isScalar(pair.key) ? pair.key.range ?? undefined : undefined;
}

function valueRange(document: Document, keyPath: string[]): readonly number[] | undefined {
  const pair = findPair(document, keyPath);
  if (!pair) return keyPath.length > 1 ? valueRange(document, keyPath.slice(0, -1)) : undefined;
  const value = pair.value as { range?: readonly number[] } | null;
  return value?.range ?? (isScalar(pair.key) ? pair.key.range ?? undefined : undefined);
}

function findPair(document: Document, keyPath: string[]) {
  let current: unknown = document.contents;
  let found: { key: unknown; value: unknown } | undefined;
  for (const key of keyPath) {
    if (!isMap(current)) return undefined;
    found = current.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (!found) return undefined;
    current = found.value;
  }
  return found;
}

export default remarkLintFrontmatter;
