// EBS: unattached volumes, gp2 volumes, old snapshots (and their tags).
import { type CheckContext, daysBetween, olderThanDays } from "../context.js";
import { isPrice, priceFor, roundUsd } from "../prices.js";

export async function checkVolumes(ctx: CheckContext, region: string): Promise<void> {
  for await (const page of ctx.pages("DescribeVolumes", region, { MaxResults: 500 }, { in: "NextToken", out: "NextToken" })) {
    for (const volume of page.Volumes ?? []) {
      const id = volume.VolumeId ?? "(unnamed volume)";
      const size = volume.Size ?? 0;
      const type = volume.VolumeType ?? "unknown";
      ctx.checkTags(region, "EC2", id, "EBS volume", volume.Tags);
      if (volume.State === "available") {
        const cost = volumeMonthlyCost(type, size, volume.Iops, volume.Throughput, region);
        ctx.add({
          check: "ebs-unattached",
          severity: "medium",
          region,
          service: "EC2",
          resource: id,
          title: "Unattached EBS volume",
          detail: `${size} GiB ${type}, attached to nothing`,
          fix: "Snapshot it if the data matters, then delete the volume.",
          ...cost,
        });
      }
      if (type === "gp2") ctx.add({ ...gp2Finding(id, size, region) });
    }
  }
}

function volumeMonthlyCost(type: string, size: number, iops: number | undefined, throughput: number | undefined, region: string) {
  if (type === "gp2") {
    const storage = priceFor("gp2Storage", region);
    if (!isPrice(storage)) return { monthlyCostUsd: null, costBasis: storage.missing };
    return { monthlyCostUsd: roundUsd(size * storage.value), costBasis: `${size} GiB x $${storage.value}/GB-month (${storage.factId})` };
  }
  if (type === "gp3") {
    const storage = priceFor("gp3Storage", region);
    const iopsPrice = priceFor("gp3Iops", region);
    const tputPrice = priceFor("gp3Throughput", region);
    if (!isPrice(storage) || !isPrice(iopsPrice) || !isPrice(tputPrice)) {
      return { monthlyCostUsd: null, costBasis: [storage, iopsPrice, tputPrice].map((p) => ("missing" in p ? p.missing : "")).find(Boolean) };
    }
    // gp3 includes 3,000 IOPS and 125 MiB/s; only what is provisioned above that is billed.
    const extraIops = Math.max(0, (iops ?? 3000) - 3000);
    const extraTput = Math.max(0, (throughput ?? 125) - 125);
    const total = size * storage.value + extraIops * iopsPrice.value + extraTput * tputPrice.value;
    return {
      monthlyCostUsd: roundUsd(total),
      costBasis: `${size} GiB x $${storage.value} + ${extraIops} extra IOPS x $${iopsPrice.value} + ${extraTput} extra MiB/s x $${tputPrice.value}`,
    };
  }
  return { monthlyCostUsd: null, costBasis: `not priced: no price record for ${type} volumes in skill/data` };
}

/** What moving to gp3 saves a month, matching gp2's baseline IOPS (3 per GiB, 100 to 16,000). */
function gp2Finding(id: string, size: number, region: string) {
  const base = {
    check: "ebs-gp2",
    severity: "low" as const,
    region,
    service: "EC2",
    resource: id,
    title: "gp2 volume (move to gp3)",
    detail: `${size} GiB gp2; gp3 costs less per GB and includes 3,000 IOPS and 125 MiB/s`,
    fix: "Modify the volume type to gp3 in place (no downtime): aws ec2 modify-volume --volume-type gp3 --volume-id " + id,
  };
  const gp2 = priceFor("gp2Storage", region);
  const gp3 = priceFor("gp3Storage", region);
  const gp3Iops = priceFor("gp3Iops", region);
  if (!isPrice(gp2) || !isPrice(gp3) || !isPrice(gp3Iops)) {
    const missing = [gp2, gp3, gp3Iops].map((p) => ("missing" in p ? p.missing : "")).find(Boolean);
    return { ...base, monthlyCostUsd: null, costBasis: missing };
  }
  const gp2Iops = Math.min(16000, Math.max(100, 3 * size));
  const extraIops = Math.max(0, gp2Iops - 3000);
  const saving = size * (gp2.value - gp3.value) - extraIops * gp3Iops.value;
  return {
    ...base,
    monthlyCostUsd: roundUsd(Math.max(0, saving)),
    costBasis: `saving: ${size} GiB x ($${gp2.value} - $${gp3.value})${extraIops ? ` - ${extraIops} IOPS to match gp2 x $${gp3Iops.value}` : ""}`,
  };
}

export async function checkSnapshots(ctx: CheckContext, region: string): Promise<void> {
  const { snapshotAgeDays, now } = ctx.options;
  const input = { OwnerIds: ["self"], MaxResults: 1000 };
  for await (const page of ctx.pages("DescribeSnapshots", region, input, { in: "NextToken", out: "NextToken" })) {
    for (const snapshot of page.Snapshots ?? []) {
      const id = snapshot.SnapshotId ?? "(unnamed snapshot)";
      ctx.checkTags(region, "EC2", id, "EBS snapshot", snapshot.Tags);
      if (!snapshot.StartTime) continue;
      const started = new Date(snapshot.StartTime);
      if (!olderThanDays(started, snapshotAgeDays, now)) continue;
      const age = daysBetween(started, now);
      const size = snapshot.VolumeSize ?? 0;
      const price = priceFor("snapshotStorage", region);
      ctx.add({
        check: "ebs-old-snapshot",
        severity: "low",
        region,
        service: "EC2",
        resource: id,
        title: `Snapshot older than ${snapshotAgeDays} days`,
        detail: `${age} days old, of a ${size} GiB volume${snapshot.Description ? ` ("${snapshot.Description}")` : ""}`,
        fix: "Delete it if no backup policy needs it (deregister its AMI first if one uses it), or move it to the archive tier; let Data Lifecycle Manager or AWS Backup expire snapshots.",
        ...(isPrice(price)
          ? {
              monthlyCostUsd: roundUsd(size * price.value),
              costBasis: `at most ${size} GiB x $${price.value}/GB-month: billed on the blocks it stores, often less than the volume size`,
            }
          : { monthlyCostUsd: null, costBasis: price.missing }),
      });
    }
  }
}
