/** YAML parsing that accepts CloudFormation's short-form intrinsic tags (`!Ref`, `!Sub` …). */
import { parseAllDocuments, type Document } from "yaml";
import { cloudFormationTags } from "@aws-patterns/cfn-yaml-tags";

export interface YamlProblem {
  line: number;
  column: number;
  message: string;
}

/** Parses every document of a YAML stream; errors and unknown tags become problems. */
export function checkYaml(text: string): YamlProblem[] {
  let documents: Document.Parsed[] | ReturnType<typeof parseAllDocuments>;
  try {
    documents = parseAllDocuments(text, { customTags: cloudFormationTags, prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    return [{ line: 1, column: 1, message: (error as Error).message }];
  }
  if (!Array.isArray(documents)) return [];
  const problems: YamlProblem[] = [];
  for (const document of documents) {
    for (const issue of [...document.errors, ...document.warnings]) {
      const [line, column] = issue.linePos?.[0] ? [issue.linePos[0].line, issue.linePos[0].col] : [1, 1];
      problems.push({ line, column, message: issue.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "") });
    }
  }
  return problems;
}

/** JSON.parse with the error's position turned into line and column. */
export function checkJson(text: string): YamlProblem[] {
  try {
    JSON.parse(text);
    return [];
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const before = text.slice(0, offset).split("\n");
    return [{ line: before.length, column: (before.at(-1)?.length ?? 0) + 1, message: message.replace(/ \(line \d+ column \d+\)$/, "") }];
  }
}
