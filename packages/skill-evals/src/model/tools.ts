/**
 * The file tools the agent gets when the skill is installed: read a bundle file, list a folder,
 * run a bundled script. Paths are bundle paths (relative to the skill folder); nothing outside the
 * bundle can be read or run. Scripts run with a timeout, a clean environment (no API keys or AWS
 * credentials are passed on) and their output truncated.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bundlePathToFile } from "@aws-patterns/bundle-layout";
import type { BundleReader } from "../bundle.js";
import type { ToolSpec } from "./types.js";

export const MAX_TOOL_OUTPUT = 60_000;

export const TOOL_SPECS: ToolSpec[] = [
  {
    name: "read_file",
    description: "Read a file of the installed skill. `path` is relative to the skill folder, e.g. SKILL.md or references/networking.md.",
    inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
  },
  {
    name: "list_files",
    description: "List the files and folders in a folder of the skill (\"\" for the skill folder itself). Folders end in /.",
    inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
  },
  {
    name: "run_script",
    description: "Run a script shipped in the skill's scripts/ folder with arguments, and get its output. Node scripts (.mjs, .js) run with node, shell scripts with bash.",
    inputSchema: {
      type: "object",
      properties: { path: { type: "string" }, args: { type: "array", items: { type: "string" } } },
      required: ["path"],
    },
  },
];

export interface ToolOutcome {
  content: string;
  isError: boolean;
}

export interface ToolRunner {
  run(name: string, input: unknown): Promise<ToolOutcome>;
}

function truncate(text: string): string {
  return text.length > MAX_TOOL_OUTPUT ? `${text.slice(0, MAX_TOOL_OUTPUT)}\n[truncated at ${MAX_TOOL_OUTPUT} characters]` : text;
}

const clean = (value: unknown) =>
  typeof value === "string" ? path.posix.normalize(value.replace(/^\.?\/+/, "")).replace(/^\.$/, "") : undefined;

export function bundleTools(bundle: BundleReader, scriptTimeoutMs: number): ToolRunner {
  const fail = (content: string): ToolOutcome => ({ content, isError: true });
  return {
    async run(name, input) {
      const args = (input ?? {}) as { path?: unknown; args?: unknown };
      const target = clean(args.path);
      if (target === undefined) return fail(`${name}: input needs a string "path"`);
      if (target.startsWith("..")) return fail(`${target}: outside the skill folder`);
      if (name === "read_file") {
        const text = await bundle.read(target);
        return text === undefined ? fail(`${target}: no such file in the skill (list_files shows what there is)`) : { content: truncate(text), isError: false };
      }
      if (name === "list_files") {
        const prefix = target === "" ? "" : `${target.replace(/\/$/, "")}/`;
        const entries = new Set<string>();
        for (const file of await bundle.list()) {
          if (!file.startsWith(prefix)) continue;
          const rest = file.slice(prefix.length);
          entries.add(rest.includes("/") ? `${rest.split("/")[0]}/` : rest);
        }
        return entries.size === 0 ? fail(`${target}: no such folder in the skill`) : { content: [...entries].sort().join("\n"), isError: false };
      }
      if (name === "run_script") {
        if (!target.startsWith("scripts/")) return fail(`${target}: only scripts under scripts/ may be run`);
        const file = bundlePathToFile(bundle.layout, target);
        if (!file || (await bundle.read(target)) === undefined) return fail(`${target}: no such script in the skill`);
        const argv = Array.isArray(args.args) ? args.args.map(String) : [];
        return runScript(file, argv, bundle.layout.root, scriptTimeoutMs);
      }
      return fail(`unknown tool "${name}" (tools: read_file, list_files, run_script)`);
    },
  };
}

/**
 * Runs from the folder bundle paths resolve against (the unpacked bundle, or the monorepo root,
 * where `examples/...` and `scripts/...` are the same paths), as SKILL.md tells agents to.
 */
async function runScript(file: string, argv: string[], cwd: string, timeoutMs: number): Promise<ToolOutcome> {
  const [command, commandArgs] = file.endsWith(".sh") ? ["bash", [file, ...argv]] : [process.execPath, [file, ...argv]];
  const home = await mkdtemp(path.join(tmpdir(), "skill-evals-script-"));
  try {
    return await new Promise<ToolOutcome>((resolve) => {
      execFile(
        command,
        commandArgs,
        { cwd, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 4 * MAX_TOOL_OUTPUT, env: { PATH: process.env.PATH ?? "", HOME: home, NO_COLOR: "1" } },
        (error, stdout, stderr) => {
          // Exit 1 is a script's "findings" status (the scripts' convention), not a tool failure.
          const killed = error && (error as { killed?: boolean }).killed;
          const code = error ? ((error as { code?: number | string }).code ?? 1) : 0;
          const status = killed ? `killed after the ${timeoutMs / 1000} s timeout` : `exit code ${code}`;
          resolve({ content: truncate(`${status}\n${stdout}${stderr ? `\n[stderr]\n${stderr}` : ""}`), isError: Boolean(killed) || (Boolean(error) && code !== 1) });
        },
      );
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
