// What each resource type is in a diagram: its service, its label, and whether it is glue (folded
// away by default) or a connector (drawn as an edge between the resources it joins). Terraform
// types are named by their CloudFormation equivalents, so a pattern draws the same in both.

/** Terraform type -> CloudFormation type, for the types the examples and common patterns use. */
const TERRAFORM_TYPES: Record<string, string> = {
  aws_apigatewayv2_api: "AWS::ApiGatewayV2::Api",
  aws_apigatewayv2_integration: "AWS::ApiGatewayV2::Integration",
  aws_apigatewayv2_route: "AWS::ApiGatewayV2::Route",
  aws_apigatewayv2_stage: "AWS::ApiGatewayV2::Stage",
  aws_api_gateway_rest_api: "AWS::ApiGateway::RestApi",
  aws_appautoscaling_policy: "AWS::ApplicationAutoScaling::ScalingPolicy",
  aws_appautoscaling_target: "AWS::ApplicationAutoScaling::ScalableTarget",
  aws_cloudfront_distribution: "AWS::CloudFront::Distribution",
  aws_cloudfront_origin_access_control: "AWS::CloudFront::OriginAccessControl",
  aws_cloudfront_response_headers_policy: "AWS::CloudFront::ResponseHeadersPolicy",
  aws_cloudfront_vpc_origin: "AWS::CloudFront::VpcOrigin",
  aws_cloudwatch_event_bus: "AWS::Events::EventBus",
  aws_cloudwatch_event_rule: "AWS::Events::Rule",
  aws_cloudwatch_event_target: "AWS::Events::Rule#Target",
  aws_cloudwatch_log_group: "AWS::Logs::LogGroup",
  aws_cloudwatch_metric_alarm: "AWS::CloudWatch::Alarm",
  aws_db_instance: "AWS::RDS::DBInstance",
  aws_db_parameter_group: "AWS::RDS::DBParameterGroup",
  aws_db_subnet_group: "AWS::RDS::DBSubnetGroup",
  aws_default_security_group: "AWS::EC2::SecurityGroup#Default",
  aws_dynamodb_table: "AWS::DynamoDB::Table",
  aws_ecr_repository: "AWS::ECR::Repository",
  aws_ecs_cluster: "AWS::ECS::Cluster",
  aws_ecs_cluster_capacity_providers: "AWS::ECS::ClusterCapacityProviderAssociations",
  aws_ecs_service: "AWS::ECS::Service",
  aws_ecs_task_definition: "AWS::ECS::TaskDefinition",
  aws_eip: "AWS::EC2::EIP",
  aws_flow_log: "AWS::EC2::FlowLog",
  aws_iam_policy: "AWS::IAM::ManagedPolicy",
  aws_iam_role: "AWS::IAM::Role",
  aws_iam_role_policy: "AWS::IAM::RolePolicy",
  aws_iam_role_policy_attachment: "AWS::IAM::Role#PolicyAttachment",
  aws_iam_policy_document: "AWS::IAM::Role#PolicyDocument",
  aws_internet_gateway: "AWS::EC2::InternetGateway",
  aws_kms_alias: "AWS::KMS::Alias",
  aws_kms_key: "AWS::KMS::Key",
  aws_lambda_event_source_mapping: "AWS::Lambda::EventSourceMapping",
  aws_lambda_function: "AWS::Lambda::Function",
  aws_lambda_function_url: "AWS::Lambda::Url",
  aws_lambda_permission: "AWS::Lambda::Permission",
  aws_alb: "AWS::ElasticLoadBalancingV2::LoadBalancer",
  aws_lb: "AWS::ElasticLoadBalancingV2::LoadBalancer",
  aws_alb_listener: "AWS::ElasticLoadBalancingV2::Listener",
  aws_lb_listener: "AWS::ElasticLoadBalancingV2::Listener",
  aws_lb_listener_rule: "AWS::ElasticLoadBalancingV2::ListenerRule",
  aws_alb_target_group: "AWS::ElasticLoadBalancingV2::TargetGroup",
  aws_lb_target_group: "AWS::ElasticLoadBalancingV2::TargetGroup",
  aws_nat_gateway: "AWS::EC2::NatGateway",
  aws_rds_cluster: "AWS::RDS::DBCluster",
  aws_rds_cluster_instance: "AWS::RDS::DBInstance",
  aws_rds_cluster_parameter_group: "AWS::RDS::DBClusterParameterGroup",
  aws_route: "AWS::EC2::Route",
  aws_route_table: "AWS::EC2::RouteTable",
  aws_route_table_association: "AWS::EC2::SubnetRouteTableAssociation",
  aws_s3_bucket: "AWS::S3::Bucket",
  aws_s3_bucket_policy: "AWS::S3::BucketPolicy",
  aws_secretsmanager_secret: "AWS::SecretsManager::Secret",
  aws_security_group: "AWS::EC2::SecurityGroup",
  aws_security_group_rule: "AWS::EC2::SecurityGroupIngress",
  aws_sns_topic: "AWS::SNS::Topic",
  aws_sns_topic_policy: "AWS::SNS::TopicPolicy",
  aws_sns_topic_subscription: "AWS::SNS::Subscription",
  aws_sqs_queue: "AWS::SQS::Queue",
  aws_sqs_queue_policy: "AWS::SQS::QueuePolicy",
  aws_subnet: "AWS::EC2::Subnet",
  aws_vpc: "AWS::EC2::VPC",
  aws_vpc_endpoint: "AWS::EC2::VPCEndpoint",
  aws_vpc_security_group_egress_rule: "AWS::EC2::SecurityGroupEgress",
  aws_vpc_security_group_ingress_rule: "AWS::EC2::SecurityGroupIngress",
  aws_wafv2_web_acl: "AWS::WAFv2::WebACL",
  aws_wafv2_web_acl_association: "AWS::WAFv2::WebACLAssociation",
};

