// Turns api/main.ts into one JavaScript string that runs with `node -e` in a stock public Node.js
// image, so synth needs no Docker build and no registry push. A real API ships its own image
// (ContainerImage.fromAsset or an ECR repository): replace the image and drop this command.
import { buildSync } from "esbuild";

/** The container command: `node --input-type=module -e <bundled api/main.ts>`. */
export function inlineApiCommand(entry: string, nodeMajor: number): string[] {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: `node${nodeMajor}`,
    format: "esm",
    minify: true,
    write: false,
    logLevel: "error",
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  // The command lands in a CloudFormation template, where "${" marks a Fn::Sub parameter.
  if (code.includes("${")) throw new Error(`${entry}: the bundle contains "\${" (a template literal?): CloudFormation would read it as a parameter; use string concatenation`);
  return ["node", "--input-type=module", "-e", code];
}
