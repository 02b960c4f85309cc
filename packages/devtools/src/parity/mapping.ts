// The one table that says which CloudFormation resource types and which Terraform resource types
// are the same component of a pattern, and which security-relevant settings are compared for it.
// A type that appears in an example but in no row fails the parity test unless the test lists it
// as an exception with a reason: every resource is either compared or excluded on purpose.
import type { SettingReader } from "./settings.js";
import * as read from "./settings.js";

export interface ComponentMapping {
  /** A short name for messages: "http-api-route". */
  component: string;
  cloudformation: string[];
  terraform: string[];
  /** Setting name -> how to read it in each language; values are compared as sets per component. */
  settings?: Record<string, SettingReader>;
}

export const COMPONENTS: ComponentMapping[] = [
  { component: "http-api", cloudformation: ["AWS::ApiGatewayV2::Api"], terraform: ["aws_apigatewayv2_api"] },
  { component: "http-api-integration", cloudformation: ["AWS::ApiGatewayV2::Integration"], terraform: ["aws_apigatewayv2_integration"] },
  { component: "http-api-route", cloudformation: ["AWS::ApiGatewayV2::Route"], terraform: ["aws_apigatewayv2_route"], settings: { authorization: read.routeAuthorization } },
  { component: "http-api-stage", cloudformation: ["AWS::ApiGatewayV2::Stage"], terraform: ["aws_apigatewayv2_stage"], settings: { throttling: read.stageThrottling, "access logs": read.stageAccessLogs } },
  // CDK's TableV2 synthesizes a GlobalTable; with one replica it is the same table.
  { component: "dynamodb-table", cloudformation: ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"], terraform: ["aws_dynamodb_table"], settings: { encryption: read.tableEncryption, "point-in-time recovery": read.tablePitr, "deletion protection": read.tableDeletionProtection } },
  { component: "lambda-function", cloudformation: ["AWS::Lambda::Function"], terraform: ["aws_lambda_function"], settings: { tracing: read.lambdaTracing } },
  { component: "lambda-permission", cloudformation: ["AWS::Lambda::Permission"], terraform: ["aws_lambda_permission"] },
  { component: "log-group", cloudformation: ["AWS::Logs::LogGroup"], terraform: ["aws_cloudwatch_log_group"], settings: { "log retention": read.logRetention } },
  { component: "iam-role", cloudformation: ["AWS::IAM::Role"], terraform: ["aws_iam_role"] },
  // An inline policy: CloudFormation's Role.Policies, CDK's AWS::IAM::Policy, Terraform's aws_iam_role_policy.
  { component: "iam-policy", cloudformation: ["AWS::IAM::Policy"], terraform: ["aws_iam_role_policy"] },
  { component: "kms-key", cloudformation: ["AWS::KMS::Key"], terraform: ["aws_kms_key"], settings: { "key rotation": read.keyRotation } },
  { component: "sns-topic", cloudformation: ["AWS::SNS::Topic"], terraform: ["aws_sns_topic"], settings: { encryption: read.topicEncryption } },
  { component: "sns-topic-policy", cloudformation: ["AWS::SNS::TopicPolicy"], terraform: ["aws_sns_topic_policy"] },
  { component: "alarm", cloudformation: ["AWS::CloudWatch::Alarm"], terraform: ["aws_cloudwatch_metric_alarm"] },
  { component: "vpc", cloudformation: ["AWS::EC2::VPC"], terraform: ["aws_vpc"] },
  { component: "subnet", cloudformation: ["AWS::EC2::Subnet"], terraform: ["aws_subnet"] },
  { component: "route-table", cloudformation: ["AWS::EC2::RouteTable", "AWS::EC2::SubnetRouteTableAssociation"], terraform: ["aws_route_table", "aws_route_table_association"] },
  { component: "route", cloudformation: ["AWS::EC2::Route"], terraform: ["aws_route"] },
  { component: "internet-gateway", cloudformation: ["AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment"], terraform: ["aws_internet_gateway"] },
  { component: "nat-gateway", cloudformation: ["AWS::EC2::NatGateway", "AWS::EC2::EIP"], terraform: ["aws_nat_gateway", "aws_eip"] },
  { component: "vpc-endpoint", cloudformation: ["AWS::EC2::VPCEndpoint"], terraform: ["aws_vpc_endpoint"] },
  { component: "flow-log", cloudformation: ["AWS::EC2::FlowLog"], terraform: ["aws_flow_log"] },
  { component: "security-group", cloudformation: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"], terraform: ["aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_security_group_rule"] },
  { component: "db-subnet-group", cloudformation: ["AWS::RDS::DBSubnetGroup"], terraform: ["aws_db_subnet_group"] },
  { component: "db-parameter-group", cloudformation: ["AWS::RDS::DBClusterParameterGroup"], terraform: ["aws_rds_cluster_parameter_group"] },
  { component: "db-cluster", cloudformation: ["AWS::RDS::DBCluster"], terraform: ["aws_rds_cluster"], settings: { encryption: read.clusterEncryption, "deletion protection": read.clusterDeletionProtection } },
  { component: "db-instance", cloudformation: ["AWS::RDS::DBInstance"], terraform: ["aws_rds_cluster_instance", "aws_db_instance"], settings: { "public access": read.dbPublicAccess } },
  // Terraform splits a bucket's settings into resources of their own; they are read as the bucket's.
  { component: "s3-bucket", cloudformation: ["AWS::S3::Bucket"], terraform: ["aws_s3_bucket", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_public_access_block", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_lifecycle_configuration"], settings: { encryption: read.bucketEncryption, "public access": read.bucketPublicAccess } },
  { component: "s3-bucket-policy", cloudformation: ["AWS::S3::BucketPolicy"], terraform: ["aws_s3_bucket_policy"] },
  { component: "load-balancer", cloudformation: ["AWS::ElasticLoadBalancingV2::LoadBalancer"], terraform: ["aws_lb", "aws_alb"], settings: { "public access": read.lbScheme } },
  { component: "lb-listener", cloudformation: ["AWS::ElasticLoadBalancingV2::Listener"], terraform: ["aws_lb_listener", "aws_alb_listener"] },
  { component: "lb-target-group", cloudformation: ["AWS::ElasticLoadBalancingV2::TargetGroup"], terraform: ["aws_lb_target_group", "aws_alb_target_group"] },
  { component: "waf-web-acl", cloudformation: ["AWS::WAFv2::WebACL", "AWS::WAFv2::WebACLAssociation"], terraform: ["aws_wafv2_web_acl", "aws_wafv2_web_acl_association"] },
  { component: "ecs-cluster", cloudformation: ["AWS::ECS::Cluster"], terraform: ["aws_ecs_cluster"] },
  { component: "ecs-task-definition", cloudformation: ["AWS::ECS::TaskDefinition"], terraform: ["aws_ecs_task_definition"] },
  { component: "ecs-service", cloudformation: ["AWS::ECS::Service"], terraform: ["aws_ecs_service"] },
  { component: "autoscaling", cloudformation: ["AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy"], terraform: ["aws_appautoscaling_target", "aws_appautoscaling_policy"] },
];

/**
 * Types that are tooling, not part of any pattern, never compared. Types that one pattern has in
 * one language only are listed as exceptions, with their reasons, in the parity test itself.
 */
export const TOOLING_TYPES: Record<string, string> = {
  "AWS::CDK::Metadata": "CDK's own version-reporting resource",
};

const byCloudFormation = new Map(COMPONENTS.flatMap((c) => c.cloudformation.map((t) => [t, c] as const)));
const byTerraform = new Map(COMPONENTS.flatMap((c) => c.terraform.map((t) => [t, c] as const)));

export function componentOf(language: "cloudformation" | "terraform", type: string): ComponentMapping | undefined {
  return (language === "cloudformation" ? byCloudFormation : byTerraform).get(type);
}
