// The Terraform language module: claims every folder that holds .tf or .tf.json files and checks
// it (./check-module.ts). Claiming only reads folder listings; the parser's WebAssembly and the
// provider schema load on the first check, so runs without Terraform targets never pay for them.

import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { CheckOptions, CheckReport, LanguageModule } from "../language.js";
import type { TerraformCheckOptions } from "./check-module.js";
import { isTerraformFile, terraformFilesIn } from "./terraform-files.js";

export type { TerraformCheckOptions } from "./check-module.js";

export async function checkTerraformModule(target: string, options: TerraformCheckOptions): Promise<CheckReport> {
  const { checkTerraformModule: check } = await import("./check-module.js");
  return check(target, options);
}

export const terraform: LanguageModule = {
  name: "terraform",
  claims(path: string): boolean {
    try {
      if (statSync(path).isDirectory()) return terraformFilesIn(path).length > 0;
      return isTerraformFile(path);
    } catch {
      return false;
    }
  },
  async check(targets: string[], options: CheckOptions): Promise<CheckReport[]> {
    const checked = new Set<string>();
    const reports = new Map<string, CheckReport>();
    // Targets another target calls as a local module go last: they are then checked once, as
    // that target's child, and their own report says so.
    const called = localModulesCalledBy(targets);
    const order = [...targets.filter((t) => !called.has(realDir(t))), ...targets.filter((t) => called.has(realDir(t)))];
    for (const target of order) reports.set(target, await checkTerraformModule(target, { ...options, checked }));
    return targets.map((t) => reports.get(t)!);
  },
};

function realDir(target: string): string {
  try {
    const dir = statSync(target).isDirectory() ? target : dirname(target);
    return realpathSync(dir);
  } catch {
    return resolve(target);
  }
}

/** Real paths of the `./` and `../` module sources the targets' files name (a text scan: claiming stays cheap). */
function localModulesCalledBy(targets: string[]): Set<string> {
  const out = new Set<string>();
  for (const target of targets) {
    const dir = realDir(target);
    for (const name of terraformFilesIn(dir)) {
      let text = "";
      try {
        text = readFileSync(join(dir, name), "utf8");
      } catch {
        continue;
      }
      for (const m of text.matchAll(/"?source"?\s*[=:]\s*"(\.\.?\/[^"]*)"/g)) {
        try {
          out.add(realpathSync(join(dir, m[1]!)));
        } catch {
          /* not a folder: reported by the module-source check */
        }
      }
    }
  }
  return out;
}
