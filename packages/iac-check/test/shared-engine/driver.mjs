// Runs under iac-check-share, as turbo does in a verify run: several iac-check processes, some at
// once, some one after another with another environment, then writes what each printed to the
// file named by argv[2] (the test reads it).
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/iac-check.js", import.meta.url));
const cwd = fileURLToPath(new URL("../..", import.meta.url));

function iacCheck(args, env = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, "--format", "json", "--no-report", ...args], { cwd, env: { ...process.env, IAC_CHECK_CFN_LINT: "0", NODE_PATH: `${cwd}node_modules`, ...env }, timeout: 500_000, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const results = {};
// A task whose environment turns CloudFormation validation off gets a host with its settings...
results.validationOff = await iacCheck(["fixtures/cdk/unknown-property"], { CDK_VALIDATION: "false" });
// ...and the next tasks, with validation on, must not inherit them. Two check tasks at once: apps
// and a template, each its own process, with what pnpm and turbo set differently for each package
// (its node_modules/.bin first on PATH, its npm_* variables, the one NODE_PATH folder spelled from
// the package's own bin folder).
[results.apps, results.template] = await Promise.all([
  iacCheck(["fixtures/cdk/type-error", "fixtures/cdk/deprecated-api", "fixtures/cdk/unknown-property"], { PATH: `${cwd}node_modules/.bin:${process.env.PATH}`, NODE_PATH: `${cwd}node_modules/.bin/../../node_modules`, npm_package_name: "apps", TURBO_HASH: "1" }),
  iacCheck(["fixtures/cloudformation/unknown-property"], { NODE_PATH: `${cwd}fixtures/cdk/../../node_modules`, npm_package_name: "template", TURBO_HASH: "2" }),
]);
// An app that never returns is stopped at --timeout; the next app gets a fresh shared host.
results.hang = await iacCheck(["--timeout", "30", "fixtures/cdk/app-hangs", "fixtures/cdk/passing"]);
writeFileSync(process.argv[2], JSON.stringify(results));
