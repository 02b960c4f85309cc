import type { CheckOptions, CheckReport } from "../language.js";

export async function checkTemplates(targets: string[], _options: CheckOptions): Promise<CheckReport[]> {
  throw new Error(`CloudFormation checking is being written (targets: ${targets.join(", ")})`);
}
