// The Terraform language module: claims every folder that holds .tf or .tf.json files and checks
// it (./check-module.ts). Claiming only reads folder listings; the parser's WebAssembly and the
// provider schema load on the first check, so runs without Terraform targets never pay for them.

import { statSync } from "node:fs";
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
    const reports: CheckReport[] = [];
    for (const target of targets) reports.push(await checkTerraformModule(target, options));
    return reports;
  },
};
