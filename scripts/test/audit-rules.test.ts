// The arithmetic and matching behind single findings, at their edges.
import { DescribeSecurityGroupsCommand, DescribeVolumesCommand } from "@aws-sdk/client-ec2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAudit } from "../src/resource-audit/audit.js";
import { rulePermitsTcpPort } from "../src/resource-audit/checks/network.js";
import { olderThanDays } from "../src/resource-audit/context.js";
import { type Mocks, mockAll, NOW, options, OWNER, restoreAll, testCaller } from "./audit-mock-account.js";

let mocks: Mocks;
beforeEach(() => {
  mocks = mockAll();
});
afterEach(() => restoreAll(mocks));

describe("security group rule matching", () => {
  it("covers a port inside a TCP range, every port for protocol -1, and no UDP-only rule", () => {
    expect(rulePermitsTcpPort({ IpProtocol: "tcp", FromPort: 0, ToPort: 65535 }, 3389)).toBe(true);
    expect(rulePermitsTcpPort({ IpProtocol: "tcp", FromPort: 23, ToPort: 80 }, 22)).toBe(false);
    expect(rulePermitsTcpPort({ IpProtocol: "-1" }, 5432)).toBe(true);
    expect(rulePermitsTcpPort({ IpProtocol: "6", FromPort: 6379, ToPort: 6379 }, 6379)).toBe(true);
    expect(rulePermitsTcpPort({ IpProtocol: "udp", FromPort: 0, ToPort: 65535 }, 22)).toBe(false);
  });

  it("names every admin and database port an all-traffic rule opens", async () => {
    mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [{ GroupId: "sg-all", GroupName: "wide", Tags: OWNER, IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }],
    });
    const result = await runAudit(testCaller(), options());
    expect(result.findings.map((f) => f.detail)).toEqual([
      "SSH (22) from 0.0.0.0/0; RDP (3389) from 0.0.0.0/0; MySQL/MariaDB (3306) from 0.0.0.0/0; PostgreSQL (5432) from 0.0.0.0/0; " +
        "SQL Server (1433) from 0.0.0.0/0; Oracle (1521) from 0.0.0.0/0; MongoDB/DocumentDB (27017) from 0.0.0.0/0; Redis/Valkey (6379) from 0.0.0.0/0; " +
        "Memcached (11211) from 0.0.0.0/0; OpenSearch/Elasticsearch (9200) from 0.0.0.0/0; Redshift (5439) from 0.0.0.0/0",
    ]);
  });
});

describe("EBS costs", () => {
  it("prices the gp3 saving of a large gp2 volume net of the IOPS gp3 needs to match it", async () => {
    mocks.ec2.on(DescribeVolumesCommand).resolves({
      Volumes: [
        // 2,000 GiB gp2 has 6,000 baseline IOPS; gp3 needs 3,000 more provisioned.
        { VolumeId: "vol-big", Size: 2000, VolumeType: "gp2", State: "in-use", Tags: OWNER },
        // gp3 with 6,000 IOPS and 250 MiB/s provisioned, attached to nothing.
        { VolumeId: "vol-fast", Size: 100, VolumeType: "gp3", State: "available", Iops: 6000, Throughput: 250, Tags: OWNER },
      ],
    });
    const result = await runAudit(testCaller(), options());
    const cost = Object.fromEntries(result.findings.map((f) => [`${f.check} ${f.resource}`, f.monthlyCostUsd]));
    // 2000 x (0.10 - 0.08) - 3000 x 0.005 = 40 - 15
    expect(cost["ebs-gp2 vol-big"]).toBe(25);
    // 100 x 0.08 + 3000 x 0.005 + 125 x 0.04 = 8 + 15 + 5
    expect(cost["ebs-unattached vol-fast"]).toBe(28);
  });
});

describe("age limits", () => {
  it("counts strictly older than N days, so 0 reports anything created before now", () => {
    expect(olderThanDays(new Date(NOW.getTime() - 90 * 86_400_000), 90, NOW)).toBe(false);
    expect(olderThanDays(new Date(NOW.getTime() - 90 * 86_400_000 - 1), 90, NOW)).toBe(true);
    expect(olderThanDays(new Date(NOW.getTime() - 1), 0, NOW)).toBe(true);
  });
});
