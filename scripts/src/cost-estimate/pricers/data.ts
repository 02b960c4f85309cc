// Data stores: DynamoDB, S3, RDS and Aurora, ElastiCache.
import { formatCount, literal, numeric, objectProp, prop, type Pricer, type PricerContext } from "../pricer.js";

export const priceDynamoDb: Pricer = (ctx) => {
  const r = ctx.resource;
  const global = r.type === "AWS::DynamoDB::GlobalTable";
  // CloudFormation's AWS::DynamoDB::Table and Terraform default to provisioned capacity.
  const mode = literal(prop(r, "BillingMode", "billing_mode")) ?? "PROVISIONED";
  const hours = ctx.hours();
  if (mode === "PAY_PER_REQUEST") {
    const reads = ctx.num("reads");
    const writes = ctx.num("writes");
    ctx.line("On-demand reads", "dynamodb.price-on-demand-read", reads, `${formatCount(reads)} read request units`);
    ctx.line("On-demand writes", "dynamodb.price-on-demand-write", writes, `${formatCount(writes)} write request units`);
  } else if (!global) {
    const throughput = objectProp(r, "ProvisionedThroughput", "") ?? {};
    const rcu = numeric(r.language === "cloudformation" ? throughput.ReadCapacityUnits : r.properties.read_capacity);
    const wcu = numeric(r.language === "cloudformation" ? throughput.WriteCapacityUnits : r.properties.write_capacity);
    if (rcu === undefined || wcu === undefined) ctx.notPriced("Provisioned capacity", "the table's read and write capacity are not literals");
    else {
      ctx.assume(`${formatCount(rcu)} RCU and ${formatCount(wcu)} WCU provisioned (template; auto scaling not modelled)`);
      ctx.line("Provisioned read capacity", "dynamodb.price-provisioned-rcu-hour", rcu * hours, `${formatCount(rcu)} RCU x ${formatCount(hours)} h`);
      ctx.line("Provisioned write capacity", "dynamodb.price-provisioned-wcu-hour", wcu * hours, `${formatCount(wcu)} WCU x ${formatCount(hours)} h`);
    }
  } else ctx.notPriced("Provisioned capacity", "a global table's provisioned capacity (auto scaling settings) is not modelled");
  const tableClass = literal(prop(r, "TableClass", "table_class"));
  const infrequent = tableClass === "STANDARD_INFREQUENT_ACCESS";
  const gb = ctx.num("gb_stored");
  ctx.line(`Storage, ${infrequent ? "Standard-IA" : "Standard"} table class`, infrequent ? "dynamodb.price-storage-standard-ia" : "dynamodb.price-storage-standard", gb, `${formatCount(gb)} GB`);
  if (pointInTimeRecovery(ctx)) ctx.line("Point-in-time recovery", "well-architected.price-dynamodb-pitr", gb, `${formatCount(gb)} GB`);
  if (global) {
    const replicas = Array.isArray(r.properties.Replicas) ? r.properties.Replicas.length : 1;
    if (replicas > 1) ctx.notPriced(`${replicas - 1} replica(s) in other Regions`, "replicated writes and replica storage are not in skill/data");
  } else if (Array.isArray(r.properties.replica) && r.properties.replica.length > 0) {
    ctx.notPriced("Replicas in other Regions", "replicated writes and replica storage are not in skill/data");
  }
};

function pointInTimeRecovery(ctx: PricerContext): boolean {
  const r = ctx.resource;
  if (r.language === "terraform") return objectProp(r, "", "point_in_time_recovery")?.enabled === true;
  if (r.type === "AWS::DynamoDB::GlobalTable") {
    const replicas = Array.isArray(r.properties.Replicas) ? (r.properties.Replicas as Record<string, unknown>[]) : [];
    return replicas.some((replica) => (replica.PointInTimeRecoverySpecification as Record<string, unknown> | undefined)?.PointInTimeRecoveryEnabled === true);
  }
  return (r.properties.PointInTimeRecoverySpecification as Record<string, unknown> | undefined)?.PointInTimeRecoveryEnabled === true;
}

