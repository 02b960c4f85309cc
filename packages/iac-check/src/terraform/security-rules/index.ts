// The Terraform security rule set. Adding a rule: one module here, its fixtures under
// fixtures/terraform/security/<rule-name>/{ok,not-ok}, and one line below.

import { apiAccessLogs } from "./api-access-logs.js";
import { apiRouteAuthorization } from "./api-route-authorization.js";
import { cloudfrontOriginAccessControl } from "./cloudfront-origin-access-control.js";
import { cloudfrontTls } from "./cloudfront-tls.js";
import { dbPlaintextPassword } from "./db-plaintext-password.js";
import { dynamodbEncryption } from "./dynamodb-encryption.js";
import { ebsEncryption } from "./ebs-encryption.js";
import { efsEncryption } from "./efs-encryption.js";
import { iamNoAdminWildcard } from "./iam-no-admin-wildcard.js";
import { lambdaUrlAuthorization } from "./lambda-url-authorization.js";
import { lbAccessLogs } from "./lb-access-logs.js";
import { noPublicAdminIngress } from "./no-public-admin-ingress.js";
import { rdsEncryption } from "./rds-encryption.js";
import { rdsNotPublic } from "./rds-not-public.js";
import type { SecurityRule } from "./rule.js";
import { s3BucketPolicyPublic } from "./s3-bucket-policy-public.js";
import { s3Encryption } from "./s3-encryption.js";
import { s3PublicAccessBlock } from "./s3-public-access-block.js";
import { snsEncryption } from "./sns-encryption.js";
import { sqsEncryption } from "./sqs-encryption.js";

export const securityRules: SecurityRule[] = [
  s3Encryption,
  s3PublicAccessBlock,
  ebsEncryption,
  rdsEncryption,
  rdsNotPublic,
  dynamodbEncryption,
  sqsEncryption,
  snsEncryption,
  efsEncryption,
  noPublicAdminIngress,
  iamNoAdminWildcard,
  cloudfrontTls,
  cloudfrontOriginAccessControl,
  lbAccessLogs,
  apiAccessLogs,
  apiRouteAuthorization,
  lambdaUrlAuthorization,
  dbPlaintextPassword,
  s3BucketPolicyPublic,
];
