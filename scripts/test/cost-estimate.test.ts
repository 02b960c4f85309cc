// Every priced dimension against figures worked by hand: quantity (in the record's billing unit) x
// the record's unit price. The unit price is part of each expectation, so a changed record fails
// here and the arithmetic in the comment is redone by whoever changed it.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Estimate } from "../src/cost-estimate/estimate.js";
import { estimateJson, FIXTURES, linesOf } from "./cost-helpers.js";

let estimate: Estimate;
beforeAll(async () => {
  estimate = await estimateJson([path.join(FIXTURES, "all-types.yaml"), "--usage", path.join(FIXTURES, "all-types.usage.yaml")]);
});

describe("cost-estimate prices each dimension from its record", () => {
  it("Lambda: requests per 1M, duration per GB-second, arm64 and x86_64", () => {
    // 3M requests x $0.20 = $0.60; 3M x 0.2 s x 0.5 GB = 300,000 GB-s x $0.0000133334 = $4.00002
    expect(linesOf(estimate, "ArmFunction")).toEqual([
      ["Requests", 3, 0.2, "$0.60"],
      ["Duration, arm64", 300_000, 0.0000133334, "$4.00"],
    ]);
    // 1M x $0.20 = $0.20; 1M x 0.1 s x 1 GB = 100,000 GB-s x $0.0000166667 = $1.66667
    expect(linesOf(estimate, "X86Function")).toEqual([
      ["Requests", 1, 0.2, "$0.20"],
      ["Duration, x86_64", 100_000, 0.0000166667, "$1.67"],
    ]);
  });

  it("API Gateway: HTTP and REST APIs per 1M requests", () => {
    expect(linesOf(estimate, "HttpApi")).toEqual([["HTTP API requests", 1, 1, "$1.00"]]);
    expect(linesOf(estimate, "RestApi")).toEqual([["REST API requests", 1, 3.5, "$3.50"]]);
  });

  it("DynamoDB: on-demand request units, provisioned capacity hours, storage, point-in-time recovery", () => {
    // 1M RRU x $0.125 = $0.125 (rounds half up to $0.13); 1M WRU x $0.625 = $0.625 -> $0.63
    expect(linesOf(estimate, "OnDemandTable")).toEqual([
      ["On-demand reads", 1, 0.125, "$0.13"],
      ["On-demand writes", 1, 0.625, "$0.63"],
      ["Storage, Standard table class", 1, 0.25, "$0.25"],
      ["Point-in-time recovery", 1, 0.2, "$0.20"],
    ]);
    // 5 RCU x 730 h = 3,650 x $0.00013 = $0.4745; 5 WCU x 730 h = 3,650 x $0.00065 = $2.3725
    expect(linesOf(estimate, "ProvisionedTable")).toEqual([
      ["Provisioned read capacity", 3650, 0.00013, "$0.47"],
      ["Provisioned write capacity", 3650, 0.00065, "$2.37"],
      ["Storage, Standard table class", 1, 0.25, "$0.25"],
    ]);
  });

  it("S3: storage by class, requests per 1,000 (Standard), other classes' requests not priced", () => {
    // 100 GB x $0.023 = $2.30; 10,000 PUT = 10 x $0.005 = $0.05; 100,000 GET = 100 x $0.0004 = $0.04
    expect(linesOf(estimate, "Bucket")).toEqual([
      ["Storage, S3 Standard", 100, 0.023, "$2.30"],
      ["PUT, COPY, POST, LIST requests", 10, 0.005, "$0.05"],
      ["GET and other requests", 100, 0.0004, "$0.04"],
    ]);
    // 1,000 GB x $0.00099 = $0.99
    expect(linesOf(estimate, "ArchiveBucket")).toEqual([["Storage, S3 Glacier Deep Archive", 1000, 0.00099, "$0.99"]]);
    expect(estimate.resources.find((r) => r.id === "ArchiveBucket")!.notPriced.map((n) => n.dimension)).toEqual(["Requests and retrievals, S3 Glacier Deep Archive"]);
  });

  it("CloudFront: data transfer out per GB, HTTPS requests per 10,000", () => {
    // 10 GB x $0.085 = $0.85; 1M requests = 100 x 10,000 x $0.01 = $1.00
    expect(linesOf(estimate, "Distribution")).toEqual([
      ["Data transfer out to the internet", 10, 0.085, "$0.85"],
      ["HTTPS requests", 100, 0.01, "$1.00"],
    ]);
  });

  it("ALB and NLB: hours, capacity units, public IPv4 per AZ when internet-facing", () => {
    // 730 h x $0.0225 = $16.425 -> $16.43; 1 LCU x 730 h x $0.008 = $5.84; 3 subnets x 730 h x $0.005 = $10.95
    expect(linesOf(estimate, "LoadBalancer")).toEqual([
      ["ALB hours", 730, 0.0225, "$16.43"],
      ["Load balancer capacity units", 730, 0.008, "$5.84"],
      ["Public IPv4 addresses", 2190, 0.005, "$10.95"],
    ]);
    // internal: no public addresses; 730 x $0.006 = $4.38
    expect(linesOf(estimate, "NetworkLoadBalancer")).toEqual([
      ["NLB hours", 730, 0.0225, "$16.43"],
      ["Network load balancer capacity units", 730, 0.006, "$4.38"],
    ]);
  });

  it("NAT gateway, Elastic IP, interface and gateway endpoints", () => {
    // 730 h x $0.045 = $32.85; 10 GB x $0.045 = $0.45
    expect(linesOf(estimate, "NatGateway")).toEqual([
      ["NAT gateway hours", 730, 0.045, "$32.85"],
      ["Data processed", 10, 0.045, "$0.45"],
    ]);
    expect(linesOf(estimate, "NatAddress")).toEqual([["Public IPv4 address hours", 730, 0.005, "$3.65"]]);
    // 2 subnets x 730 h = 1,460 endpoint-hours x $0.01 = $14.60; 10 GB x $0.01 = $0.10
    expect(linesOf(estimate, "InterfaceEndpoint")).toEqual([
      ["Interface endpoint hours", 1460, 0.01, "$14.60"],
      ["Data processed", 10, 0.01, "$0.10"],
    ]);
    expect(linesOf(estimate, "GatewayEndpoint")).toEqual([["Gateway endpoint", 1, 0, "$0.00"]]);
  });

  it("Fargate: vCPU-hours and GB-hours, x86 and ARM64, from the task definition and desired count", () => {
    // 3 tasks x 1 vCPU x 730 h = 2,190 x $0.04048 = $88.6512; 3 x 2 GB x 730 = 4,380 x $0.004445 = $19.4691
    expect(linesOf(estimate, "X86Service")).toEqual([
      ["Fargate vCPU, x86", 2190, 0.04048, "$88.65"],
      ["Fargate memory, x86", 4380, 0.004445, "$19.47"],
    ]);
    // 1 task (default) x 0.25 vCPU x 730 = 182.5 x $0.03238 = $5.90935; 0.5 GB x 730 = 365 x $0.00356 = $1.2994
    // AssignPublicIp ENABLED: 1 address x 730 h x $0.005 = $3.65
    expect(linesOf(estimate, "ArmService")).toEqual([
      ["Fargate vCPU, ARM64", 182.5, 0.03238, "$5.91"],
      ["Fargate memory, ARM64", 365, 0.00356, "$1.30"],
      ["Public IPv4 addresses of the tasks", 730, 0.005, "$3.65"],
    ]);
  });

  it("EC2 and RDS instances of the recorded classes, RDS gp3 storage", () => {
    // 730 h x $0.0168 = $12.264; a public IP: 730 h x $0.005 = $3.65
    expect(linesOf(estimate, "Instance")).toEqual([
      ["Instance hours, t4g.small", 730, 0.0168, "$12.26"],
      ["Public IPv4 address hours", 730, 0.005, "$3.65"],
    ]);
    // 730 h x $0.016 = $11.68; 20 GB x $0.115 = $2.30
    expect(linesOf(estimate, "PostgresInstance")).toEqual([
      ["Instance hours, db.t4g.micro", 730, 0.016, "$11.68"],
      ["Storage, gp3", 20, 0.115, "$2.30"],
    ]);
  });

  it("Aurora: cluster storage and I/O, the RDS-managed secret, Serverless v2 ACU-hours at the cluster's minimum", () => {
    // 10 GB x $0.10 = $1.00; 1M I/O x $0.20 = $0.20; 1 secret x $0.40
    expect(linesOf(estimate, "AuroraCluster")).toEqual([
      ["Storage, Aurora Standard", 10, 0.1, "$1.00"],
      ["I/O requests", 1, 0.2, "$0.20"],
      ["Master user secret (managed by RDS)", 1, 0.4, "$0.40"],
    ]);
    // MinCapacity 1 ACU x 730 h x $0.12 = $87.60
    expect(linesOf(estimate, "AuroraWriter")).toEqual([["Aurora Serverless v2 capacity", 730, 0.12, "$87.60"]]);
  });

  it("ElastiCache Serverless for Valkey: GB-hours and ECPUs", () => {
    // 1 GB x 730 h x $0.0837 = $61.101; 1M ECPUs x $0.0023 = $0.0023 (shown as <$0.01)
    expect(linesOf(estimate, "Cache")).toEqual([
      ["Data stored", 730, 0.0837, "$61.10"],
      ["ElastiCache Processing Units", 1, 0.0023, "<$0.01"],
    ]);
  });

  it("SQS, SNS, EventBridge and Step Functions", () => {
    expect(linesOf(estimate, "Queue")).toEqual([["Standard queue requests", 1, 0.4, "$0.40"]]);
    expect(linesOf(estimate, "FifoQueue")).toEqual([["FIFO queue requests", 1, 0.5, "$0.50"]]);
    expect(linesOf(estimate, "Topic")).toEqual([["Publish requests", 1, 0.5, "$0.50"]]);
    expect(linesOf(estimate, "Bus")).toEqual([["Custom events published", 1, 1, "$1.00"]]);
    // 100,000 transitions = 100 x 1,000 x $0.025 = $2.50
    expect(linesOf(estimate, "StandardWorkflow")).toEqual([["State transitions", 100, 0.025, "$2.50"]]);
    expect(linesOf(estimate, "ExpressWorkflow")).toEqual([["Express workflow requests", 1, 1, "$1.00"]]);
    expect(estimate.resources.find((r) => r.id === "ExpressWorkflow")!.notPriced.map((n) => n.dimension)).toEqual(["Express workflow duration"]);
  });

  it("Secrets Manager, KMS, CloudWatch Logs and alarms, WAF", () => {
    // 1 secret x $0.40; 10,000 calls = 1 x $0.05
    expect(linesOf(estimate, "Secret")).toEqual([
      ["Secret", 1, 0.4, "$0.40"],
      ["API calls", 1, 0.05, "$0.05"],
    ]);
    // 1 key x $1; 10,000 requests = 1 x $0.03
    expect(linesOf(estimate, "Key")).toEqual([
      ["Customer managed key", 1, 1, "$1.00"],
      ["Requests", 1, 0.03, "$0.03"],
    ]);
    expect(linesOf(estimate, "LogGroup")).toEqual([
      ["Ingestion, Standard log class", 1, 0.5, "$0.50"],
      ["Storage", 1, 0.03, "$0.03"],
    ]);
    expect(linesOf(estimate, "Alarm")).toEqual([["Alarm", 1, 0.1, "$0.10"]]);
    // $5 web ACL + 2 rules x $1 + 1M requests x $0.60
    expect(linesOf(estimate, "WebAcl")).toEqual([
      ["Web ACL", 1, 5, "$5.00"],
      ["Rules", 2, 1, "$2.00"],
      ["Requests inspected", 1, 0.6, "$0.60"],
    ]);
  });

  it("lists what it cannot price and states the usage it assumed", () => {
    expect(estimate.unpriced.map((r) => `${r.id} ${r.type}`)).toEqual([
      "FunctionRole AWS::IAM::Role",
      "X86TaskDefinition AWS::ECS::TaskDefinition",
      "ArmTaskDefinition AWS::ECS::TaskDefinition",
      "Thing Custom::Thing",
      "SubnetA AWS::EC2::Subnet",
      "SubnetB AWS::EC2::Subnet",
      "SubnetC AWS::EC2::Subnet",
    ]);
    const arm = estimate.resources.find((r) => r.id === "ArmFunction")!;
    expect(arm.assumptions).toEqual([
      "memory 512 MB (template)",
      "architecture arm64 (template)",
      `requests = 3,000,000 (${path.join(FIXTURES, "all-types.usage.yaml")}:8)`,
      `duration_ms = 200 (${path.join(FIXTURES, "all-types.usage.yaml")}:9)`,
    ]);
    expect(estimate.resources.find((r) => r.id === "X86Function")!.assumptions).toContain(`duration_ms = 100 (${path.join(FIXTURES, "all-types.usage.yaml")}:5)`);
    expect(estimate.resources.find((r) => r.id === "Queue")!.assumptions).toEqual(["requests = 1,000,000 (default; API requests a month (sends, receives, deletes; a batch of up to 10 is one))"]);
    expect(estimate.pricesAsOf).toBe("2026-11-26");
    expect(estimate.region).toBe("us-east-1");
  });
});
