// Which Price List product prices each skill/data record: the service code, the usage type (matched
// as a suffix, since Regions other than us-east-1 prefix it, "USE2-NatGateway-Hours") and any
// attribute that tells two products with the same usage type apart. Not every record has a query:
// those without one are left alone and listed. The usage types follow the Price List's offer files;
// they were not checked against the live API from this repository (no account), so a query that
// matches no product, or products with different prices, changes nothing and says so.
export interface PriceQuery {
  fact: string;
  serviceCode: string;
  usageType: string;
  attributes?: Record<string, string>;
}

export const PRICE_QUERIES: readonly PriceQuery[] = [
  { fact: "networking.price-nat-gateway-hour", serviceCode: "AmazonEC2", usageType: "NatGateway-Hours" },
  { fact: "networking.price-nat-gateway-gb", serviceCode: "AmazonEC2", usageType: "NatGateway-Bytes" },
  { fact: "networking.price-interface-endpoint-hour", serviceCode: "AmazonVPC", usageType: "VpcEndpoint-Hours" },
  { fact: "networking.price-interface-endpoint-gb", serviceCode: "AmazonVPC", usageType: "VpcEndpoint-Bytes" },
  { fact: "lambda.price-requests", serviceCode: "AWSLambda", usageType: "Request" },
  { fact: "lambda.price-gb-second-x86", serviceCode: "AWSLambda", usageType: "Lambda-GB-Second" },
  { fact: "lambda.price-gb-second-arm64", serviceCode: "AWSLambda", usageType: "Lambda-GB-Second-ARM" },
  { fact: "elb.price-alb-hour", serviceCode: "AWSELB", usageType: "LoadBalancerUsage", attributes: { productFamily: "Load Balancer-Application" } },
  { fact: "elb.price-alb-lcu-hour", serviceCode: "AWSELB", usageType: "LCUUsage", attributes: { productFamily: "Load Balancer-Application" } },
  { fact: "elb.price-nlb-hour", serviceCode: "AWSELB", usageType: "LoadBalancerUsage", attributes: { productFamily: "Load Balancer-Network" } },
  { fact: "elb.price-nlb-nlcu-hour", serviceCode: "AWSELB", usageType: "LCUUsage", attributes: { productFamily: "Load Balancer-Network" } },
  { fact: "fargate.price-vcpu-hour-x86", serviceCode: "AmazonECS", usageType: "Fargate-vCPU-Hours:perCPU" },
  { fact: "fargate.price-gb-hour-x86", serviceCode: "AmazonECS", usageType: "Fargate-GB-Hours" },
  { fact: "fargate.price-vcpu-hour-arm64", serviceCode: "AmazonECS", usageType: "Fargate-ARM-vCPU-Hours:perCPU" },
  { fact: "fargate.price-gb-hour-arm64", serviceCode: "AmazonECS", usageType: "Fargate-ARM-GB-Hours" },
  { fact: "sqs.price-standard-requests", serviceCode: "AWSQueueService", usageType: "Requests-RBP" },
  { fact: "sqs.price-fifo-requests", serviceCode: "AWSQueueService", usageType: "Requests-FIFO-RBP" },
  { fact: "security.kms-price-key-month", serviceCode: "awskms", usageType: "KMS-Keys" },
  { fact: "security.secrets-manager-price-secret-month", serviceCode: "AWSSecretsManager", usageType: "AWSSecretsManager-Secrets" },
];
