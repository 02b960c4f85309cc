// resource-audit is read-only by construction: every command it can send is in the registry, each is
// a Describe/List/Get, and the shipped IAM policy grants exactly the read actions those commands need.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fact, PRICE_FACTS, runtimeDeprecationDates } from "../src/resource-audit/prices.js";
import { COMMANDS } from "../src/resource-audit/registry.js";
import { runAudit } from "../src/resource-audit/audit.js";
import { type Mocks, mockAll, options, restoreAll, seedAccount, testCaller } from "./audit-mock-account.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const READ_VERB = /^(Describe|List|Get)[A-Z]/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("resource-audit sends read-only calls only", () => {
  it("names only Describe*, List* and Get* commands in its registry", () => {
    const names = Object.keys(COMMANDS);
    expect(names.length).toBeGreaterThan(0);
    for (const [name, entry] of Object.entries(COMMANDS)) {
      expect(name, name).toMatch(READ_VERB);
      // The key is what the test checks; the class is what is sent. They must be the same command.
      expect(entry.command.name, name).toBe(`${name}Command`);
    }
  });

  it("imports SDK commands nowhere but the registry (so the registry is every command it can send)", () => {
    const offenders: string[] = [];
    for (const file of sources(join(root, "src/resource-audit"))) {
      const rel = relative(root, file);
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+"(@aws-sdk\/[^"]+|@smithy\/[^"]+)"/g)) {
        if (rel === "src/resource-audit/registry.ts" || match[1]) continue;
        offenders.push(`${rel}: ${match[2]!.trim()} from ${match[3]}`);
      }
      if (rel !== "src/resource-audit/registry.ts" && /\b\w+Command\s*\(/.test(text.replace(/buildCommand\(/g, ""))) {
        offenders.push(`${rel}: constructs a command`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("sends nothing outside the registry during a full audit", async () => {
    const mocks: Mocks = mockAll();
    try {
      seedAccount(mocks);
      await runAudit(testCaller(), options());
      const sent = new Set<string>();
      for (const mock of Object.values(mocks)) for (const call of mock.calls()) sent.add((call.args[0] as object).constructor.name);
      const registered = new Set(Object.keys(COMMANDS).map((n) => `${n}Command`));
      expect([...sent].filter((n) => !registered.has(n))).toEqual([]);
      // Every registry entry but the identity check (sent by the CLI) is exercised by the seeded account.
      expect([...registered].filter((n) => !sent.has(n))).toEqual(["GetBucketLocationCommand", "GetCallerIdentityCommand"]);
    } finally {
      restoreAll(mocks);
    }
  });
});

describe("scripts/iam/resource-audit-policy.json", () => {
  const policy = JSON.parse(readFileSync(join(root, "iam/resource-audit-policy.json"), "utf8")) as {
    Version: string;
    Statement: Array<Record<string, unknown>>;
  };
  const actions = policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])) as string[];

  it("allows read actions only, with no wildcards, NotAction or Deny tricks", () => {
    expect(policy.Version).toBe("2012-10-17");
    for (const statement of policy.Statement) {
      expect(Object.keys(statement).sort()).toEqual(["Action", "Effect", "Resource", "Sid"]);
      expect(statement.Effect).toBe("Allow");
    }
    for (const action of actions) {
      const [service, verb] = action.split(":") as [string, string];
      expect(service, action).toMatch(/^[a-z0-9-]+$/);
      expect(verb, action).toMatch(READ_VERB);
      expect(action).not.toContain("*");
    }
  });

  it("grants exactly the actions of the commands the audit sends", () => {
    const needed = [...new Set(Object.values(COMMANDS).map((c) => c.iam))].sort();
    expect([...actions].sort()).toEqual(needed);
    expect(new Set(actions).size).toBe(actions.length);
  });
});

describe("the skill/data records the audit embeds", () => {
  it("exist with the units the arithmetic assumes", () => {
    for (const { id, unit } of Object.values(PRICE_FACTS)) {
      const record = fact(id);
      expect(record.unit, id).toBe(unit);
      expect(typeof record.value, id).toBe("number");
    }
  });

  it("give a deprecation date for every runtime in the Lambda runtime record", () => {
    const dates = runtimeDeprecationDates();
    expect(dates.get("python3.9")).toBe("2025-12-15");
    expect(dates.get("nodejs20.x")).toBe(fact("lambda.deprecation-nodejs20").value);
    expect(dates.get("nodejs22.x")).toBe(fact("lambda.deprecation-nodejs22").value);
    expect(dates.has("nodejs24.x")).toBe(false);
  });
});
