// Where the files built beside security-check live: bin/ next to the bundle when running from
// bin/security-check.mjs, or the package's bin/ when tests import the sources (after a build).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function binFile(name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, name), join(here, "..", "..", "bin", name)];
  const found = candidates.find((file) => existsSync(file));
  // Not a user's mistake: the bundle or the build is incomplete.
  if (!found) throw new Error(`${name} is missing beside security-check (looked in ${candidates.join(", ")}); rebuild with \`pnpm --filter @aws-patterns/scripts build\``);
  return found;
}
