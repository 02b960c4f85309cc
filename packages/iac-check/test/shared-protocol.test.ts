// What of a check task's environment decides which shared engine host serves it.
import { expect, it } from "vitest";
import { checkEnvironment } from "../src/shared/protocol.js";

it("keeps what a check can depend on and drops what differs per task in one turbo run", () => {
  const env = {
    PATH: "/repo/examples/a/node_modules/.bin:/usr/bin",
    CDK_VALIDATION: "false",
    JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: "1",
    HOME: "/home/ci",
    npm_package_name: "@aws-patterns/example-a",
    npm_lifecycle_event: "check",
    TURBO_HASH: "abc123",
    PNPM_SCRIPT_SRC_DIR: "/repo/examples/a",
    pnpm_config_script_shell: "/bin/bash",
    PWD: "/repo/examples/a",
    INIT_CWD: "/repo",
    OLDPWD: "/repo",
    SHLVL: "2",
    _: "/usr/bin/node",
    UNSET: undefined,
  };
  expect(checkEnvironment(env)).toEqual({ CDK_VALIDATION: "false", HOME: "/home/ci", JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: "1", PATH: "/repo/examples/a/node_modules/.bin:/usr/bin" });
  expect(Object.keys(checkEnvironment(env))).toEqual(["CDK_VALIDATION", "HOME", "JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "PATH"]);
});

it("compares NODE_PATH by the folders it names, as pnpm's bin shims spell it per package", () => {
  const fromExample = checkEnvironment({ NODE_PATH: "/repo/examples/cdk/a/node_modules/.bin/../../../../../node_modules/.pnpm/node_modules" });
  const fromScripts = checkEnvironment({ NODE_PATH: "/repo/scripts/node_modules/.bin/../../../node_modules/.pnpm/node_modules" });
  expect(fromExample).toEqual({ NODE_PATH: "/repo/node_modules/.pnpm/node_modules" });
  expect(fromScripts).toEqual(fromExample);
  expect(checkEnvironment({ NODE_PATH: "/elsewhere/node_modules" })).not.toEqual(fromExample);
});
