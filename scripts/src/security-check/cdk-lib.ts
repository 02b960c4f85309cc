// Finds the aws-cdk-lib that security-check runs with: the user's own (a CDK app is synthesized
// with the aws-cdk-lib its project installed, as `cdk synth` would), or the one in the folder given
// with --with. aws-cdk-lib is never bundled: at 150 MB installed it cannot fit the skill archive,
// and an app synthesized with another copy than its own would fail its instanceof checks.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** cdk-nag 3 (bundled) declares aws-cdk-lib ^2.257.0; Validations and the validation plugins came with it. */
export const MIN_CDK_VERSION = "2.257.0";

export interface CdkLib {
  /** Folder aws-cdk-lib and constructs resolve from (SECURITY_CHECK_CDK_FROM). */
  from: string;
  version: string;
  /** Where aws-cdk-lib itself is installed. */
  packageDir: string;
}

export type CdkLookup = { ok: true; lib: CdkLib } | { ok: false; reason: string };

/**
 * Finds aws-cdk-lib and constructs in the node_modules folders from `fromDir` up, as Node resolves
 * a package for a file in that folder. NODE_PATH and global folders are left out on purpose: ESM
 * imports (most CDK apps today) ignore them, so the app would not find what they hold.
 */
export function findCdkLib(fromDir: string): CdkLookup {
  const manifest = findPackage(fromDir, "aws-cdk-lib");
  if (!manifest) return { ok: false, reason: `no aws-cdk-lib is installed for ${fromDir}` };
  if (!findPackage(fromDir, "constructs")) {
    return { ok: false, reason: `aws-cdk-lib is installed for ${fromDir} but its peer dependency constructs is not` };
  }
  const version = (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
  if (compareVersions(version, MIN_CDK_VERSION) < 0) {
    return { ok: false, reason: `the aws-cdk-lib installed for ${fromDir} is ${version}; security-check needs ${MIN_CDK_VERSION} or later (cdk-nag 3's validation plugins and the CloudFormation validation engine)` };
  }
  const packageDir = dirname(manifest);
  // The engine that judges hand-written templates (cfn-lint's rules in WebAssembly) ships inside aws-cdk-lib.
  if (!existsSync(join(packageDir, "core", "lib", "validation", "cloudformation-validate-plugin.js"))) {
    return { ok: false, reason: `the aws-cdk-lib ${version} installed for ${fromDir} has no CloudFormation validation engine` };
  }
  return { ok: true, lib: { from: fromDir, version, packageDir } };
}

/** The exact commands to get an aws-cdk-lib security-check can use, for a message. */
export function installHint(): string {
  return (
    "Install one in a scratch folder and pass it with --with:\n" +
    "  npm install --prefix /tmp/security-check-cdk --no-save aws-cdk-lib constructs\n" +
    "  node scripts/bin/security-check.mjs --with /tmp/security-check-cdk <path>"
  );
}

function findPackage(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const manifest = join(dir, "node_modules", name, "package.json");
    if (existsSync(manifest)) return manifest;
    if (dirname(dir) === dir) return undefined;
  }
}

export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => v.split("-")[0]!.split(".").map((n) => Number(n) || 0);
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
