// bin/security-check-companion.mjs: the two roles security-check gives a process besides its own,
// in one file so the bundled cdk-nag ships once. SECURITY_CHECK_ROLE=engine: the engine host
// forked to check templates (./engine-host.ts). Otherwise: the preload imported into a CDK app's
// processes with NODE_OPTIONS=--import (./preload.ts). Each role loads only its own code.
import { ENV } from "./app-result.js";

if (process.env[ENV.role] === "engine") await import("./engine-host.js");
else await import("./preload.js");
