/** The eval's result as a markdown table (terminal and GitHub job summary alike). */
import type { EvalSummary } from "./run.js";

const n = (value: number) => value.toLocaleString("en-US");
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function evalMarkdown(summary: EvalSummary): string {
  const t = summary.totals;
  const sign = t.difference > 0 ? "+" : "";
  const lines = [
    `### Skill evals with ${summary.provider} (${summary.model})`,
    "",
    "| | With the skill | Without | Difference |",
    "| --- | --- | --- | --- |",
    `| Scenarios passed | ${t.withSkill.passed} of ${t.runs} (${t.withSkill.rate}%) | ${t.withoutSkill.passed} of ${t.runs} (${t.withoutSkill.rate}%) | ${sign}${t.difference} points |`,
    `| Runs that errored | ${t.withSkill.errors} | ${t.withoutSkill.errors} | |`,
    `| Tokens (input + output) | ${n(t.withSkill.usage.input)} + ${n(t.withSkill.usage.output)} | ${n(t.withoutSkill.usage.input)} + ${n(t.withoutSkill.usage.output)} | |`,
    "",
    `Trigger cases: ${t.triggers.passed} of ${t.triggers.total} as expected. Grader and trigger tokens: ${n(t.graderUsage.input)} + ${n(t.graderUsage.output)}.`,
    "",
    "| Scenario | With the skill | Without |",
    "| --- | --- | --- |",
  ];
  const verdict = (arm: EvalSummary["scenarios"][number]["withSkill"]) =>
    arm.pass ? "pass" : arm.error ? `error: ${arm.error}` : `fail: ${arm.failures.join("; ")}`;
  for (const s of summary.scenarios) lines.push(`| ${cell(s.id)} | ${cell(verdict(s.withSkill))} | ${cell(verdict(s.withoutSkill))} |`);
  const wrong = summary.triggers.filter((trigger) => !trigger.pass);
  if (wrong.length > 0) {
    lines.push("", "Trigger cases not as expected:", "");
    for (const trigger of wrong) lines.push(`- ${trigger.id}: expected ${trigger.expect}, ${trigger.error ?? `chose ${JSON.stringify(trigger.chose)}`}`);
  }
  return `${lines.join("\n")}\n`;
}
