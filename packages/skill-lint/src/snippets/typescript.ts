/**
 * Type-checks the TypeScript blocks of all files with ONE ts.Program per run: loading
 * aws-cdk-lib's declarations dominates the cost (seconds), so each block becomes a virtual
 * module of the same program instead of a program of its own. Results are cached on disk by
 * block text and by the versions of TypeScript, aws-cdk-lib and constructs, so a run whose
 * blocks did not change loads no compiler at all.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type ts from "typescript";
import writeFileAtomic from "write-file-atomic";

export interface SnippetDiagnostic {
  /** 1-based line inside the snippet. */
  line: number;
  /** 1-based column inside the snippet. */
  column: number;
  message: string;
}

function compilerOptions(typescript: typeof ts): ts.CompilerOptions {
  return {
    strict: true,
    target: typescript.ScriptTarget.ES2022,
    module: typescript.ModuleKind.NodeNext,
    moduleResolution: typescript.ModuleResolutionKind.NodeNext,
    moduleDetection: typescript.ModuleDetectionKind.Force,
    lib: ["lib.es2023.d.ts"],
    types: [],
    noEmit: true,
    skipLibCheck: true,
  };
}

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where results are cached unless the caller says otherwise (ignored by git and turbo). */
export const DEFAULT_CACHE_DIR = path.join(PACKAGE_DIR, "node_modules", ".cache", "skill-lint");
const MAX_CACHE_ENTRIES = 2000;

/** The folder the virtual snippet files live in: one where aws-cdk-lib resolves. */
export function typeRoot(repoRoot: string | undefined): string {
  const candidates: string[] = [];
  if (repoRoot) {
    const cdkExamples = path.join(repoRoot, "examples", "cdk");
    if (existsSync(cdkExamples)) {
      for (const name of readdirSync(cdkExamples).sort()) candidates.push(path.join(cdkExamples, name));
    }
  }
  // This package's own devDependency, for fixtures and unpacked bundles.
  candidates.push(PACKAGE_DIR);
  return candidates.find((dir) => existsSync(path.join(dir, "node_modules", "aws-cdk-lib", "package.json"))) ?? PACKAGE_DIR;
}

let programsCreated = 0;

/** How many ts.Programs this process has built (tests watch it stay at one per run). */
export function typescriptProgramsCreated(): number {
  return programsCreated;
}

function installedVersion(baseDir: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(baseDir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "missing";
  }
}

export class TypeScriptSnippets {
  private readonly sources = new Map<string, string>();
  private readonly keys = new WeakMap<object, string>();
  private results: Promise<Map<string, SnippetDiagnostic[]>> | undefined;

  /** `cacheFile` undefined: no cache. */
  constructor(
    private readonly baseDir: string,
    private readonly cacheFile?: string,
  ) {}

  /** Registers a block before the first check; returns the key to ask for its diagnostics. */
  add(code: string, owner?: object): string {
    const key = path.join(this.baseDir, `__skill_lint_snippet_${this.sources.size}.ts`);
    this.sources.set(key, code);
    if (owner) this.keys.set(owner, key);
    this.results = undefined;
    return key;
  }

  keyOf(owner: object): string | undefined {
    return this.keys.get(owner);
  }

  get size(): number {
    return this.sources.size;
  }

  async diagnostics(key: string): Promise<SnippetDiagnostic[]> {
    this.results ??= this.checkAll();
    return (await this.results).get(key) ?? [];
  }

  /** What a cached result depends on besides the block's text. */
  private environment(): string {
    const versions = ["typescript", "aws-cdk-lib", "constructs"].map((name) => `${name}@${installedVersion(name === "typescript" ? PACKAGE_DIR : this.baseDir, name)}`);
    return JSON.stringify([this.baseDir, ...versions, "strict NodeNext ES2022 lib.es2023"]);
  }

  private async checkAll(): Promise<Map<string, SnippetDiagnostic[]>> {
    const results = new Map<string, SnippetDiagnostic[]>();
    if (this.sources.size === 0) return results;
    const environment = this.environment();
    const hashOf = (code: string) => createHash("sha256").update(environment).update("\0").update(code).digest("hex");
    const cache = await this.readCache();
    const missing = new Map<string, string>();
    for (const [key, code] of this.sources) {
      const cached = cache[hashOf(code)];
      if (cached) results.set(key, cached);
      else missing.set(key, code);
    }
    if (missing.size === 0) return results;
    const fresh = await this.typeCheck(missing);
    for (const [key, diagnostics] of fresh) {
      results.set(key, diagnostics);
      cache[hashOf(missing.get(key)!)] = diagnostics;
    }
    await this.writeCache(cache);
    return results;
  }

  private async typeCheck(sources: Map<string, string>): Promise<Map<string, SnippetDiagnostic[]>> {
    // Loading the compiler takes about a second: only runs with unchecked blocks pay it.
    const ts = (await import("typescript")).default;
    const options = compilerOptions(ts);
    const host = ts.createCompilerHost(options, true);
    const { getSourceFile, fileExists, readFile: readHostFile } = host;
    host.fileExists = (file) => sources.has(path.resolve(file)) || fileExists.call(host, file);
    host.readFile = (file) => sources.get(path.resolve(file)) ?? readHostFile.call(host, file);
    host.getSourceFile = (file, language, onError, create) => {
      const text = sources.get(path.resolve(file));
      return text === undefined
        ? getSourceFile.call(host, file, language, onError, create)
        : ts.createSourceFile(file, text, language, true, ts.ScriptKind.TS);
    };
    programsCreated++;
    const program = ts.createProgram({ rootNames: [...sources.keys()], options, host });
    const results = new Map<string, SnippetDiagnostic[]>();
    for (const key of sources.keys()) {
      const source = program.getSourceFile(key);
      if (!source) continue;
      const found = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      results.set(
        key,
        found.map((diagnostic) => {
          const start = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
          return {
            line: start.line + 1,
            column: start.character + 1,
            message: `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`,
          };
        }),
      );
    }
    return results;
  }

  private async readCache(): Promise<Record<string, SnippetDiagnostic[]>> {
    if (!this.cacheFile) return {};
    try {
      const parsed = JSON.parse(await readFile(this.cacheFile, "utf8")) as unknown;
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, SnippetDiagnostic[]>) : {};
    } catch {
      return {};
    }
  }

  /** Best effort: a cache that cannot be written only costs the next run time. */
  private async writeCache(cache: Record<string, SnippetDiagnostic[]>): Promise<void> {
    if (!this.cacheFile) return;
    const entries = Object.entries(cache);
    const kept = Object.fromEntries(entries.slice(Math.max(0, entries.length - MAX_CACHE_ENTRIES)));
    try {
      await mkdir(path.dirname(this.cacheFile), { recursive: true });
      await writeFileAtomic(this.cacheFile, JSON.stringify(kept));
    } catch {
      // Read-only install or full disk: lint results are unaffected.
    }
  }
}