const S3_STORAGE: Record<string, [string, string]> = {
  STANDARD: ["S3 Standard", "s3.price-standard-storage"],
  STANDARD_IA: ["S3 Standard-IA", "s3.price-standard-ia-storage"],
  GLACIER_IR: ["S3 Glacier Instant Retrieval", "s3.price-glacier-instant-storage"],
  GLACIER: ["S3 Glacier Flexible Retrieval", "s3.price-glacier-flexible-storage"],
  DEEP_ARCHIVE: ["S3 Glacier Deep Archive", "s3.price-deep-archive-storage"],
};

export const priceS3Bucket: Pricer = (ctx) => {
  const storageClass = ctx.str("storage_class");
  const [name, fact] = S3_STORAGE[storageClass]!;
  const gb = ctx.num("gb_stored");
  ctx.line(`Storage, ${name}`, fact, gb, `${formatCount(gb)} GB`);
  const puts = ctx.num("put_requests");
  const gets = ctx.num("get_requests");
  if (storageClass === "STANDARD") {
    ctx.line("PUT, COPY, POST, LIST requests", "s3.price-put-requests", puts, `${formatCount(puts)} requests`);
    ctx.line("GET and other requests", "s3.price-get-requests", gets, `${formatCount(gets)} requests`);
  } else ctx.notPriced(`Requests and retrievals, ${name}`, "skill/data records the S3 Standard request prices only");
};

/** Instance classes with a price record (RDS, Single-AZ). */
const RDS_CLASSES: Record<string, string> = {
  "db.t4g.micro": "rds.price-db-t4g-micro",
  "db.t4g.medium": "rds.price-db-t4g-medium",
  "db.m7g.large": "rds.price-db-m7g-large",
};

export const priceDbInstance: Pricer = (ctx) => {
  const r = ctx.resource;
  const instanceClass = literal(prop(r, "DBInstanceClass", "instance_class"));
  const cluster = ctx.find(prop(r, "DBClusterIdentifier", "cluster_identifier"));
  const hours = ctx.hours();
  if (instanceClass === "db.serverless") {
    const scaling = cluster ? objectProp(cluster, "ServerlessV2ScalingConfiguration", "serverlessv2_scaling_configuration") : undefined;
    const min = numeric(scaling?.[r.language === "cloudformation" ? "MinCapacity" : "min_capacity"]);
    const acu = ctx.num("acu", min === undefined ? undefined : { value: min, what: `minimum capacity of ${cluster!.id}` });
    const ioOptimized = cluster ? literal(prop(cluster, "StorageType", "storage_type")) === "aurora-iopt1" : false;
    ctx.line(
      `Aurora Serverless v2 capacity${ioOptimized ? ", I/O-Optimized" : ""}`,
      ioOptimized ? "aurora.price-serverless-v2-acu-hour-io-optimized" : "aurora.price-serverless-v2-acu-hour",
      acu * hours,
      `${formatCount(acu)} ACU x ${formatCount(hours)} h`,
    );
    return;
  }
  const fact = instanceClass ? RDS_CLASSES[instanceClass] : undefined;
  const engine = literal(prop(r, "Engine", "engine")) ?? literal(cluster ? prop(cluster, "Engine", "engine") : undefined) ?? "";
  if (!instanceClass || !fact || cluster || engine.startsWith("aurora") || /oracle|sqlserver|db2/.test(engine)) {
    const what = instanceClass ?? "an instance class that is not a literal";
    ctx.notPriced("Instance hours", `no price record for ${what}${cluster || engine.startsWith("aurora") ? " as an Aurora instance" : engine ? ` with engine ${engine}` : ""} in skill/data`);
    return;
  }
  ctx.line(`Instance hours, ${instanceClass}`, fact, hours, `${formatCount(hours)} h`);
  const multiAz = prop(r, "MultiAZ", "multi_az") === true;
  if (multiAz) ctx.notPriced("Multi-AZ standby", "the record prices Single-AZ instances only");
  const storage = numeric(prop(r, "AllocatedStorage", "allocated_storage"));
  const storageType = literal(prop(r, "StorageType", "storage_type")) ?? "gp2";
  if (storage !== undefined && storageType === "gp3") ctx.line("Storage, gp3", "rds.price-gp3-storage", storage, `${formatCount(storage)} GB allocated`);
  else ctx.notPriced("Storage", storage === undefined ? "the allocated storage is not a literal" : `no price record for ${storageType} storage`);
};

