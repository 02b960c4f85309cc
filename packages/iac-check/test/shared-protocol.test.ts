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
