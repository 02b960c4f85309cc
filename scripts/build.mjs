// Builds each script into one self-contained ESM file under bin/, which the bundle ships: an
// installed skill runs `node scripts/bin/<name>.mjs` with Node.js and nothing else installed.
// esbuild rather than tsc: tsc would leave imports of workspace packages and npm dependencies that an
// unpacked bundle does not have.
import { build } from "esbuild";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { writeThirdPartyNotices } from "./third-party-notices.mjs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Two dependencies of iac-check's loaders do not bundle as they are (added by the cost helper, for
// cost-estimate's Terraform input; security-check needs the same):
// - jsonc-parser's "main" is a UMD file whose require() calls esbuild cannot follow: use its ESM
//   build, with a default export for `import jsonc from "jsonc-parser"`.
// - @cdktn/hcl2json reads `join(__dirname, "..", "main.wasm.gz")`; an ESM bundle has no __dirname,
//   so the WebAssembly file is copied next to the bundle and read from there.
const requireHere = createRequire(import.meta.url);
const iacCheckRequire = createRequire(requireHere.resolve("@aws-patterns/iac-check/package.json"));
const jsoncEsm = path.join(path.dirname(path.dirname(iacCheckRequire.resolve("jsonc-parser"))), "esm", "main.js");
const hcl2jsonDir = path.dirname(path.dirname(iacCheckRequire.resolve("@cdktn/hcl2json")));
const bundlePlugins = [
  {
    name: "jsonc-parser-esm",
    setup(b) {
      b.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: "jsonc-parser", namespace: "jsonc-esm" }));
      b.onLoad({ filter: /.*/, namespace: "jsonc-esm" }, () => ({
        contents: `export * from ${JSON.stringify(jsoncEsm)}; import * as all from ${JSON.stringify(jsoncEsm)}; export default all;`,
        resolveDir: path.dirname(jsoncEsm),
      }));
    },
  },
  {
    name: "hcl2json-wasm-beside-bundle",
    setup(b) {
      b.onLoad({ filter: /hcl2json[\\/]build[\\/]bridge\.js$/ }, async (args) => {
        const text = await readFile(args.path, "utf8");
        const contents = text.replace('(0, path_1.join)(__dirname, "..", "main.wasm.gz")', '(0, path_1.join)(__bundleDirname, "hcl2json.wasm.gz")');
        if (contents === text) throw new Error("hcl2json changed how it finds main.wasm.gz; update scripts/build.mjs");
        return { contents, loader: "js" };
      });
    },
  },
];

// aws-cdk-lib and constructs are never bundled (too large for the skill archive, and a CDK app must
// be synthesized with its own copy): every import of them, from our code or from bundled cdk-nag,
// becomes a require() from the folder in SECURITY_CHECK_CDK_FROM (the user's project, or --with),
// so cdk-nag's rules and the app share one aws-cdk-lib. security-check sets that variable before it
// starts a process that loads them, after checking that the folder has them.
const userCdkPlugin = {
  name: "aws-cdk-lib-from-user-project",
  setup(b) {
    b.onResolve({ filter: /^(?:aws-cdk-lib|constructs)(?:\/.*)?$/ }, (args) => ({ path: args.path, namespace: "user-cdk" }));
    b.onLoad({ filter: /.*/, namespace: "user-cdk" }, (args) => ({
      contents: `const from = process.env.SECURITY_CHECK_CDK_FROM;
if (!from) throw new Error("SECURITY_CHECK_CDK_FROM is not set: security-check did not say where aws-cdk-lib is");
module.exports = require("node:module").createRequire(require("node:path").join(from, "noop.js"))(${JSON.stringify(args.path)});`,
      loader: "js",
    }));
  },
};

// cdk-nag names each rule after its file (`parse(__filename).name`, so the rule in
// EC2RestrictedSSH.js is AwsSolutions-EC23's function EC2RestrictedSSH); an ESM bundle has no
// __filename, so each rule file gets its own name written in.
const cdkNagFileNamesPlugin = {
  name: "cdk-nag-file-names",
  setup(b) {
    b.onLoad({ filter: /[\\/]cdk-nag[\\/]lib[\\/].*\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("__filename")) return undefined;
      return { contents: text.replaceAll("__filename", JSON.stringify(`/cdk-nag/${path.basename(args.path)}`)), loader: "js" };
    });
  },
};

// iac-check reads cdk-nag's pack sources at run time to know which rule ids an acknowledgement may
// name; the bundle does not ship them, so the list is computed here and compiled in.
const { knownRuleList } = await import(pathToFileURL(path.join(path.dirname(requireHere.resolve("@aws-patterns/iac-check/package.json")), "dist", "engine", "known-rules.js")).href);
const define = { __SECURITY_CHECK_KNOWN_RULES__: JSON.stringify(knownRuleList()) };

// name -> entry; each helper script adds its own line.
const ENTRIES = JSON.parse(await readFile(new URL("./entries.json", import.meta.url), "utf8"));
// Files a script needs besides its entry, not scripts themselves (no --help, not in SKILL.md).
const SUPPORT = {
  // security-check's engine host for templates (forked) and preload for CDK apps (NODE_OPTIONS=--import)
  "security-check-companion": "src/security-check/companion.ts",
};

// Every file each bundle took in, for the third-party notices the bundle ships.
const bundledInputs = new Set();
for (const [name, entry] of Object.entries({ ...ENTRIES, ...SUPPORT })) {
  const result = await build({
    entryPoints: [entry],
    outfile: `bin/${name}.mjs`,
    bundle: true,
    platform: "node",
    target: "node20.19",
    format: "esm",
    // Bundled CommonJS dependencies call require(); ESM output needs one defined.
    banner: {
      js:
        "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" +
        // The bundle's folder, for files shipped beside it (hcl2json.wasm.gz).
        " import { fileURLToPath as __fileURLToPath } from 'node:url'; const __bundleDirname = __fileURLToPath(new URL('.', import.meta.url));",
    },
    legalComments: "linked",
    // Whitespace and syntax only: identifiers keep their names, so a bug report (exit 3) stays
    // readable and code that reads function names (cdk-nag's rules) keeps working. About half the size.
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: "warning",
    // The require("performance") fallback of hcl2json's Go bridge never runs on Node (performance is global).
    external: ["performance"],
    define,
    plugins: [...bundlePlugins, userCdkPlugin, cdkNagFileNamesPlugin],
  });
  for (const input of Object.keys(result.metafile.inputs)) bundledInputs.add(input);
}
await mkdir("bin", { recursive: true });
await copyFile(path.join(hcl2jsonDir, "main.wasm.gz"), "bin/hcl2json.wasm.gz");
// hcl2json.wasm.gz is copied, not bundled: name its package too.
bundledInputs.add(path.relative(process.cwd(), path.join(hcl2jsonDir, "package.json")));
await writeThirdPartyNotices([...bundledInputs], "bin/THIRD-PARTY-NOTICES.txt");
