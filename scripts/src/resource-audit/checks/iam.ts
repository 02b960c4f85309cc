// IAM users' active access keys older than the limit (default 90 days). IAM is global: checked once.
import { type CheckContext, daysBetween, olderThanDays } from "../context.js";

export async function checkAccessKeys(ctx: CheckContext): Promise<void> {
  const home = ctx.options.regions[0]!;
  const { accessKeyAgeDays, now } = ctx.options;
  const opts = { gapRegion: "global" };
  for await (const page of ctx.pages("ListUsers", home, { MaxItems: 1000 }, { in: "Marker", out: "Marker" }, opts)) {
    for (const user of page.Users ?? []) {
      const userName = user.UserName;
      if (!userName) continue;
      for await (const keys of ctx.pages("ListAccessKeys", home, { UserName: userName, MaxItems: 1000 }, { in: "Marker", out: "Marker" }, opts)) {
        for (const key of keys.AccessKeyMetadata ?? []) {
          if (key.Status !== "Active" || !key.CreateDate) continue;
          const created = new Date(key.CreateDate);
          if (!olderThanDays(created, accessKeyAgeDays, now)) continue;
          ctx.add({
            check: "iam-old-access-key",
            severity: "high",
            region: "global",
            service: "IAM",
            resource: `${userName}/${key.AccessKeyId ?? "?"}`,
            title: `Access key older than ${accessKeyAgeDays} days`,
            detail: `Active key created ${created.toISOString().slice(0, 10)} (${daysBetween(created, now)} days ago)`,
            fix: "Rotate it (create a new key, switch its users, deactivate then delete the old one), or better replace it with a role, IAM Identity Center or OIDC federation.",
            monthlyCostUsd: null,
          });
        }
      }
    }
  }
}
