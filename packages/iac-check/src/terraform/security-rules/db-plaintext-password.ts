/**
 * tf-sec/db-plaintext-password: a database's master password is not written in the
 * configuration. Flags `password` / `password_wo` on `aws_db_instance`, `master_password` /
 * `master_password_wo` on `aws_rds_cluster`, `aws_docdb_cluster` and `aws_redshift_cluster`,
 * `admin_user_password` / `admin_user_password_wo` on `aws_redshiftserverless_namespace` and
 * `aws_docdbelastic_cluster`, when the value is a literal string, or a `var.<name>` whose
 * variable has a literal string default.
 *
 * Rationale: a password in a `.tf` file is in version control, in every clone and CI log, and (for
 * the non-write-only arguments) in the state in plain text. Let the service manage it in Secrets
 * Manager (`manage_master_user_password = true`; `manage_master_password` on Redshift,
 * `manage_admin_password` on Redshift Serverless), or pass it at apply time through a variable
 * with no default, marked `sensitive`, into a write-only `*_wo` argument.
 *
 * @example ok
 * ```hcl
 * resource "aws_rds_cluster" "db" {
 *   cluster_identifier          = "items"
 *   engine                      = "aurora-postgresql"
 *   master_username             = "items_admin"
 *   manage_master_user_password = true
 *   storage_encrypted           = true
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_rds_cluster" "db" {
 *   cluster_identifier = "items"
 *   engine             = "aurora-postgresql"
 *   master_username    = "items_admin"
 *   master_password    = "correct-horse-battery"
 *   storage_encrypted  = true
 * }
 * ```
 */
import type { TfAttribute, TfModule } from "../model.js";
import { attr, literalString, resources, type Finding, type SecurityRule } from "./rule.js";

/** Password arguments per resource type, and what to use instead. */
const PASSWORD_ARGUMENTS: Record<string, { names: string[]; instead: string }> = {
  aws_db_instance: { names: ["password", "password_wo"], instead: "manage_master_user_password = true" },
  aws_rds_cluster: { names: ["master_password", "master_password_wo"], instead: "manage_master_user_password = true" },
  aws_docdb_cluster: { names: ["master_password", "master_password_wo"], instead: "manage_master_user_password = true" },
  aws_redshift_cluster: { names: ["master_password", "master_password_wo"], instead: "manage_master_password = true" },
  aws_redshiftserverless_namespace: { names: ["admin_user_password", "admin_user_password_wo"], instead: "manage_admin_password = true" },
  aws_docdbelastic_cluster: { names: ["admin_user_password"], instead: "a sensitive variable with no default" },
};

/** Where the plaintext comes from: the argument itself, or the literal default of the variable it reads. */
function plaintextSource(module: TfModule, a: TfAttribute): string | undefined {
  const literal = literalString(a);
  if (literal !== undefined) return literal === "" ? undefined : "a literal string";
  const expr = a.expression.trim();
  const ref = /^var\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(expr);
  if (!ref) return undefined;
  const variable = module.files.flatMap((f) => f.blocks).find((b) => b.type === "variable" && b.labels[0] === ref[1]);
  const fallback = variable && literalString(attr(variable, "default"));
  return fallback ? `var.${ref[1]}, whose default is a literal string (${variable!.file.path}:${attr(variable!, "default")!.position.line})` : undefined;
}

export const dbPlaintextPassword: SecurityRule = {
  id: "tf-sec/db-plaintext-password",
  rationale: "Database passwords belong in Secrets Manager, not in .tf files, version control and state.",
  check(module) {
    const findings: Finding[] = [];
    for (const [type, { names, instead }] of Object.entries(PASSWORD_ARGUMENTS)) {
      for (const db of resources(module, type)) {
        for (const name of names) {
          const a = attr(db, name);
          const source = a && plaintextSource(module, a);
          if (!source) continue;
          findings.push({
            block: db,
            position: a.position,
            message: `${db.labels.join(".")} sets ${name} from ${source}: the password ends up in version control${name.endsWith("_wo") ? "" : " and in plain text in the state"}; use ${instead} (the secret lives in Secrets Manager), or a sensitive variable without a default.`,
          });
        }
      }
    }
    return findings;
  },
};
