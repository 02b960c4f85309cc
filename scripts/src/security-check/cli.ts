// The bin entry of security-check (bin/security-check.mjs); the work is in ./main.ts.
import { runScript } from "../shared/index.js";
import { main } from "./main.js";

runScript("security-check", (io) => main(process.argv.slice(2), io));
