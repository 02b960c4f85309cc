// security-check end to end through its main function (the bin entry is a one-line wrapper):
// Terraform, templates, cdk.out and CDK apps from scripts/fixtures/security, each with the exact
// rule it must name, plus the ways a target cannot be checked (never a silent pass).
// The CDK and template checks use the built bin/security-check-{engine,preload}.mjs: turbo runs
// this package's build before its tests.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runMain, type Io } from "../src/shared/index.js";
import { main } from "../src/security-check/main.js";
import { exitCode, type TargetReport } from "../src/security-check/report.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "security");
const scratch = mkdtempSync(join(tmpdir(), "security-check-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface JsonFinding {
  severity: string;
  rule: string;
  file: string;
  line?: number;
  resource?: string;
  problem: string;
  fix: string;
}
interface JsonTarget {
  target: string;
  kind: string;
  findings: JsonFinding[];
  problems: { rule: string; message: string }[];
  acknowledged: { rule: string; location: string; reason: string }[];
}
interface JsonReport {
  exitCode: number;
  targets: JsonTarget[];
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = { out: "", err: "", stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) } satisfies Io & { out: string; err: string };
  const code = await runMain("security-check", (x) => main(argv, x), io);
  return { code, out: io.out, err: io.err };
}

async function runJson(...argv: string[]): Promise<{ code: number; report: JsonReport }> {
  const { code, out, err } = await run("--json", ...argv);
  expect(err).toBe("");
  return { code, report: JSON.parse(out) as JsonReport };
}

const rulesOf = (report: JsonReport) => report.targets.flatMap((t) => t.findings.map((f) => `${f.severity} ${f.rule} ${f.file.split("/").slice(-2).join("/")}:${f.line}`)).sort();

describe("Terraform", () => {
  it("a security group open on port 22 to 0.0.0.0/0 exits 1 and names the rule, with the fix", async () => {
    const { code, report } = await runJson(join(fixtures, "terraform-open-ssh"));
    expect(code).toBe(1);
    expect(rulesOf(report)).toEqual(["error tf-sec/no-public-admin-ingress terraform-open-ssh/main.tf:11"]);
    const [finding] = report.targets[0]!.findings;
    expect(finding).toMatchObject({ resource: "aws_security_group.admin", problem: "aws_security_group.admin admits 0.0.0.0/0 to 22 (SSH)" });
    expect(finding!.fix).toBe("Restrict the source to known networks or a security group, or use SSM Session Manager for administration.");
  });
  it("prints a markdown table naming the rule", async () => {
    const { code, out } = await run(join(fixtures, "terraform-open-ssh"));
    expect(code).toBe(1);
    expect(out).toMatch(/^\| error +\| tf-sec\/no-public-admin-ingress +\| .*main\.tf:11 +\| aws_security_group\.admin +\|/m);
    expect(out).toContain("# iac-check:ignore <rule>");
    expect(out).toContain("Result: findings at or above error (exit 1).");
  });
  it("a clean module exits 0", async () => {
    const { code, out } = await run(join(fixtures, "terraform-clean"));
    expect(code).toBe(0);
    expect(out).toContain("No findings.");
  });
});

// The expensive parts are an engine process (aws-cdk-lib's validation engine and cdk-nag, about
// 10 CPU-seconds to start) per run with templates, and a process per CDK app. So one run checks a
// project holding every app, template and cdk.out whose findings the tests below assert: one engine
// for all of them, and each target's report read on its own (exit code included, with the same
// exitCode main uses). The ways a run stops early (no aws-cdk-lib, a throwing or hanging app) keep
// runs of their own.
const project = join(scratch, "project");
const acknowledgeReason = "a bastion reached from anywhere during an incident drill";
let projectRun: Promise<{ code: number; report: JsonReport }> | undefined;

/** Writes the project once (node_modules: the scripts package's aws-cdk-lib stands in for the project's) and checks it. */
function checkProject(): Promise<{ code: number; report: JsonReport }> {
  projectRun ??= (async () => {
    for (const name of ["cdk-app-open-ssh", "cdk-app-clean", "template-open-ssh", "template-clean"]) cpSync(join(fixtures, name), join(project, name), { recursive: true });
    symlinkSync(join(import.meta.dirname, "..", "node_modules"), join(project, "node_modules"));
    const acknowledging = join(project, "acknowledging-app");
    cpSync(join(fixtures, "cdk-app-open-ssh"), acknowledging, { recursive: true });
    writeFileSync(
      join(acknowledging, "bin", "app.mjs"),
      `import { App, Stack, Validations, aws_ec2 as ec2 } from "aws-cdk-lib";
const app = new App();
const stack = new Stack(app, "OpenSsh");
const group = new ec2.CfnSecurityGroup(stack, "Admin", { groupDescription: "admin", vpcId: "vpc-0123456789abcdef0", securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIp: "0.0.0.0/0" }] });
Validations.of(group).acknowledge({ id: "AwsSolutions-EC23", reason: "${acknowledgeReason}" });
`,
    );
    // The cdk.out targets, synthesized as a plain `cdk synth` would. CDK_VALIDATION=false skips the
    // validation aws-cdk-lib runs on every synth: it is not under test here, and security-check
    // validates the templates itself; the templates and metadata are the same either way.
    for (const [app, outdir] of [
      [join(project, "cdk-app-open-ssh"), "open-ssh-assembly"],
      [acknowledging, "acknowledging-assembly"],
    ] as const) {
      execFileSync(process.execPath, ["bin/app.mjs"], { cwd: app, env: { ...process.env, CDK_OUTDIR: join(project, outdir), CDK_VALIDATION: "false" }, timeout: 300_000 });
    }
    return runJson(project);
  })();
  return projectRun;
}