/** Terraform type prefix -> CloudFormation service, for types the table above does not name. */
const TERRAFORM_SERVICES: [string, string][] = [
  ["aws_apigatewayv2_", "ApiGatewayV2"], ["aws_api_gateway_", "ApiGateway"], ["aws_appautoscaling_", "ApplicationAutoScaling"],
  ["aws_cloudwatch_event_", "Events"], ["aws_cloudwatch_log_", "Logs"], ["aws_cloudwatch_", "CloudWatch"], ["aws_db_", "RDS"], ["aws_rds_", "RDS"],
  ["aws_lb", "ElasticLoadBalancingV2"], ["aws_alb", "ElasticLoadBalancingV2"], ["aws_vpc", "EC2"], ["aws_subnet", "EC2"], ["aws_route", "EC2"],
  ["aws_network_", "EC2"], ["aws_default_", "EC2"], ["aws_security_group", "EC2"], ["aws_instance", "EC2"], ["aws_launch_template", "EC2"],
  ["aws_s3_", "S3"], ["aws_iam_", "IAM"], ["aws_sfn_", "StepFunctions"], ["aws_wafv2_", "WAFv2"], ["aws_elasticache_", "ElastiCache"],
];

export function cloudFormationTypeOf(terraformType: string): string {
  const known = TERRAFORM_TYPES[terraformType];
  if (known) return known;
  // Split-out settings of a bucket (encryption, public access block, versioning...) are part of it.
  if (terraformType.startsWith("aws_s3_bucket_")) return "AWS::S3::Bucket#Settings";
  const service = TERRAFORM_SERVICES.find(([prefix]) => terraformType.startsWith(prefix))?.[1] ?? pascal(terraformType.split("_")[1] ?? "Terraform");
  const rest = terraformType.replace(/^[a-z0-9]+_/, "").replace(new RegExp(`^${service.toLowerCase()}_?`), "");
  return `TF::${service}::${pascal(rest || terraformType)}`;
}

const pascal = (snake: string): string => snake.split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");

/** `AWS::Lambda::Function` -> `Lambda`; Custom resources are `Custom`. */
export function serviceOf(type: string): string {
  if (type.startsWith("Custom::")) return "Custom";
  return type.split("::")[1] ?? type;
}

/** Long service names, shortened in labels. */
const SHORT_SERVICE: Record<string, string> = {
  ElasticLoadBalancingV2: "ELBv2",
  ApplicationAutoScaling: "AutoScaling",
  ApiGatewayV2: "API GW v2",
  ApiGateway: "API GW",
  SecretsManager: "Secrets",
};

/** A service as labels show it: `ELBv2` for `ElasticLoadBalancingV2`. */
export const serviceLabel = (service: string): string => SHORT_SERVICE[service] ?? service;

