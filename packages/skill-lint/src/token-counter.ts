/**
 * Token counts for the budgets, with gpt-tokenizer's o200k_base encoding. Loading its ranks
 * takes most of a second, longer than the rest of a run, so counts are cached on disk by the
 * text's hash and a warm run of unchanged files never loads the tokenizer.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";

type CountTokens = (text: string) => number;
let tokenizer: Promise<CountTokens> | undefined;

function loadTokenizer(): Promise<CountTokens> {
  tokenizer ??= import("gpt-tokenizer/encoding/o200k_base").then((module) => module.countTokens as CountTokens);
  return tokenizer;
}

function tokenizerVersion(): string {
  try {
    const manifest = createRequire(import.meta.url).resolve("gpt-tokenizer/package.json");
    return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

const MAX_ENTRIES = 2000;

export class TokenCounter {
  private counts: Map<string, number> | undefined;
  private dirty = false;
  private readonly salt = `gpt-tokenizer@${tokenizerVersion()} o200k_base`;

  /** `cacheFile` undefined: count every time. */
  constructor(private readonly cacheFile?: string) {}

  async count(text: string): Promise<number> {
    const counts = await this.load();
    const hash = createHash("sha256").update(this.salt).update("\0").update(text).digest("hex");
    const cached = counts.get(hash);
    if (cached !== undefined) return cached;
    const tokens = (await loadTokenizer())(text);
    counts.set(hash, tokens);
    this.dirty = true;
    return tokens;
  }

  /** Best effort: an unwritable cache only costs the next run time. */
  async flush(): Promise<void> {
    if (!this.cacheFile || !this.dirty || !this.counts) return;
    const entries = [...this.counts.entries()].slice(-MAX_ENTRIES);
    try {
      await mkdir(path.dirname(this.cacheFile), { recursive: true });
      await writeFileAtomic(this.cacheFile, JSON.stringify(Object.fromEntries(entries)));
      this.dirty = false;
    } catch {
      // Read-only install or full disk: results are unaffected.
    }
  }

  private async load(): Promise<Map<string, number>> {
    if (this.counts) return this.counts;
    this.counts = new Map();
    if (!this.cacheFile) return this.counts;
    try {
      const parsed = JSON.parse(await readFile(this.cacheFile, "utf8")) as Record<string, unknown>;
      for (const [hash, value] of Object.entries(parsed)) if (typeof value === "number") this.counts.set(hash, value);
    } catch {
      // No cache yet, or a damaged one: start empty.
    }
    return this.counts;
  }
}
