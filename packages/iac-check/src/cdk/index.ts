import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CheckOptions, CheckReport, LanguageModule } from "../language.js";

/** A CDK app is a folder with a cdk.json (its `app` command names the entry file). */
export const cdkLanguage: LanguageModule = {
  name: "cdk",
  claims(path: string): boolean {
    return isDirectory(path) && existsSync(join(path, "cdk.json"));
  },
  // Loaded on first use: a run with no target of this language does not pay for its imports.
  async check(targets: string[], options: CheckOptions): Promise<CheckReport[]> {
    const { checkCdkApps } = await import("./check-apps.js");
    return checkCdkApps(targets, options);
  },
};

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
