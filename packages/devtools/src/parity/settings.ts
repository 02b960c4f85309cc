// How each compared security setting is read in each language. A reader gets one resource (its
// type, its properties or arguments, and a resolver that turns parameter and variable references
// into their defaults) and returns the setting's values, or [] when that resource does not carry
// the setting (Terraform spreads a bucket over several resource types). Values are normalized to
// the same words in both languages, so "KMS" in CloudFormation and `enabled = true` in Terraform
// both read "kms".

/** Turns a value into text: literals as they are, references to parameters / variables as their defaults. */
export type Resolve = (value: unknown) => string;

export interface SettingReader {
  cloudformation(type: string, properties: Record<string, unknown>, resolve: Resolve): string[];
  terraform(type: string, body: Record<string, unknown>, resolve: Resolve): string[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
/** A Terraform nested block (hcl2json gives a list of one object) or a CloudFormation object. */
const block = (v: unknown): Obj => (Array.isArray(v) ? obj(v[0]) : obj(v));
const has = (v: unknown): boolean => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
const bool = (v: unknown, resolve: Resolve, absent = "false"): string => (v === undefined ? absent : resolve(v));

export const routeAuthorization: SettingReader = {
  cloudformation: (_t, p, r) => [`${r(p.RouteKey)} ${p.AuthorizationType === undefined ? "NONE" : r(p.AuthorizationType)}`],
  terraform: (_t, b, r) => [`${r(b.route_key)} ${b.authorization_type === undefined ? "NONE" : r(b.authorization_type)}`],
};

export const stageThrottling: SettingReader = {
  cloudformation: (_t, p, r) => {
    const s = block(p.DefaultRouteSettings);
    return [`rate ${r(s.ThrottlingRateLimit ?? "none")}, burst ${r(s.ThrottlingBurstLimit ?? "none")}`];
  },
  terraform: (_t, b, r) => {
    const s = block(b.default_route_settings);
    return [`rate ${r(s.throttling_rate_limit ?? "none")}, burst ${r(s.throttling_burst_limit ?? "none")}`];
  },
};

export const stageAccessLogs: SettingReader = {
  cloudformation: (_t, p) => [has(p.AccessLogSettings) ? "on" : "off"],
  terraform: (_t, b) => [has(b.access_log_settings) ? "on" : "off"],
};

export const tableEncryption: SettingReader = {
  cloudformation: (_t, p, r) => [bool(block(p.SSESpecification).SSEEnabled, r) === "true" ? "kms" : "aws-owned key"],
  terraform: (_t, b, r) => [bool(block(b.server_side_encryption).enabled, r) === "true" ? "kms" : "aws-owned key"],
};

/** A GlobalTable carries PITR and deletion protection per replica; a Table at the top. */
const replica = (p: Obj): Obj => (Array.isArray(p.Replicas) ? obj(p.Replicas[0]) : p);

export const tablePitr: SettingReader = {
  cloudformation: (_t, p, r) => [bool(block(replica(p).PointInTimeRecoverySpecification).PointInTimeRecoveryEnabled, r)],
  terraform: (_t, b, r) => [bool(block(b.point_in_time_recovery).enabled, r)],
};

export const tableDeletionProtection: SettingReader = {
  cloudformation: (_t, p, r) => [bool(replica(p).DeletionProtectionEnabled ?? p.DeletionProtectionEnabled, r)],
  terraform: (_t, b, r) => [bool(b.deletion_protection_enabled, r)],
};

export const lambdaTracing: SettingReader = {
  cloudformation: (_t, p, r) => [r(block(p.TracingConfig).Mode ?? "PassThrough")],
  terraform: (_t, b, r) => [r(block(b.tracing_config).mode ?? "PassThrough")],
};

export const logRetention: SettingReader = {
  cloudformation: (_t, p, r) => [p.RetentionInDays === undefined ? "never expires" : `${r(p.RetentionInDays)} days`],
  terraform: (_t, b, r) => [b.retention_in_days === undefined ? "never expires" : `${r(b.retention_in_days)} days`],
};

export const keyRotation: SettingReader = {
  cloudformation: (_t, p, r) => [bool(p.EnableKeyRotation, r)],
  terraform: (_t, b, r) => [bool(b.enable_key_rotation, r)],
};

export const topicEncryption: SettingReader = {
  cloudformation: (_t, p) => [has(p.KmsMasterKeyId) ? "kms" : "none"],
  terraform: (_t, b) => [has(b.kms_master_key_id) ? "kms" : "none"],
};

export const clusterEncryption: SettingReader = {
  cloudformation: (_t, p, r) => [bool(p.StorageEncrypted, r)],
  terraform: (_t, b, r) => [bool(b.storage_encrypted, r)],
};

export const clusterDeletionProtection: SettingReader = {
  cloudformation: (_t, p, r) => [bool(p.DeletionProtection, r)],
  terraform: (_t, b, r) => [bool(b.deletion_protection, r)],
};

export const dbPublicAccess: SettingReader = {
  cloudformation: (_t, p, r) => [bool(p.PubliclyAccessible, r) === "true" ? "public" : "private"],
  terraform: (_t, b, r) => [bool(b.publicly_accessible, r) === "true" ? "public" : "private"],
};

export const bucketEncryption: SettingReader = {
  cloudformation: (_t, p, r) => {
    const rules = obj(p.BucketEncryption).ServerSideEncryptionConfiguration;
    const algorithm = Array.isArray(rules) ? obj(obj(rules[0]).ServerSideEncryptionByDefault).SSEAlgorithm : undefined;
    return [algorithm === undefined ? "default" : r(algorithm)];
  },
  terraform: (t, b, r) => (t === "aws_s3_bucket_server_side_encryption_configuration" ? [r(block(block(b.rule).apply_server_side_encryption_by_default).sse_algorithm ?? "default")] : []),
};

const BLOCK_SETTINGS = [
  ["BlockPublicAcls", "block_public_acls"],
  ["BlockPublicPolicy", "block_public_policy"],
  ["IgnorePublicAcls", "ignore_public_acls"],
  ["RestrictPublicBuckets", "restrict_public_buckets"],
] as const;

export const bucketPublicAccess: SettingReader = {
  cloudformation: (_t, p, r) => {
    const c = obj(p.PublicAccessBlockConfiguration);
    return [BLOCK_SETTINGS.every(([k]) => bool(c[k], r) === "true") ? "all public access blocked" : "public access not fully blocked"];
  },
  terraform: (t, b, r) => (t === "aws_s3_bucket_public_access_block" ? [BLOCK_SETTINGS.every(([, k]) => bool(b[k], r) === "true") ? "all public access blocked" : "public access not fully blocked"] : []),
};

export const lbScheme: SettingReader = {
  cloudformation: (_t, p, r) => [p.Scheme === undefined ? "internet-facing" : r(p.Scheme)],
  terraform: (_t, b, r) => [bool(b.internal, r) === "true" ? "internal" : "internet-facing"],
};
