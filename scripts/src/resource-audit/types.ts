// Shapes shared by the checks, the audit runner and the report.

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank for threshold comparisons: higher is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export interface Finding {
  /** Stable id of the check that produced it, e.g. "ebs-unattached". */
  check: string;
  severity: Severity;
  /** AWS Region code, or "global" for IAM. */
  region: string;
  service: string;
  /** The resource's id or name (volume id, bucket name, user/key id ...). */
  resource: string;
  title: string;
  detail: string;
  fix: string;
  /** What the finding costs (or would save) a month in USD; null when it has no cost or no price record. */
  monthlyCostUsd: number | null;
  /** How the cost was worked out, or why it is not priced. */
  costBasis?: string;
}

/** A part of the account the audit could not see, and why. */
export interface Gap {
  region: string;
  service: string;
  action: string;
  reason: string;
  /** The resource the call was about, when it was a per-resource call. */
  resource?: string;
}

export interface AuditOptions {
  regions: string[];
  requiredTags: string[];
  snapshotAgeDays: number;
  accessKeyAgeDays: number;
  natIdleDays: number;
  /** Days ahead in which an upcoming Lambda runtime deprecation is reported. */
  runtimeWarningDays: number;
  now: Date;
}

export interface AuditResult {
  findings: Finding[];
  gaps: Gap[];
}
