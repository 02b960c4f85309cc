import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CheckOptions, CheckReport, LanguageModule } from "../language.js";
import { checkCdkApps } from "./check-apps.js";

/** A CDK app is a folder with a cdk.json (its `app` command names the entry file). */
export const cdkLanguage: LanguageModule = {
  name: "cdk",
  claims(path: string): boolean {
    return isDirectory(path) && existsSync(join(path, "cdk.json"));
  },
  check(targets: string[], options: CheckOptions): Promise<CheckReport[]> {
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
