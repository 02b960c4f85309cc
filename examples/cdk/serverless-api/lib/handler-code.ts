// Bundles a TypeScript Lambda handler with esbuild's JavaScript API, on this machine, through
// CDK's local asset bundling. NodejsFunction would do the same by running `pnpm exec esbuild` in
// the folder of the workspace lockfile, which fails in a monorepo whose root does not depend on
// esbuild; calling esbuild directly works the same inside the monorepo and in a copy of this folder.
import { dirname, join } from "node:path";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { buildSync } from "esbuild";

export interface HandlerCodeOptions {
  /** The handler's TypeScript entry file; its folder is the asset source (and the hash input). */
  readonly entry: string;
  readonly runtime: lambda.Runtime;
}

/** Code for `handler: "index.handler"`: one minified ESM file plus its source map. */
export function bundledHandlerCode({ entry, runtime }: HandlerCodeOptions): lambda.Code {
  return lambda.Code.fromAsset(dirname(entry), {
    bundling: {
      // Only used if local bundling is impossible; it never is, since esbuild is a dependency.
      image: runtime.bundlingImage,
      command: ["bash", "-c", "echo 'this asset is bundled locally with esbuild' && exit 1"],
      local: {
        tryBundle(outputDir: string): boolean {
          buildSync({
            entryPoints: [entry],
            outfile: join(outputDir, "index.mjs"),
            bundle: true,
            platform: "node",
            target: `node${runtime.name.replace(/^nodejs(\d+).*$/, "$1")}`,
            format: "esm",
            minify: true,
            sourcemap: true,
            // The Node.js runtime ships AWS SDK v3; bundling it would only make the package bigger.
            external: ["@aws-sdk/*"],
            logLevel: "error",
          });
          return true;
        },
      },
    },
  });
}
