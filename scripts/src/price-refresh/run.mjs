// `pnpm --filter @aws-patterns/scripts price-refresh`: bundles cli.ts with esbuild (npm packages
// stay imports, resolved from this package) and runs it. Not in bin/: the skill bundle does not
// ship it, and verify never runs it (it needs AWS credentials and the network).
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(here, "..", "..", "node_modules", ".cache", "price-refresh", "cli.mjs");
await build({ entryPoints: [path.join(here, "cli.ts")], outfile, bundle: true, platform: "node", format: "esm", target: "node20.19", packages: "external", logLevel: "warning" });
const { runPriceRefresh } = await import(pathToFileURL(outfile).href);
const io = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
process.exitCode = await runPriceRefresh(process.argv.slice(2), io, { dataDir: path.join(here, "..", "..", "..", "skill", "data") });