/** `AWS::Lambda::Function` -> `Lambda Function`, `AWS::ElasticLoadBalancingV2::Listener` -> `ELBv2 Listener`. */
export function kindLabel(type: string): string {
  // `AWS::IAM::Role#PolicyDocument`: a Terraform-only part of a CloudFormation type.
  const [, service, kind, part] = type.replace("#", "::").split("::");
  return service && kind ? `${SHORT_SERVICE[service] ?? service} ${part ?? kind}` : type;
}

/**
 * Glue: resources that serve others rather than being a part of the architecture a reader
 * looks for. Folded away by default, by class (see README "Folding"); `--show-glue` draws them.
 */
export type GlueClass = "iam" | "logs" | "alarms" | "network" | "settings" | "tooling" | "data";

const GLUE_BY_TYPE: Record<string, GlueClass> = {
  "AWS::Lambda::Permission": "iam",
  "AWS::SNS::TopicPolicy": "iam",
  "AWS::SQS::QueuePolicy": "iam",
  "AWS::S3::BucketPolicy": "iam",
  "AWS::SecretsManager::ResourcePolicy": "iam",
  "AWS::Logs::LogGroup": "logs",
  "AWS::Logs::LogStream": "logs",
  "AWS::Logs::MetricFilter": "logs",
  "AWS::CloudWatch::Alarm": "alarms",
  "AWS::CloudWatch::CompositeAlarm": "alarms",
  "AWS::CloudWatch::Dashboard": "alarms",
  "AWS::EC2::VPC": "network",
  "AWS::EC2::Subnet": "network",
  "AWS::EC2::RouteTable": "network",
  "AWS::EC2::SubnetRouteTableAssociation": "network",
  "AWS::EC2::Route": "network",
  "AWS::EC2::VPCGatewayAttachment": "network",
  "AWS::EC2::EIP": "network",
  "AWS::EC2::SecurityGroup": "network",
  "AWS::EC2::SecurityGroup#Default": "network",
  "AWS::EC2::SecurityGroupIngress": "network",
  "AWS::EC2::SecurityGroupEgress": "network",
  "AWS::EC2::NetworkAcl": "network",
  "AWS::EC2::NetworkAclEntry": "network",
  "AWS::EC2::SubnetNetworkAclAssociation": "network",
  "AWS::RDS::DBSubnetGroup": "network",
  "AWS::S3::Bucket#Settings": "settings",
  "AWS::KMS::Alias": "settings",
  "AWS::SecretsManager::SecretTargetAttachment": "settings",
  "AWS::RDS::DBClusterParameterGroup": "settings",
  "AWS::RDS::DBParameterGroup": "settings",
  "AWS::ApplicationAutoScaling::ScalingPolicy": "settings",
  "AWS::ECS::ClusterCapacityProviderAssociations": "settings",
  "AWS::CDK::Metadata": "tooling",
  "AWS::CloudFormation::CustomResource": "tooling",
};

export function glueClassOf(type: string, dataSource: boolean): GlueClass | undefined {
  if (type.startsWith("AWS::IAM::")) return "iam";
  if (dataSource) return "data";
  if (type.startsWith("Custom::")) return "tooling";
  return GLUE_BY_TYPE[type];
}

/**
 * Connectors join two resources and are drawn as the edge between them: `from` and `to` name the
 * properties (CloudFormation) or arguments (Terraform) that point at each end. The ends of a
 * security-group rule are groups, drawn as the resources that use them.
 */
export const CONNECTORS: Record<string, { from: string[]; to: string[]; label: string }> = {
  "AWS::WAFv2::WebACLAssociation": { from: ["WebACLArn", "web_acl_arn"], to: ["ResourceArn", "resource_arn"], label: "protects" },
  "AWS::Events::Rule#Target": { from: ["rule"], to: ["arn"], label: "triggers" },
  "AWS::Lambda::EventSourceMapping": { from: ["EventSourceArn", "event_source_arn"], to: ["FunctionName", "function_name"], label: "triggers" },
  "AWS::SNS::Subscription": { from: ["TopicArn", "topic_arn"], to: ["Endpoint", "endpoint"], label: "notifies" },
  "AWS::EC2::SecurityGroupIngress": {
    from: ["SourceSecurityGroupId", "referenced_security_group_id", "source_security_group_id"],
    to: ["GroupId", "security_group_id"],
    label: "allows",
  },
};
