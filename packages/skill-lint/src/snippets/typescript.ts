/**
 * Type-checks the TypeScript blocks of all files with ONE ts.Program per run: loading
 * aws-cdk-lib's declarations dominates the cost, so each block becomes a virtual module of the
 * same program instead of a program of its own.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type ts from "typescript";

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
  candidates.push(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
  return candidates.find((dir) => existsSync(path.join(dir, "node_modules", "aws-cdk-lib", "package.json"))) ?? candidates.at(-1)!;
}

let programsCreated = 0;

/** How many ts.Programs this process has built (the benchmark and tests watch it stay at one per run). */
export function typescriptProgramsCreated(): number {
  return programsCreated;
}

export class TypeScriptSnippets {
  private readonly sources = new Map<string, string>();
  private readonly keys = new WeakMap<object, string>();
  private results: Promise<Map<string, SnippetDiagnostic[]>> | undefined;

  constructor(private readonly baseDir: string) {}

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

  private async checkAll(): Promise<Map<string, SnippetDiagnostic[]>> {
    const results = new Map<string, SnippetDiagnostic[]>();
    if (this.sources.size === 0) return results;
    // Loading the compiler takes about a second: only runs that have TypeScript blocks pay it.
    const ts = (await import("typescript")).default;
    const options = compilerOptions(ts);
    const host = ts.createCompilerHost(options, true);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (file) => this.sources.has(path.resolve(file)) || fileExists.call(host, file);
    host.readFile = (file) => this.sources.get(path.resolve(file)) ?? readFile.call(host, file);
    host.getSourceFile = (file, language, onError, create) => {
      const text = this.sources.get(path.resolve(file));
      return text === undefined
        ? getSourceFile.call(host, file, language, onError, create)
        : ts.createSourceFile(file, text, language, true, ts.ScriptKind.TS);
    };
    programsCreated++;
    const program = ts.createProgram({ rootNames: [...this.sources.keys()], options, host });
    for (const key of this.sources.keys()) {
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
}
