// Bundles a TypeScript Lambda handler into one ESM file with esbuild's JavaScript API, on this
// machine, through CDK's local asset bundling: no Docker, and it works both inside the pnpm
// monorepo (where NodejsFunction would look for esbuild at the workspace root) and in a copy of
// this folder.
import { dirname, join } from "node:path";
import { AssetHashType } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { buildSync } from "esbuild";

export interface HandlerCodeOptions {
  /** The handler's TypeScript entry file. */
  readonly entry: string;
  readonly runtime: lambda.Runtime;
}

/** Code for `handler: "index.handler"`: one minified ESM file plus its source map. */
export function bundledHandlerCode({ entry, runtime }: HandlerCodeOptions): lambda.Code {
  return lambda.Code.fromAsset(dirname(entry), {
    // Both handlers share the lambda/ folder: hash what esbuild produced, not the folder, so each
    // function gets its own asset and a change to shared code changes both.
    assetHashType: AssetHashType.OUTPUT,
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
