// The usage a template cannot say (requests a month, GB stored, ...), per kind of resource, with
// the default each one takes when neither the usage profile nor a flag sets it. This table is the
// documentation too: `cost-estimate --help-usage` prints it, and the README points there.

export interface UsageKey {
  default: number | string;
  /** What the number counts, a month unless it says otherwise. */
  doc: string;
  /** Allowed values of a string key. */
  choices?: readonly string[];
}

export interface UsageCategory {
  /** CloudFormation and Terraform types priced under this category. */
  types: readonly string[];
  keys: Readonly<Record<string, UsageKey>>;
}

export const S3_CLASSES = ["STANDARD", "STANDARD_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] as const;

export const USAGE_CATEGORIES: Readonly<Record<string, UsageCategory>> = {
  lambda: {
    types: ["AWS::Lambda::Function", "AWS::Serverless::Function", "aws_lambda_function"],
    keys: {
      requests: { default: 1_000_000, doc: "invocations a month" },
      duration_ms: { default: 100, doc: "average billed duration of one invocation, ms" },
    },
  },
  http_api: { types: ["AWS::ApiGatewayV2::Api", "AWS::Serverless::HttpApi", "aws_apigatewayv2_api"], keys: { requests: { default: 1_000_000, doc: "API requests a month" } } },
  rest_api: { types: ["AWS::ApiGateway::RestApi", "AWS::Serverless::Api", "aws_api_gateway_rest_api"], keys: { requests: { default: 1_000_000, doc: "API requests a month" } } },
  dynamodb: {
    types: ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "aws_dynamodb_table"],
    keys: {
      reads: { default: 1_000_000, doc: "read request units a month (on-demand tables)" },
      writes: { default: 1_000_000, doc: "write request units a month (on-demand tables)" },
      gb_stored: { default: 1, doc: "table size, GB" },
    },
  },
  s3: {
    types: ["AWS::S3::Bucket", "aws_s3_bucket"],
    keys: {
      gb_stored: { default: 1, doc: "average GB stored over the month" },
      storage_class: { default: "STANDARD", doc: "storage class the objects are in", choices: S3_CLASSES },
      put_requests: { default: 10_000, doc: "PUT, COPY, POST and LIST requests a month" },
      get_requests: { default: 100_000, doc: "GET and other requests a month" },
    },
  },
  cloudfront: {
    types: ["AWS::CloudFront::Distribution", "aws_cloudfront_distribution"],
    keys: {
      gb_transferred: { default: 10, doc: "GB delivered to viewers a month (United States, Mexico and Canada rates)" },
      requests: { default: 1_000_000, doc: "HTTPS requests a month" },
    },
  },
  load_balancer: {
    types: ["AWS::ElasticLoadBalancingV2::LoadBalancer", "aws_lb", "aws_alb"],
    keys: {
      capacity_units: { default: 1, doc: "average LCUs (ALB) or NLCUs (NLB) an hour" },
      azs: { default: 2, doc: "Availability Zones (public IPv4 addresses of an internet-facing load balancer); counted from its subnets when the template lists them" },
    },
  },
  nat_gateway: { types: ["AWS::EC2::NatGateway", "aws_nat_gateway"], keys: { gb_processed: { default: 10, doc: "GB processed by each gateway a month" } } },
  public_ipv4: { types: ["AWS::EC2::EIP", "aws_eip"], keys: {} },
  vpc_endpoint: {
    types: ["AWS::EC2::VPCEndpoint", "aws_vpc_endpoint"],
    keys: {
      gb_processed: { default: 10, doc: "GB processed by each interface endpoint a month" },
      azs: { default: 2, doc: "Availability Zones of an interface endpoint; counted from its subnets when the template lists them" },
    },
  },
  ecs_service: { types: ["AWS::ECS::Service", "aws_ecs_service"], keys: { tasks: { default: 1, doc: "tasks running on average; the service's desired count when it has one" } } },
  ec2_instance: { types: ["AWS::EC2::Instance", "aws_instance"], keys: {} },
  db_instance: {
    types: ["AWS::RDS::DBInstance", "aws_db_instance", "aws_rds_cluster_instance"],
    keys: { acu: { default: 0.5, doc: "average ACUs of an Aurora Serverless v2 instance; its cluster's minimum capacity when set" } },
  },
  db_cluster: {
    types: ["AWS::RDS::DBCluster", "aws_rds_cluster"],
    keys: {
      gb_stored: { default: 10, doc: "Aurora cluster volume, GB" },
      io_requests: { default: 1_000_000, doc: "I/O requests a month (Aurora Standard storage)" },
    },
  },
  elasticache: {
    types: ["AWS::ElastiCache::ServerlessCache", "aws_elasticache_serverless_cache", "AWS::ElastiCache::CacheCluster", "aws_elasticache_cluster", "AWS::ElastiCache::ReplicationGroup", "aws_elasticache_replication_group"],
    keys: {
      gb_stored: { default: 1, doc: "average GB stored (serverless caches)" },
      ecpus: { default: 1_000_000, doc: "ElastiCache Processing Units a month (serverless caches)" },
    },
  },
  sqs: { types: ["AWS::SQS::Queue", "aws_sqs_queue"], keys: { requests: { default: 1_000_000, doc: "API requests a month (sends, receives, deletes; a batch of up to 10 is one)" } } },
  sns: { types: ["AWS::SNS::Topic", "aws_sns_topic"], keys: { requests: { default: 1_000_000, doc: "publish requests a month" } } },
  event_bus: { types: ["AWS::Events::EventBus", "aws_cloudwatch_event_bus"], keys: { events: { default: 1_000_000, doc: "custom events published a month" } } },
  state_machine: {
    types: ["AWS::StepFunctions::StateMachine", "aws_sfn_state_machine"],
    keys: {
      transitions: { default: 100_000, doc: "state transitions a month (Standard workflows)" },
      requests: { default: 1_000_000, doc: "workflow starts a month (Express workflows)" },
    },
  },
  secret: { types: ["AWS::SecretsManager::Secret", "aws_secretsmanager_secret"], keys: { api_calls: { default: 10_000, doc: "API calls a month" } } },
  kms_key: { types: ["AWS::KMS::Key", "aws_kms_key"], keys: { requests: { default: 10_000, doc: "KMS API requests a month" } } },
  log_group: {
    types: ["AWS::Logs::LogGroup", "aws_cloudwatch_log_group"],
    keys: {
      gb_ingested: { default: 1, doc: "GB ingested a month" },
      gb_stored: { default: 1, doc: "GB stored (compressed) on average" },
    },
  },
  alarm: { types: ["AWS::CloudWatch::Alarm", "aws_cloudwatch_metric_alarm"], keys: {} },
  web_acl: {
    types: ["AWS::WAFv2::WebACL", "aws_wafv2_web_acl"],
    keys: {
      requests: { default: 1_000_000, doc: "requests inspected a month" },
      rules: { default: 0, doc: "rules and rule groups in the web ACL; counted from the template when it lists them" },
    },
  },
};

/** Keys every resource accepts in the profile. */
export const COMMON_KEYS: Readonly<Record<string, UsageKey>> = {
  hours: { default: 730, doc: "hours the resource runs a month (730 is a whole month)" },
  count: { default: 1, doc: "instances of the resource: what a Terraform count or for_each makes, when cost-estimate cannot evaluate it" },
};

const BY_TYPE = new Map(Object.entries(USAGE_CATEGORIES).flatMap(([name, category]) => category.types.map((type) => [type, name] as const)));

export function categoryOf(type: string): string | undefined {
  return BY_TYPE.get(type);
}

export function keysOf(category: string): Record<string, UsageKey> {
  return { ...COMMON_KEYS, ...(USAGE_CATEGORIES[category]?.keys ?? {}) };
}
