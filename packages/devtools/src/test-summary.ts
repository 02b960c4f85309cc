// `pnpm test` ends here: one line per package from the vitest JSON reports turbo ran or restored,
// and one closing line that CI reads.
import { summarizeTests } from "./test-summary-lib.js";
import { findRepoRoot, listWorkspacePackages } from "./workspace.js";

const root = findRepoRoot();
const summary = summarizeTests(listWorkspacePackages(root));
console.log(summary.lines.join("\n"));
process.exitCode = summary.ok ? 0 : 1;
