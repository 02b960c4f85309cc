// Inside the monorepo an example's tsconfig.json extends ../../../tsconfig.base.json; in the bundle
// that file does not exist. The bundled copy carries the base's compiler options itself.
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

interface TsConfig {
  extends?: string;
  compilerOptions?: Record<string, unknown>;
  [key: string]: unknown;
}

function readTsConfig(file: string, text = readFileSync(file, "utf8")): TsConfig {
  const errors: ParseError[] = [];
  const config = parse(text, errors, { allowTrailingComma: true }) as TsConfig;
  if (errors.length > 0) throw new Error(`${file}: ${printParseErrorCode(errors[0]!.error)} at offset ${errors[0]!.offset}`);
  return config;
}

/** Own options win over the base's, as with `extends`; chains of relative `extends` are followed. */
function flatten(file: string, config: TsConfig, seen: Set<string>): TsConfig {
  if (!config.extends || !config.extends.startsWith(".")) return config;
  const basePath = resolve(dirname(file), config.extends.endsWith(".json") ? config.extends : `${config.extends}.json`);
  if (seen.has(basePath)) throw new Error(`${file}: circular "extends" through ${basePath}`);
  if (!existsSync(basePath)) throw new Error(`${file}: "extends" names ${config.extends}, which does not exist`);
  const base = flatten(basePath, readTsConfig(basePath), new Set([...seen, basePath]));
  const { extends: _ignored, ...own } = config;
  const { extends: baseExtends, ...baseRest } = base;
  return {
    ...(baseExtends ? { extends: baseExtends } : {}),
    ...baseRest,
    ...own,
    compilerOptions: { ...base.compilerOptions, ...config.compilerOptions },
  };
}

/**
 * Returns the tsconfig text to ship: unchanged when it extends nothing outside `exampleDir`,
 * otherwise with the outside bases merged in.
 */
export function inlineTsconfigBase(file: string, text: string, exampleDir: string): string {
  const config = readTsConfig(file, text);
  if (!config.extends || !config.extends.startsWith(".")) return text;
  const target = resolve(dirname(file), config.extends);
  if (!relative(exampleDir, target).startsWith("..")) return text;
  return `${JSON.stringify(flatten(file, config, new Set([file])), null, 2)}\n`;
}
