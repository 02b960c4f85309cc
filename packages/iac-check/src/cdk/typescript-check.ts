// Type-checks CDK apps under strict settings and lints their own sources for uses of `@deprecated`
// symbols. Parsed declaration files (aws-cdk-lib's are large) are cached across the run. (The engine host runs the TypeScript itself, through tsx, so the app's
// import.meta.url and relative asset paths are the real ones.)
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import type { Diagnostic } from "../language.js";

const sharedSourceFiles = new Map<string, ts.SourceFile>();

export interface TypeScriptResult {
  diagnostics: Diagnostic[];
  timingsMs: Record<string, number>;
}

export interface TypeScriptApp {
  appDir: string;
  entryFile: string;
}

/**
 * Type-checks many apps with as few Programs as possible: apps whose compiler options agree share
 * one Program, so aws-cdk-lib's declarations are parsed and resolved once for all of them. Each app
 * gets the diagnostics and deprecated uses of its own files.
 */
export function checkTypeScriptApps(apps: TypeScriptApp[]): TypeScriptResult[] {
  const groups = new Map<string, { options: ts.CompilerOptions; members: number[] }>();
  apps.forEach((app, index) => {
    const options = compilerOptions(app.appDir);
    const key = JSON.stringify(options, Object.keys(options).sort());
    const group = groups.get(key) ?? { options, members: [] };
    group.members.push(index);
    groups.set(key, group);
  });
  const results: TypeScriptResult[] = new Array(apps.length);
  for (const { options, members } of groups.values()) {
    let started = performance.now();
    const rootNames = [...new Set(members.flatMap((i) => [...projectFiles(apps[i]!.appDir), resolve(apps[i]!.entryFile)]))];
    const program = ts.createProgram({ rootNames, options, host: cachingHost(options) });
    const shared = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
    const checker = program.getTypeChecker();
    const programMs = performance.now() - started;
    for (const index of members) {
      const { appDir, entryFile } = apps[index]!;
      started = performance.now();
      const ownFiles = program.getSourceFiles().filter((file) => isOwnFile(file.fileName, appDir));
      const diagnostics: Diagnostic[] = [...shared, ...ownFiles.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)])].map((d) =>
        fromTsDiagnostic(d, entryFile),
      );
      const typecheck = performance.now() - started;
      started = performance.now();
      for (const file of ownFiles) diagnostics.push(...findDeprecatedUses(file, checker));
      // `program` is shared by the apps of the group; each app also reports its own checking time.
      results[index] = { diagnostics, timingsMs: { typecheckProgram: programMs, typecheck, deprecatedLint: performance.now() - started } };
    }
  }
  return results;
}

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const readSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    // Only files outside the apps are shared between groups: the apps' own files may change.
    if (!fileName.includes("/node_modules/")) return readSourceFile(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}|${typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion}`;
    let file = sharedSourceFiles.get(key);
    if (!file) {
      file = readSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (file) sharedSourceFiles.set(key, file);
    }
    return file;
  };
  return host;
}

function compilerOptions(appDir: string): ts.CompilerOptions {
  const configFile = ts.findConfigFile(appDir, ts.sys.fileExists, "tsconfig.json");
  let options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, types: ["node"] };
  if (configFile && dirname(configFile) === resolve(appDir)) {
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (parsed) options = parsed.options;
  }
  // The gate: strict, whatever the app's tsconfig says; nothing is written. Per-folder settings
  // that only matter when emitting are dropped, so apps with the same settings share a Program.
  const { configFilePath: _config, rootDir: _rootDir, pathsBasePath: _paths, outDir: _outDir, ...shared } = options as ts.CompilerOptions & { configFilePath?: unknown; pathsBasePath?: unknown };
  return { ...shared, strict: true, noEmit: true, incremental: false, composite: false, tsBuildInfoFile: undefined };
}

function projectFiles(appDir: string): string[] {
  const configFile = join(appDir, "tsconfig.json");
  if (!ts.sys.fileExists(configFile)) return [];
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  return (parsed?.fileNames ?? []).filter((file) => !file.includes("/cdk.out/"));
}

function isOwnFile(fileName: string, appDir: string): boolean {
  const rel = relative(resolve(appDir), fileName);
  return !rel.startsWith("..") && !fileName.includes("/node_modules/") && !fileName.endsWith(".d.ts") && !rel.startsWith("cdk.out");
}

function fromTsDiagnostic(d: ts.Diagnostic, fallbackFile: string): Diagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const severity = d.category === ts.DiagnosticCategory.Error ? "error" : "warning";
  if (!d.file || d.start === undefined) return { file: relative(process.cwd(), fallbackFile), severity, message: `TypeScript: ${message}`, rule: `tsc/TS${d.code}` };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return { file: relative(process.cwd(), d.file.fileName), line: line + 1, column: character + 1, severity: "error", message: `TypeScript: ${message}`, rule: `tsc/TS${d.code}` };
}

/**
 * Flags every identifier in the app's own code that resolves to a declaration carrying a JSDoc
 * `@deprecated` tag: imported classes, methods, static members, and the properties of object
 * literals passed as props (those resolve through the contextual type, not the literal).
 */
export function findDeprecatedUses(file: ts.SourceFile, checker: ts.TypeChecker): Diagnostic[] {
  const found = new Map<number, Diagnostic>();
  const report = (node: ts.Node, name: string, declaration: ts.Declaration): void => {
    const tag = ts.getJSDocDeprecatedTag(declaration);
    if (!tag || found.has(node.getStart())) return;
    const advice = typeof tag.comment === "string" ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? "";
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart());
    found.set(node.getStart(), {
      file: relative(process.cwd(), file.fileName),
      line: line + 1,
      column: character + 1,
      severity: "error",
      rule: "deprecated-api/jsdoc",
      message: `'${name}' is deprecated${advice ? `: ${advice.replace(/\s+/g, " ").trim()}` : ""}; use its replacement (deprecated APIs are not allowed in examples)`,
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isIdentifier(node) && !isDeclarationName(node)) {
      let symbol = checker.getSymbolAtLocation(node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      for (const declaration of symbol?.declarations ?? []) report(node, node.text, declaration);
      const parent = node.parent;
      if ((ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) && parent.name === node && ts.isObjectLiteralExpression(parent.parent)) {
        const contextual = checker.getContextualType(parent.parent);
        const property = contextual ? checker.getPropertyOfType(checker.getNonNullableType(contextual), node.text) : undefined;
        for (const declaration of property?.declarations ?? []) report(node, node.text, declaration);
      }
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const declaration = checker.getResolvedSignature(node)?.declaration;
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
      if (declaration && !ts.isJSDocSignature(declaration)) report(callee, callee.getText(file), declaration);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...found.values()];
}

function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (ts.isVariableDeclaration(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isParameter(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isInterfaceDeclaration(parent) || ts.isTypeAliasDeclaration(parent)) && parent.name === node;
}
