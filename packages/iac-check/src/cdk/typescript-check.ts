// Type-checks CDK apps under strict settings and lints their own sources for uses of `@deprecated`
// symbols, with TypeScript 7 (the native compiler) through its programmatic API: one compiler
// process for all the apps of a run, parsing aws-cdk-lib's declarations (over a million lines)
// about three times faster than TypeScript 5.9 did. (The engine host runs the TypeScript itself,
// through tsx, so the app's import.meta.url and relative asset paths are the real ones.)
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { API, type Checker, type Diagnostic as TsDiagnostic, type Program, type Project, type Symbol as TsSymbol, SymbolFlags } from "typescript-native/unstable/sync";
import {
  getTokenAtPosition,
  getTokenPosOfNode,
  isExportDeclaration,
  isIdentifier,
  isImportDeclaration,
  isObjectLiteralExpression,
  isPropertyAssignment,
  isShorthandPropertyAssignment,
  type Node,
  type SourceFile,
} from "typescript-native/unstable/ast";
import type { Diagnostic } from "../language.js";

export interface TypeScriptResult {
  diagnostics: Diagnostic[];
  timingsMs: Record<string, number>;
}

export interface TypeScriptApp {
  appDir: string;
  entryFile: string;
}

// The options an app without a tsconfig.json of its own is checked with (what `cdk init` writes).
const DEFAULT_OPTIONS = { target: "es2022", module: "nodenext", moduleResolution: "nodenext", skipLibCheck: true, types: ["node"] };
// The gate, whatever the app's tsconfig says: strict, and nothing written.
const GATE_OPTIONS = { strict: true, noEmit: true, incremental: false, composite: false };
// TypeScript's "'{0}' is deprecated." and "The signature '{0}' of '{1}' is deprecated." suggestions.
const DEPRECATED_CODES = new Set([6385, 6387]);

/**
 * Type-checks many apps in one TypeScript 7 process. Each app is opened as a project through a
 * virtual tsconfig (never written to the app's folder) that extends the app's own with `strict`
 * forced; the compiler shares parsed declaration files between the projects.
 */
export async function checkTypeScriptApps(apps: TypeScriptApp[], baseDir = process.cwd()): Promise<TypeScriptResult[]> {
  if (apps.length === 0) return [];
  const session = new TypeScriptSession();
  try {
    return session.check(apps, baseDir);
  } finally {
    await session.close();
  }
}

/**
 * One TypeScript 7 process that checks apps request after request (the shared engine keeps one for
 * every `iac-check` of a verify run): the declaration files it parsed for one app (aws-cdk-lib's
 * million lines) serve the next. Each request's projects are closed after it.
 */
export class TypeScriptSession {
  private readonly virtualConfigs = new Map<string, string>();
  private api: API | undefined;
  private requests = 0;

  check(apps: TypeScriptApp[], baseDir: string): TypeScriptResult[] {
    if (apps.length === 0) return [];
    const started = performance.now();
    const request = this.requests++;
    // The configs are registered before the snapshot: the compiler asks for them through the callback.
    const configPaths = apps.map((app, index) => {
      const path = join(resolve(app.appDir), `tsconfig.iac-check-${process.pid}-${request}-${index}.json`);
      this.virtualConfigs.set(path, JSON.stringify(virtualConfig(app)));
      return path;
    });
    const virtualConfigs = this.virtualConfigs;
    this.api ??= new API({
      cwd: process.cwd(),
      fs: {
        readFile: (file) => virtualConfigs.get(file),
        fileExists: (file) => (virtualConfigs.has(file) ? true : undefined),
      },
    });
    const api = this.api;
    try {
      const snapshot = api.updateSnapshot({ openProjects: configPaths });
      const openMs = performance.now() - started;
      return apps.map((app, index) => {
        const project = snapshot.getProject(configPaths[index]!);
        if (!project) throw new Error(`TypeScript did not open a project for ${relative(baseDir, app.appDir) || "."}`);
        return checkApp(app, project, openMs, baseDir);
      });
    } finally {
      api.updateSnapshot({ closeProjects: configPaths });
      for (const path of configPaths) virtualConfigs.delete(path);
    }
  }