export const priceDbCluster: Pricer = (ctx) => {
  const r = ctx.resource;
  const engine = literal(prop(r, "Engine", "engine")) ?? "";
  if (!engine.startsWith("aurora")) {
    ctx.notPriced("Cluster", `no price records for ${engine || "this engine"} Multi-AZ DB clusters in skill/data`);
    return;
  }
  const ioOptimized = literal(prop(r, "StorageType", "storage_type")) === "aurora-iopt1";
  const gb = ctx.num("gb_stored");
  ctx.line(`Storage, Aurora ${ioOptimized ? "I/O-Optimized" : "Standard"}`, ioOptimized ? "aurora.price-storage-io-optimized" : "aurora.price-storage-standard", gb, `${formatCount(gb)} GB`);
  if (!ioOptimized) {
    const io = ctx.num("io_requests");
    ctx.line("I/O requests", "aurora.price-io-requests", io, `${formatCount(io)} requests`);
  }
  if (prop(r, "ManageMasterUserPassword", "manage_master_user_password") === true) {
    ctx.line("Master user secret (managed by RDS)", "security.secrets-manager-price-secret-month", 1, "1 secret");
  }
  ctx.notPriced("Backup storage beyond the cluster volume", "no record in skill/data");
};

export const priceElastiCache: Pricer = (ctx) => {
  const r = ctx.resource;
  const engine = (literal(prop(r, "Engine", "engine")) ?? "redis").toLowerCase();
  const valkey = engine === "valkey";
  if (r.type === "AWS::ElastiCache::ServerlessCache" || r.type === "aws_elasticache_serverless_cache") {
    const prefix = valkey ? "elasticache.price-serverless-valkey" : "elasticache.price-serverless-redis-oss";
    const gb = ctx.num("gb_stored");
    const hours = ctx.hours();
    const ecpus = ctx.num("ecpus");
    ctx.line("Data stored", `${prefix}-storage`, gb * hours, `${formatCount(gb)} GB x ${formatCount(hours)} h`);
    ctx.line("ElastiCache Processing Units", `${prefix}-ecpu`, ecpus, `${formatCount(ecpus)} ECPUs`);
    return;
  }
  const nodeType = literal(prop(r, r.type === "AWS::ElastiCache::CacheCluster" ? "CacheNodeType" : "CacheNodeType", "node_type"));
  const nodes = nodeCount(ctx);
  if (nodeType !== "cache.t4g.small" || !valkey || nodes === undefined) {
    ctx.notPriced("Node hours", nodes === undefined ? "the number of nodes is not a literal" : `no price record for ${nodeType ?? "this node type"} with ${engine}`);
    return;
  }
  const hours = ctx.hours();
  ctx.line(`Node hours, ${nodeType}`, "elasticache.price-node-cache-t4g-small-valkey", nodes * hours, `${formatCount(nodes)} nodes x ${formatCount(hours)} h`);
};

function nodeCount(ctx: PricerContext): number | undefined {
  const p = ctx.resource.properties;
  switch (ctx.resource.type) {
    case "AWS::ElastiCache::CacheCluster":
      return numeric(p.NumCacheNodes);
    case "AWS::ElastiCache::ReplicationGroup": {
      const clusters = numeric(p.NumCacheClusters);
      if (clusters !== undefined) return clusters;
      const groups = numeric(p.NumNodeGroups) ?? 1;
      return groups * ((numeric(p.ReplicasPerNodeGroup) ?? 0) + 1);
    }
    case "aws_elasticache_cluster":
      return numeric(p.num_cache_nodes);
    default: {
      const clusters = numeric(p.num_cache_clusters);
      if (clusters !== undefined) return clusters;
      const groups = numeric(p.num_node_groups) ?? 1;
      return groups * ((numeric(p.replicas_per_node_group) ?? 0) + 1);
    }
  }
}
