// The skill/data fact files that hold prices, imported statically so esbuild embeds them in
// bin/cost-estimate.mjs: an installed bundle ships no skill/data, and the estimate must still run
// from it. A test fails when a data file with a USD record is missing from this list.
import apiGateway from "../../../skill/data/api-gateway.json" with { type: "json" };
import auroraDsql from "../../../skill/data/aurora-dsql.json" with { type: "json" };
import aurora from "../../../skill/data/aurora.json" with { type: "json" };
import cloudfront from "../../../skill/data/cloudfront.json" with { type: "json" };
import cloudwatch from "../../../skill/data/cloudwatch.json" with { type: "json" };
import containers from "../../../skill/data/containers.json" with { type: "json" };
import costManagement from "../../../skill/data/cost-management.json" with { type: "json" };
import dynamodb from "../../../skill/data/dynamodb.json" with { type: "json" };
import ebs from "../../../skill/data/ebs.json" with { type: "json" };
import ecr from "../../../skill/data/ecr.json" with { type: "json" };
import efs from "../../../skill/data/efs.json" with { type: "json" };
import eks from "../../../skill/data/eks.json" with { type: "json" };
import elasticache from "../../../skill/data/elasticache.json" with { type: "json" };
import elb from "../../../skill/data/elb.json" with { type: "json" };
import eventbridge from "../../../skill/data/eventbridge.json" with { type: "json" };
import fargate from "../../../skill/data/fargate.json" with { type: "json" };
import lambda from "../../../skill/data/lambda.json" with { type: "json" };
import networking from "../../../skill/data/networking.json" with { type: "json" };
import rds from "../../../skill/data/rds.json" with { type: "json" };
import route53 from "../../../skill/data/route53.json" with { type: "json" };
import s3 from "../../../skill/data/s3.json" with { type: "json" };
import security from "../../../skill/data/security.json" with { type: "json" };
import sns from "../../../skill/data/sns.json" with { type: "json" };
import sqs from "../../../skill/data/sqs.json" with { type: "json" };
import stepFunctions from "../../../skill/data/step-functions.json" with { type: "json" };
import transitGateway from "../../../skill/data/transit-gateway.json" with { type: "json" };
import vpc from "../../../skill/data/vpc.json" with { type: "json" };
import wellArchitected from "../../../skill/data/well-architected.json" with { type: "json" };

/** File stem -> parsed fact file, as in skill/data. */
export const DATA_FILES: Record<string, unknown> = {
  "api-gateway": apiGateway,
  "aurora-dsql": auroraDsql,
  "aurora": aurora,
  "cloudfront": cloudfront,
  "cloudwatch": cloudwatch,
  "containers": containers,
  "cost-management": costManagement,
  "dynamodb": dynamodb,
  "ebs": ebs,
  "ecr": ecr,
  "efs": efs,
  "eks": eks,
  "elasticache": elasticache,
  "elb": elb,
  "eventbridge": eventbridge,
  "fargate": fargate,
  "lambda": lambda,
  "networking": networking,
  "rds": rds,
  "route53": route53,
  "s3": s3,
  "security": security,
  "sns": sns,
  "sqs": sqs,
  "step-functions": stepFunctions,
  "transit-gateway": transitGateway,
  "vpc": vpc,
  "well-architected": wellArchitected,
};
