# region encryption
# One customer managed key for everything that holds this database's data: the cluster volume and
# its snapshots, the master user secret, Performance Insights data and the exported log.
resource "aws_kms_key" "database" {
  description             = "Aurora PostgreSQL ${local.name}: storage, snapshots, master user secret, Performance Insights, PostgreSQL log"
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = data.aws_iam_policy_document.database_key.json
}

resource "aws_kms_alias" "database" {
  name          = "alias/${local.name}-aurora"
  target_key_id = aws_kms_key.database.key_id
}

data "aws_iam_policy_document" "database_key" {
  # Administration only, delegated to IAM in this account (who may manage keys is decided by IAM
  # policies); no kms:DisableKeyRotation, so rotation stays on. No statement lets anyone encrypt
  # or decrypt directly with this key.
  statement {
    sid = "KeyAdministration"
    actions = [
      "kms:CancelKeyDeletion",
      "kms:CreateAlias",
      "kms:DeleteAlias",
      "kms:DescribeKey",
      "kms:DisableKey",
      "kms:EnableKey",
      "kms:EnableKeyRotation",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListGrants",
      "kms:ListKeyPolicies",
      "kms:ListResourceTags",
      "kms:PutKeyPolicy",
      "kms:RevokeGrant",
      "kms:RotateKeyOnDemand",
      "kms:ScheduleKeyDeletion",
      "kms:TagResource",
      "kms:UntagResource",
      "kms:UpdateAlias",
      "kms:UpdateKeyDescription",
    ]
    resources = ["*"] # in a key policy, "*" is this key

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  # Use only through RDS (storage, snapshots, Performance Insights) and Secrets Manager (the
  # master user secret) by principals of this account: the statement of AWS's own aws/rds key.
  # Both services call KMS on behalf of whoever made the request, so the principal is "*", held
  # to this account by kms:CallerAccount and to the two services by kms:ViaService.
  statement {
    sid = "UseThroughRdsAndSecretsManager"
    actions = [
      "kms:CreateGrant",
      "kms:Decrypt",
      "kms:DescribeKey",
      "kms:Encrypt",
      "kms:GenerateDataKey*",
      "kms:ListGrants",
      "kms:ReEncrypt*",
    ]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["rds.${local.region}.amazonaws.com", "secretsmanager.${local.region}.amazonaws.com"]
    }
  }

  # CloudWatch Logs encrypts the exported PostgreSQL log, and only that log group's data.
  statement {
    sid = "CloudWatchLogsForThisLogGroup"
    actions = [
      "kms:Decrypt*",
      "kms:Describe*",
      "kms:Encrypt*",
      "kms:GenerateDataKey*",
      "kms:ReEncrypt*",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = [local.postgresql_log_group_arn]
    }
  }

  # People and tools reading that log group through CloudWatch Logs, which may call KMS on the
  # reader's behalf: only through CloudWatch Logs and only for this log group.
  statement {
    sid       = "AccountPrincipalsThroughCloudWatchLogsForThisLogGroup"
    actions   = ["kms:Decrypt*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["logs.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = [local.postgresql_log_group_arn]
    }
  }
}
# endregion encryption
