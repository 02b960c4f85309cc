/**
 * .github/workflows/eval.yml: runs on pull requests that touch skill/, only when the key secret
 * exists (checked through the environment, since `if:` cannot read secrets), and posts the
 * with/without table to the job summary through the root `pnpm eval` script.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../src/paths.js";

interface Step {
  name?: string;
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
}

const workflow = parse(readFileSync(path.join(REPO_ROOT, ".github", "workflows", "eval.yml"), "utf8")) as {
  on: { pull_request?: { paths?: string[] }; push?: unknown };
  permissions: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; steps: Step[]; "timeout-minutes"?: number }>;
};
const job = Object.values(workflow.jobs)[0]!;

describe("the eval workflow", () => {
  it("runs on pull requests that touch skill/ only, with read-only permissions and a time limit", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.on.pull_request?.paths).toEqual(["skill/**"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(job["timeout-minutes"]).toBeGreaterThan(0);
  });

  it("checks for the secret through the environment before anything else, and gates every later step on it", () => {
    expect(job.env?.ANTHROPIC_API_KEY).toBe("${{ secrets.ANTHROPIC_API_KEY }}");
    const [check, ...rest] = job.steps;
    expect(check!.id).toBe("key");
    expect(check!.run).toContain('if [ -n "${ANTHROPIC_API_KEY}" ]');
    expect(check!.run).toContain('echo "present=true" >> "$GITHUB_OUTPUT"');
    for (const step of rest) expect(step.if, `step ${step.name ?? step.uses}`).toMatch(/^steps\.key\.outputs\.present == 'true'/);
    for (const step of job.steps) expect(step.if ?? "", "a secret in if: is always empty").not.toContain("secrets.");
  });

  it("runs the root pnpm eval script, bounded, and posts its table to the job summary", () => {
    const run = job.steps.find((step) => step.run?.startsWith("pnpm eval"));
    expect(run?.run).toMatch(/--limit \d+/);
    expect(run?.run).toContain('--summary "$GITHUB_STEP_SUMMARY"');
    const rootScripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(rootScripts.eval).toMatch(/node packages\/skill-evals\/bin\/skill-evals\.js eval$/);
    expect(rootScripts.verify).not.toContain("eval");
  });
});
