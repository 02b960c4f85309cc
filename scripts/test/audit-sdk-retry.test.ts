// The SDK layer under resource-audit's calls, against a local HTTP server rather than a mocked
// `send`: the client configuration retries throttling itself, and a server that never answers
// ends in the call timeout.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsCaller, CallTimeoutError, DEFAULT_CALL_SETTINGS } from "../src/resource-audit/call.js";

const THROTTLED = `<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r1</RequestID></Response>`;
const VOLUMES = `<DescribeVolumesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r2</requestId><volumeSet><item><volumeId>vol-1</volumeId><size>5</size><volumeType>gp2</volumeType><status>available</status></item></volumeSet></DescribeVolumesResponse>`;

let server: Server;
let endpoint = "";
let requests = 0;
let mode: "throttle-twice" | "hang" = "throttle-twice";
const saved = { ...process.env };

beforeAll(async () => {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" });
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      requests++;
      if (mode === "hang") return; // never answers
      const throttled = requests <= 2;
      res.writeHead(throttled ? 503 : 200, { "content-type": "text/xml" });
      res.end(throttled ? THROTTLED : VOLUMES);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  process.env = saved;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the SDK clients resource-audit builds", () => {
  it("retry a throttled request inside the SDK (no retry of the script's own needed)", async () => {
    requests = 0;
    mode = "throttle-twice";
    const sleeps: number[] = [];
    const caller = new AwsCaller({ ...DEFAULT_CALL_SETTINGS, endpointUrl: endpoint, sleep: async (ms) => void sleeps.push(ms) });
    try {
      const output = await caller.call("DescribeVolumes", "us-east-1", {});
      expect(output.Volumes?.map((v) => v.VolumeId)).toEqual(["vol-1"]);
      expect(requests).toBe(3);
      expect(output.$metadata.attempts).toBe(3);
      expect(sleeps).toEqual([]);
    } finally {
      caller.destroy();
    }
  }, 30_000);

  it("end a call the server never answers with the call timeout", async () => {
    requests = 0;
    mode = "hang";
    const caller = new AwsCaller({ ...DEFAULT_CALL_SETTINGS, endpointUrl: endpoint, timeoutMs: 300 });
    try {
      await expect(caller.call("DescribeVolumes", "us-east-1", {})).rejects.toBeInstanceOf(CallTimeoutError);
    } finally {
      caller.destroy();
    }
  }, 30_000);
});
