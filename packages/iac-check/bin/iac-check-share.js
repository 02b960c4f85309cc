#!/usr/bin/env node
// iac-check-share -- <command> [args...]
//
// Runs the command (pnpm verify runs turbo) with IAC_CHECK_SHARED_ENGINE set to a socket. Every
// iac-check the command starts, in any package, then shares one engine host (aws-cdk-lib, cdk-nag,
// the validation engine) and one TypeScript 7 compiler instead of starting its own: about 15
// CPU-seconds of start-up paid once per run instead of once per example. The shared engine is
// started when the first iac-check connects (by then turbo has built iac-check) and stopped when
// the command ends; it is this process's child, so its CPU counts toward the run's.
//
// Plain JavaScript that imports nothing of iac-check: it starts before anything is built.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const SHARED_ENGINE_ENV = "IAC_CHECK_SHARED_ENGINE";
const START_LIMIT_MS = 60_000;
const STOP_GRACE_MS = 30_000;

const args = process.argv.slice(2);
const command = args[0] === "--" ? args.slice(1) : args;
if (command.length === 0 || command[0] === "-h" || command[0] === "--help") {
  process.stderr.write("usage: iac-check-share -- <command> [args...]\n\nRuns the command; every iac-check it starts shares one engine host and one TypeScript compiler.\n");
  process.exit(command.length === 0 ? 2 : 0);
}

// mkdtemp makes the folder 0700: only this user can reach the sockets.
const dir = mkdtempSync(join(tmpdir(), "iac-check-share-"));
const front = join(dir, "iac-check.sock");
const back = join(dir, "engine.sock");

/** @type {{ child: import("node:child_process").ChildProcess, ready: Promise<void> } | undefined} */
let engine;

function startEngine() {
  const entry = fileURLToPath(new URL("../dist/shared/server.js", import.meta.url));
  const child = spawn(process.execPath, [entry, back], { stdio: ["pipe", "pipe", "inherit"] });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the shared engine did not start within ${START_LIMIT_MS / 1000} s`));
    }, START_LIMIT_MS);
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("ready\n")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the shared engine exited (${signal ?? `code ${code}`})`));
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  // An engine that cannot start leaves each iac-check to check in its own process (it falls back
  // when its connection closes): say why once.
  ready.catch((error) => process.stderr.write(`iac-check-share: ${error.message}; each iac-check checks in its own process\n`));
  return { child, ready };
}

// Connections are relayed to the engine's own socket once it is listening.
const relay = createServer((socket) => {
  engine ??= startEngine();
  socket.on("error", () => undefined);
  engine.ready.then(
    () => {
      const upstream = createConnection(back);
      upstream.on("error", () => socket.destroy());
      socket.on("close", () => upstream.destroy());
      upstream.on("close", () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
    },
    () => socket.destroy(),
  );
});

async function stopEngine() {
  if (!engine) return;
  const { child } = engine;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  // Its stdin closing is the engine's signal to close the host and the compiler and exit.
  child.stdin.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

relay.on("error", (error) => {
  process.stderr.write(`iac-check-share: cannot listen on ${front}: ${error.message}\n`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});

relay.listen(front, () => {
  const child = spawn(command[0], command.slice(1), { stdio: "inherit", env: { ...process.env, [SHARED_ENGINE_ENV]: front } });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.once("error", (error) => {
    process.stderr.write(`iac-check-share: cannot run ${command[0]}: ${error.message}\n`);
    void finish(127);
  });
  child.once("exit", (code, signal) => void finish(code ?? (signal ? 1 : 0)));
});

let finishing = false;
async function finish(code) {
  if (finishing) return;
  finishing = true;
  relay.close();
  await stopEngine();
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
