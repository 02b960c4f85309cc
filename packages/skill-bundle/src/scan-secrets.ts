import { lintSource } from "@secretlint/core";
import { creator as recommendedRules } from "@secretlint/secretlint-rule-preset-recommend";

export interface SecretFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommendedRules }] };

/** Runs secretlint's recommended rules (AWS keys, private keys, tokens...) over one text file. */
export async function scanForSecrets(file: string, content: string): Promise<SecretFinding[]> {
  const result = await lintSource({
    source: { filePath: file, content, contentType: "text" },
    options: { config, maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages.map((message) => ({
    file,
    line: message.loc.start.line,
    column: message.loc.start.column + 1,
    rule: message.ruleId,
    message: message.message,
  }));
}
