// Type-checks a CDK app under strict settings and lints its own sources for uses of `@deprecated`
// symbols. One compiler host caches parsed declaration files (aws-cdk-lib's are large) across
// every app of the run. (The engine host runs the TypeScript itself, through tsx, so the app's
// import.meta.url and relative asset paths are the real ones.)
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import type { Diagnostic } from "../language.js";

const sharedSourceFiles = new Map<string, ts.SourceFile>();

export interface TypeScriptResult {
  diagnostics: Diagnostic[];
  timingsMs: Record<string, number>;
}

export function checkTypeScript(appDir: string, entryFile: string): TypeScriptResult {
  const timingsMs: Record<string, number> = {};
  let started = performance.now();
  const options = compilerOptions(appDir);
  const rootNames = [...new Set([...projectFiles(appDir), resolve(entryFile)])];
  const host = ts.createCompilerHost(options);
  const readSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    // Only files outside the app are shared: the app's own files may change between runs.
    if (!fileName.includes("/node_modules/")) return readSourceFile(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}|${typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion}`;
    let file = sharedSourceFiles.get(key);
    if (!file) {
      file = readSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (file) sharedSourceFiles.set(key, file);
    }
    return file;
  };
  const program = ts.createProgram({ rootNames, options, host });
  const ownFiles = program.getSourceFiles().filter((file) => isOwnFile(file.fileName, appDir));
  const diagnostics: Diagnostic[] = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...ownFiles.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ].map((d) => fromTsDiagnostic(d, entryFile));
  timingsMs.typecheck = performance.now() - started;

  started = performance.now();
  const checker = program.getTypeChecker();
  for (const file of ownFiles) diagnostics.push(...findDeprecatedUses(file, checker));
  timingsMs.deprecatedLint = performance.now() - started;
  return { diagnostics, timingsMs };
}

function compilerOptions(appDir: string): ts.CompilerOptions {
  const configFile = ts.findConfigFile(appDir, ts.sys.fileExists, "tsconfig.json");
  let options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, types: ["node"] };
  if (configFile && dirname(configFile) === resolve(appDir)) {
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (parsed) options = parsed.options;
  }
  // The gate: strict, whatever the app's tsconfig says; nothing is written.
  return { ...options, strict: true, noEmit: true, incremental: false, composite: false, tsBuildInfoFile: undefined };
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
