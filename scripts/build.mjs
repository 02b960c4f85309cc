// Builds each script into one self-contained ESM file under bin/, which the bundle ships: an
// installed skill runs `node scripts/bin/<name>.mjs` with Node.js and nothing else installed.
// esbuild rather than tsc: tsc would leave imports of workspace packages and npm dependencies that an
// unpacked bundle does not have.
import { build } from "esbuild";
import { readFile } from "node:fs/promises";

// name -> entry; each helper script adds its own line.
const ENTRIES = JSON.parse(await readFile(new URL("./entries.json", import.meta.url), "utf8"));

for (const [name, entry] of Object.entries(ENTRIES)) {
  await build({
    entryPoints: [entry],
    outfile: `bin/${name}.mjs`,
    bundle: true,
    platform: "node",
    target: "node20.19",
    format: "esm",
    // Bundled CommonJS dependencies call require(); ESM output needs one defined.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    legalComments: "linked",
    logLevel: "warning",
  });
}