  /** Ends the compiler process and waits for it. */
  async close(): Promise<void> {
    const api = this.api;
    this.api = undefined;
    if (api) await closeAndReap(api);
  }
}

/**
 * `close()` sends the compiler process SIGTERM and returns. Waiting for it to exit keeps it from
 * outliving the run and lets its CPU time count toward this process's (what `time` and the bench
 * report). The child handle is not public API: without it, closing is all that happens.
 */
async function closeAndReap(api: API): Promise<void> {
  const child = (api as unknown as { client?: { channel?: { child?: ChildProcess } } }).client?.channel?.child;
  api.close();
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function virtualConfig(app: TypeScriptApp): Record<string, unknown> {
  const appDir = resolve(app.appDir);
  const entry = resolve(app.entryFile);
  if (!existsSync(join(appDir, "tsconfig.json"))) return { compilerOptions: { ...DEFAULT_OPTIONS, ...GATE_OPTIONS }, files: [entry] };
  // The app's own files and includes stand; its entry is added, and what cdk synth writes is left out.
  return { extends: "./tsconfig.json", compilerOptions: GATE_OPTIONS, files: [entry], exclude: ["cdk.out", "node_modules"] };
}

function checkApp(app: TypeScriptApp, project: Project, openMs: number, baseDir: string): TypeScriptResult {
  const { program, checker } = project;
  let started = performance.now();
  const ownFiles = program
    .getSourceFileNames()
    .filter((file) => isOwnFile(file, app.appDir))
    .map((file) => program.getSourceFile(file))
    .filter((file): file is SourceFile => file !== undefined);
  const shared = [...program.getConfigFileParsingDiagnostics(), ...program.getProgramDiagnostics(), ...program.getGlobalDiagnostics()];
  const diagnostics: Diagnostic[] = [...shared, ...ownFiles.flatMap((file) => [...program.getSyntacticDiagnostics(file.fileName), ...program.getSemanticDiagnostics(file.fileName)])].map((d) =>
    fromTsDiagnostic(d, program, app.entryFile, baseDir),
  );
  const typecheck = performance.now() - started;
  started = performance.now();
  for (const file of ownFiles) diagnostics.push(...findDeprecatedUses(file, program, checker, baseDir));
  return { diagnostics, timingsMs: { typecheckProgram: openMs, typecheck, deprecatedLint: performance.now() - started } };
}

function isOwnFile(fileName: string, appDir: string): boolean {
  const rel = relative(resolve(appDir), fileName);
  return !rel.startsWith("..") && !fileName.includes("/node_modules/") && !fileName.endsWith(".d.ts") && !rel.startsWith("cdk.out");
}

function fromTsDiagnostic(d: TsDiagnostic, program: Program, fallbackFile: string, baseDir: string): Diagnostic {
  const message = `TypeScript: ${flattenMessage(d)}`;
  const rule = `tsc/TS${d.code}`;
  const file = d.fileName ? program.getSourceFile(d.fileName) : undefined;
  // TypeScript's errors and warnings both fail the gate; a file-less one points at the entry.
  if (!file) return { file: relative(baseDir, fallbackFile), severity: d.category === 1 ? "error" : "warning", message, rule };
  const { line, character } = file.getLineAndCharacterOfPosition(d.pos);
  return { file: relative(baseDir, file.fileName), line: line + 1, column: character + 1, severity: "error", message, rule };
}

// As TypeScript prints a message chain: each level on its own line, indented two spaces deeper.
function flattenMessage(d: TsDiagnostic, depth = 0): string {
  const lines = [`${"  ".repeat(depth)}${d.text}`];
  for (const next of d.messageChain ?? []) lines.push(flattenMessage(next, depth + 1));
  return lines.join("\n");
}

/**
 * Every use, in the app's own code, of a declaration with a JSDoc `@deprecated` tag: what
 * TypeScript itself reports as deprecated (identifiers, calls of deprecated signatures), and the
 * properties of object literals passed as props, which TypeScript does not report (they resolve
 * through the contextual type: `pointInTimeRecovery: true` in a `TableProps`).
 */
export function findDeprecatedUses(file: SourceFile, program: Program, checker: Checker, baseDir = process.cwd()): Diagnostic[] {
  const found = new Map<number, Diagnostic>();
  const report = (position: number, name: string, symbol: TsSymbol | undefined): void => {
    if (found.has(position)) return;
    const tag = deprecatedTag(symbol, checker);
    if (tag === undefined) return;
    const { line, character } = file.getLineAndCharacterOfPosition(position);
    const advice = tag.replace(/\s+/g, " ").trim();
    found.set(position, {
      file: relative(baseDir, file.fileName),
      line: line + 1,
      column: character + 1,
      severity: "error",
      rule: "deprecated-api/jsdoc",
      message: `'${name}' is deprecated${advice ? `: ${advice}` : ""}; use its replacement (deprecated APIs are not allowed in examples)`,
    });
  };
  for (const suggestion of program.getSuggestionDiagnostics(file.fileName)) {
    if (!suggestion.reportsDeprecated || !DEPRECATED_CODES.has(suggestion.code)) continue;
    const token = getTokenAtPosition(file, suggestion.pos);
    if (insideImportOrExport(token)) continue;
    const name = file.text.slice(suggestion.pos, suggestion.end);
    // A deprecated signature of a symbol that is not deprecated as a whole still reports, with
    // the symbol's advice when it has some.
    report(suggestion.pos, name, aliased(checker.getSymbolAtPosition(file.fileName, suggestion.pos), checker));
    if (!found.has(suggestion.pos)) found.set(suggestion.pos, deprecatedSignature(file, suggestion, name, baseDir));
  }
  const visit = (node: Node): void => {
    if (isImportDeclaration(node) || isExportDeclaration(node)) return;
    if ((isPropertyAssignment(node) || isShorthandPropertyAssignment(node)) && isIdentifier(node.name) && isObjectLiteralExpression(node.parent)) {
      const contextual = checker.getContextualType(node.parent);
      const nonNullable = contextual ? checker.getNonNullableType(contextual) : undefined;
      const property = nonNullable ? checker.getPropertyOfType(nonNullable, node.name.text) : undefined;
      report(getTokenPosOfNode(node.name, file), node.name.text, property);
    }
    node.forEachChild(visit);
  };
  visit(file);
  return [...found.values()].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function deprecatedTag(symbol: TsSymbol | undefined, checker: Checker): string | undefined {
  if (!symbol) return undefined;
  const tag = symbol.getJsDocTags(checker).find((t) => t.name === "deprecated");
  return tag ? (tag.text ?? "") : undefined;
}

function aliased(symbol: TsSymbol | undefined, checker: Checker): TsSymbol | undefined {
  return symbol && symbol.flags & SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function deprecatedSignature(file: SourceFile, suggestion: TsDiagnostic, name: string, baseDir: string): Diagnostic {
  const { line, character } = file.getLineAndCharacterOfPosition(suggestion.pos);
  return {
    file: relative(baseDir, file.fileName),
    line: line + 1,
    column: character + 1,
    severity: "error",
    rule: "deprecated-api/jsdoc",
    message: `'${name}' is deprecated: ${suggestion.text}; use its replacement (deprecated APIs are not allowed in examples)`,
  };
}

function insideImportOrExport(node: Node | undefined): boolean {
  for (let current = node; current; current = current.parent) if (isImportDeclaration(current) || isExportDeclaration(current)) return true;
  return false;
}
