// S3 buckets (public access block, default encryption, tags) and RDS databases (encryption, public access, tags).
import type { CheckContext } from "../context.js";

/** ListBuckets is global; each bucket is checked in its own Region, and only in the audited ones. */
export async function checkBuckets(ctx: CheckContext): Promise<void> {
  const home = ctx.options.regions[0]!;
  const audited = new Set(ctx.options.regions);
  const input = { MaxBuckets: 1000 };
  for await (const page of ctx.pages("ListBuckets", home, input, { in: "ContinuationToken", out: "ContinuationToken" }, { gapRegion: "global" })) {
    for (const bucket of page.Buckets ?? []) {
      const name = bucket.Name;
      if (!name) continue;
      let region = bucket.BucketRegion;
      if (!region) {
        const location = await ctx.call("GetBucketLocation", home, { Bucket: name }, { resource: name, gapRegion: "global" });
        if (!location.ok) continue;
        region = normalizeLocation(location.output.LocationConstraint);
      }
      if (!audited.has(region)) continue;
      await checkBucket(ctx, name, region);
    }
  }
}

function normalizeLocation(constraint: string | undefined): string {
  // us-east-1 answers with no constraint; "EU" is the legacy name of eu-west-1.
  if (!constraint) return "us-east-1";
  if (constraint === "EU") return "eu-west-1";
  return constraint;
}

async function checkBucket(ctx: CheckContext, name: string, region: string): Promise<void> {
  const tagging = await ctx.call("GetBucketTagging", region, { Bucket: name }, { resource: name, expect: ["NoSuchTagSet"] });
  if (tagging.ok) ctx.checkTags(region, "S3", name, "S3 bucket", tagging.output.TagSet);
  else if (tagging.expected) ctx.checkTags(region, "S3", name, "S3 bucket", []);

  const pab = await ctx.call("GetPublicAccessBlock", region, { Bucket: name }, { resource: name, expect: ["NoSuchPublicAccessBlockConfiguration"] });
  const config = pab.ok ? pab.output.PublicAccessBlockConfiguration : undefined;
  const off = config
    ? (["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] as const).filter((k) => config[k] !== true)
    : [];
  if ((!pab.ok && pab.expected) || off.length > 0) {
    ctx.add({
      check: "s3-public-access-block",
      severity: "high",
      region,
      service: "S3",
      resource: name,
      title: "S3 bucket without a full public access block",
      detail: off.length > 0 ? `Settings off: ${off.join(", ")}` : "No bucket-level public access block (the account-level block is not checked)",
      fix: `Turn on all four settings: aws s3api put-public-access-block --bucket ${name} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true (serve public content through CloudFront with origin access control).`,
      monthlyCostUsd: null,
    });
  }

  const encryption = await ctx.call("GetBucketEncryption", region, { Bucket: name }, { resource: name, expect: ["ServerSideEncryptionConfigurationNotFoundError"] });
  const rules = encryption.ok ? encryption.output.ServerSideEncryptionConfiguration?.Rules ?? [] : [];
  if ((!encryption.ok && encryption.expected) || (encryption.ok && rules.length === 0)) {
    ctx.add({
      check: "s3-default-encryption",
      severity: "medium",
      region,
      service: "S3",
      resource: name,
      title: "S3 bucket without default encryption",
      detail: "No default encryption configuration",
      fix: "Set default encryption (SSE-S3, or SSE-KMS with a bucket key) with put-bucket-encryption or in the bucket's IaC.",
      monthlyCostUsd: null,
    });
  }
}

export async function checkDatabases(ctx: CheckContext, region: string): Promise<void> {
  for await (const page of ctx.pages("DescribeDBInstances", region, { MaxRecords: 100 }, { in: "Marker", out: "Marker" })) {
    for (const db of page.DBInstances ?? []) {
      const id = db.DBInstanceIdentifier ?? "(unnamed instance)";
      ctx.checkTags(region, "RDS", id, "RDS DB instance", db.TagList);
      if (db.PubliclyAccessible) {
        ctx.add({
          check: "rds-public",
          severity: "high",
          region,
          service: "RDS",
          resource: id,
          title: "Publicly accessible database",
          detail: `${db.Engine ?? "database"} instance with PubliclyAccessible=true`,
          fix: "Set PubliclyAccessible to false (modify-db-instance --no-publicly-accessible) and reach it from inside the VPC.",
          monthlyCostUsd: null,
        });
      }
      // An Aurora instance's storage belongs to its cluster, which is checked below.
      if (!db.DBClusterIdentifier && db.StorageEncrypted === false) ctx.add(unencrypted(region, id, db.Engine, "instance"));
    }
  }
  for await (const page of ctx.pages("DescribeDBClusters", region, { MaxRecords: 100 }, { in: "Marker", out: "Marker" })) {
    for (const cluster of page.DBClusters ?? []) {
      const id = cluster.DBClusterIdentifier ?? "(unnamed cluster)";
      ctx.checkTags(region, "RDS", id, "RDS DB cluster", cluster.TagList);
      if (cluster.StorageEncrypted === false) ctx.add(unencrypted(region, id, cluster.Engine, "cluster"));
    }
  }
}

function unencrypted(region: string, id: string, engine: string | undefined, kind: string) {
  return {
    check: "rds-unencrypted",
    severity: "high" as const,
    region,
    service: "RDS",
    resource: id,
    title: "Unencrypted database storage",
    detail: `${engine ?? "database"} ${kind} with StorageEncrypted=false`,
    fix: "Encryption cannot be switched on in place: snapshot, copy the snapshot with a KMS key, restore from the encrypted copy, then cut over.",
    monthlyCostUsd: null,
  };
}
