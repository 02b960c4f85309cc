// Which files and folders are Terraform: kept free of the parser so claiming paths stays cheap.
import { readdirSync } from "node:fs";

export const isTerraformFile = (name: string): boolean => name.endsWith(".tf") || name.endsWith(".tf.json");

/** The .tf and .tf.json files of one folder (Terraform reads one folder, not subfolders), sorted. */
export function terraformFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && isTerraformFile(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}
