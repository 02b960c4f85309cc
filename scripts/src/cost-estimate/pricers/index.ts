// One pricer per kind of resource (usage-keys.ts says which types each kind covers).
import type { Pricer } from "../pricer.js";
import { priceAlarm, priceEventBus, priceHttpApi, priceKmsKey, priceLogGroup, priceQueue, priceRestApi, priceSecret, priceStateMachine, priceTopic, priceWebAcl } from "./application.js";
import { priceEc2Instance, priceEcsService, priceLambda } from "./compute.js";
import { priceDbCluster, priceDbInstance, priceDynamoDb, priceElastiCache, priceS3Bucket } from "./data.js";
import { priceCloudFront, priceElasticIp, priceLoadBalancer, priceNatGateway, priceVpcEndpoint } from "./network.js";

export const PRICERS: Readonly<Record<string, Pricer>> = {
  lambda: priceLambda,
  http_api: priceHttpApi,
  rest_api: priceRestApi,
  dynamodb: priceDynamoDb,
  s3: priceS3Bucket,
  cloudfront: priceCloudFront,
  load_balancer: priceLoadBalancer,
  nat_gateway: priceNatGateway,
  public_ipv4: priceElasticIp,
  vpc_endpoint: priceVpcEndpoint,
  ecs_service: priceEcsService,
  ec2_instance: priceEc2Instance,
  db_instance: priceDbInstance,
  db_cluster: priceDbCluster,
  elasticache: priceElastiCache,
  sqs: priceQueue,
  sns: priceTopic,
  event_bus: priceEventBus,
  state_machine: priceStateMachine,
  secret: priceSecret,
  kms_key: priceKmsKey,
  log_group: priceLogGroup,
  alarm: priceAlarm,
  web_acl: priceWebAcl,
};