/** The report of one target of the project run, and the exit code a run of that target alone would give. */
async function projectTarget(name: string): Promise<{ code: number; target: JsonTarget; report: JsonReport }> {
  const { report } = await checkProject();
  const target = report.targets.find((t) => t.target.split(/[\\/]/).includes(name));
  if (!target) throw new Error(`the project run has no target ${name}: ${report.targets.map((t) => t.target).join(", ")}`);
  return { code: exitCode([target as unknown as TargetReport], "error"), target, report: { ...report, targets: [target] } };
}

describe("one run over a project of apps, templates and cdk.out folders", () => {
  it("checks every target in it with one engine and exits 1 for the findings", async () => {
    const { code, report } = await checkProject();
    expect(report.targets.map((t) => `${t.kind} ${t.target.split(/[\\/]/).at(-1)}`).sort()).toEqual([
      "cdk-app acknowledging-app",
      "cdk-app cdk-app-clean",
      "cdk-app cdk-app-open-ssh",
      "cdk-assembly acknowledging-assembly",
      "cdk-assembly open-ssh-assembly",
      "cloudformation template.yaml",
      "cloudformation template.yaml",
    ]);
    expect(report.exitCode).toBe(1);
    expect(code).toBe(1);
  });
});

describe("CloudFormation templates", () => {
  it("an open SSH security group exits 1 with cdk-nag's rule (error) and the engine's (warning)", async () => {
    const { code, report } = await projectTarget("template-open-ssh");
    expect(code).toBe(1);
    expect(rulesOf(report)).toEqual(["error AwsSolutions-EC23 template-open-ssh/template.yaml:7", "warning cfn-validate/W2508 template-open-ssh/template.yaml:12"]);
    const ec23 = report.targets[0]!.findings.find((f) => f.rule === "AwsSolutions-EC23")!;
    expect(ec23.problem).toBe("The Security Group allows for 0.0.0.0/0 or ::/0 inbound access.");
    // cdk-nag's explanation is the fix.
    expect(ec23.fix).toMatch(/^Large port ranges, when open, expose instances/);
  });
  it("a clean template exits 0", async () => {
    const { code, report } = await projectTarget("template-clean");
    expect(report.targets[0]!.problems).toEqual([]);
    expect(rulesOf(report).filter((r) => !r.startsWith("info"))).toEqual([]);
    expect(code).toBe(0);
  });
  it("without an aws-cdk-lib it exits 2 saying what to install; --with a folder that has one checks it", async () => {
    const dir = join(scratch, "template-alone");
    cpSync(join(fixtures, "template-open-ssh"), dir, { recursive: true });
    const alone = await run(join(dir, "template.yaml"));
    expect(alone.code).toBe(2);
    expect(alone.out).toContain("CloudFormation templates are checked with the validation engine inside aws-cdk-lib, which security-check does not bundle");
    expect(alone.out).toContain("npm install --prefix /tmp/security-check-cdk --no-save aws-cdk-lib constructs");
    const withLib = await runJson("--with", join(import.meta.dirname, ".."), join(dir, "template.yaml"));
    expect(withLib.code).toBe(1);
    expect(rulesOf(withLib.report)).toContain("error AwsSolutions-EC23 template-alone/template.yaml:7");
  });
  it("--with a folder without aws-cdk-lib is a problem, not a pass", async () => {
    const { code, report } = await runJson("--with", scratch, join(fixtures, "template-clean", "template.yaml"));
    expect(code).toBe(2);
    expect(report.targets[0]!.problems[0]!.message).toContain(`--with ${scratch}: no aws-cdk-lib is installed for ${scratch}`);
  });
});

