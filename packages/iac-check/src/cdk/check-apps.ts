import type { CheckOptions, CheckReport } from "../language.js";

export async function checkCdkApps(targets: string[], _options: CheckOptions): Promise<CheckReport[]> {
  throw new Error(`CDK checking is being written (targets: ${targets.join(", ")})`);
}
