/**
 * Parses YAML and JSON blocks that are not embedded from an example file. YAML accepts
 * CloudFormation's short-form tags (`!Ref`, `!Sub`, `!GetAtt` …); any other unknown tag is
 * reported, as are duplicate keys.
 *
 * @example
 *   {"name": "ok", "file": "references/cfn.md"}
 *
 *   ````markdown
 *   # CloudFormation
 *
 *   ```yaml
 *   Resources:
 *     Queue:
 *       Type: AWS::SQS::Queue
 *   Outputs:
 *     QueueUrl:
 *       Value: !Ref Queue
 *     QueueArn:
 *       Value: !GetAtt Queue.Arn
 *     Name:
 *       Value: !Join ["-", [!Ref AWS::StackName, jobs]]
 *   ```
 *
 *   ```json
 *   {"Version": "2012-10-17", "Statement": []}
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "file": "references/cfn.md", "label": "input"}
 *
 *   ````markdown
 *   # CloudFormation
 *
 *   ```yaml
 *   Resources:
 *     Queue:
 *       Type: AWS::SQS::Queue
 *     Queue:
 *       Type: !Bogus x
 *   ```
 *
 *   ```json
 *   {"Version": "2012-10-17",}
 *   ```
 *   ````
 *
 * @example
 *   {"name": "not-ok", "label": "output"}
 *
 *   ```text
 *   7:3: YAML does not parse: Map keys must be unique
 *   8:11: YAML does not parse: Unresolved tag: !Bogus
 *   12:26: JSON does not parse: Expected double-quoted property name in JSON at position 25
 *   ```
 */
import { lintRule } from "unified-lint-rule";
import { visit } from "unist-util-visit";
import type { Root } from "mdast";
import type { LintContext } from "../context.js";
import { embeddedBlocks, snippetLanguage } from "../markdown.js";
import { checkJson, checkYaml } from "../snippets/cfn-yaml.js";
import { placeInBlock } from "../snippets/place.js";

const remarkLintDataSnippets = lintRule<Root, LintContext>(
  "skill-lint:data-snippets",
  (tree, file) => {
    const embedded = embeddedBlocks(tree);
    visit(tree, "code", (node) => {
      const language = snippetLanguage(node.lang);
      if (embedded.has(node) || (language !== "yaml" && language !== "json")) return;
      const problems = language === "yaml" ? checkYaml(node.value) : checkJson(node.value);
      const label = language === "yaml" ? "YAML" : "JSON";
      for (const problem of problems) {
        file.message(`${label} does not parse: ${problem.message}`, { place: placeInBlock(node, problem.line, problem.column) });
      }
    });
  },
);

export default remarkLintDataSnippets;