describe("CDK apps", () => {
  it("synthesizes with the project's aws-cdk-lib: an open SSH group exits 1 naming AwsSolutions-EC23", async () => {
    const { code, report } = await projectTarget("cdk-app-open-ssh");
    expect(report.targets[0]!.problems).toEqual([]);
    expect(code).toBe(1);
    expect(rulesOf(report)).toEqual(["error AwsSolutions-EC23 bin/app.mjs:6", "warning cfn-validate/W2508 bin/app.mjs:6"]);
    expect(report.targets[0]!.findings[0]!.resource).toBe("OpenSsh/Admin");
  });
  it("a clean app exits 0", async () => {
    const { code, report } = await projectTarget("cdk-app-clean");
    expect(report.targets[0]!.problems).toEqual([]);
    expect(rulesOf(report).filter((r) => !r.startsWith("info"))).toEqual([]);
    expect(code).toBe(0);
  });
  it("says clearly when the project has no aws-cdk-lib installed (exit 2)", async () => {
    const dir = join(scratch, "app-not-installed");
    cpSync(join(fixtures, "cdk-app-open-ssh"), dir, { recursive: true });
    const { code, out } = await run(dir);
    expect(code).toBe(2);
    expect(out).toContain(`a CDK app is synthesized with the aws-cdk-lib its own project installed, and no aws-cdk-lib is installed for ${dir}: install the project's dependencies first`);
  });
  it("an app that throws is a problem with the app's own message (exit 2)", async () => {
    const dir = join(scratch, "throwing-app");
    cpSync(join(fixtures, "cdk-app-clean"), dir, { recursive: true });
    // The scripts package's aws-cdk-lib stands in for the project's.
    symlinkSync(join(import.meta.dirname, "..", "node_modules"), join(dir, "node_modules"));
    writeFileSync(join(dir, "bin", "app.mjs"), 'import { App } from "aws-cdk-lib";\nnew App();\nthrow new Error("the VPC id is missing from config");\n');
    const { code, out } = await run(dir);
    expect(code).toBe(2);
    expect(out).toContain("the app command `node bin/app.mjs` failed (exit 1); its last output:");
    expect(out).toContain("the VPC id is missing from config");
  });
  it("stops an app that never finishes at --timeout (exit 2)", async () => {
    const dir = join(scratch, "hanging-app");
    cpSync(join(fixtures, "cdk-app-clean"), dir, { recursive: true });
    symlinkSync(join(import.meta.dirname, "..", "node_modules"), join(dir, "node_modules"));
    writeFileSync(join(dir, "bin", "app.mjs"), "setInterval(() => {}, 1000);\n");
    const { code, out } = await run("--timeout", "3", dir);
    expect(code).toBe(2);
    expect(out).toContain("the app command `node bin/app.mjs` did not finish within 3 s (--timeout) and was stopped (synth/timeout)");
  });

  it("honours Validations.of(x).acknowledge in the app and in its cdk.out", async () => {
    const app = await projectTarget("acknowledging-app");
    expect(app.code).toBe(0);
    expect(rulesOf(app.report)).toEqual(["warning cfn-validate/W2508 bin/app.mjs:4"]);
    expect(app.target).toMatchObject({ acknowledged: [{ rule: "AwsSolutions-EC23", location: "OpenSsh/Admin", reason: acknowledgeReason }] });

    const assembly = await projectTarget("acknowledging-assembly");
    expect(assembly.code).toBe(0);
    expect(rulesOf(assembly.report)).toEqual(["warning cfn-validate/W2508 acknowledging-assembly/OpenSsh.template.json:7"]);
    expect(assembly.target).toMatchObject({ acknowledged: [{ rule: "AwsSolutions-EC23", location: "Admin", reason: acknowledgeReason }] });
  });

  it("checks a synthesized cdk.out through its stack templates", async () => {
    const { code, target, report } = await projectTarget("open-ssh-assembly");
    expect(target.kind).toBe("cdk-assembly");
    expect(code).toBe(1);
    expect(rulesOf(report)).toEqual(["error AwsSolutions-EC23 open-ssh-assembly/OpenSsh.template.json:3", "warning cfn-validate/W2508 open-ssh-assembly/OpenSsh.template.json:7"]);
  });
});

describe("usage", () => {
  it("a folder with nothing to check exits 2 saying what it looked for", async () => {
    const dir = mkdtempSync(join(scratch, "empty-"));
    const { code, out } = await run(dir);
    expect(code).toBe(2);
    expect(out).toContain("no CDK app (a folder with cdk.json), no CloudFormation template (.yaml, .yml, .json with a Resources section) and no Terraform module (*.tf, *.tf.json) was found");
  });
  it("--help exits 0 with the usage", async () => {
    const { code, out } = await run("--help");
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: security-check \[options\] <path>/);
  });
  it("mistakes exit 2 with a message and no stack trace", async () => {
    for (const [argv, message] of [
      [[], "security-check: missing <path>"],
      [["--bogus", "x"], "security-check: Unknown option '--bogus'"],
      [["--severity", "loud", "x"], '--severity must be one of error, warning, info (got "loud")'],
      [["--timeout", "0", "x"], '--timeout must be a number of seconds above 0 (got "0")'],
      [[join(scratch, "missing")], `security-check: ${join(scratch, "missing")}: no such file or folder`],
      [[join(fixtures, "cdk-app-open-ssh", "cdk.json", "nope")], "no such file or folder"],
    ] as const) {
      const { code, err } = await run(...argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(err).toContain(message);
      expect(err).not.toContain("    at ");
    }
  });
});
