// APIs, messaging, workflows, secrets and keys, logs, alarms, WAF.
import { formatCount, literal, prop, type Pricer } from "../pricer.js";

export const priceHttpApi: Pricer = (ctx) => {
  const protocol = literal(prop(ctx.resource, "ProtocolType", "protocol_type")) ?? "HTTP";
  if (protocol !== "HTTP") {
    ctx.notPriced("WebSocket messages and connection minutes", "no price record for WebSocket APIs in skill/data");
    return;
  }
  const requests = ctx.num("requests");
  ctx.assume("requests up to 512 KB each (larger ones are metered in 512 KB steps)");
  ctx.line("HTTP API requests", "api-gateway.price-http-api-requests", requests, `${formatCount(requests)} requests`);
};

export const priceRestApi: Pricer = (ctx) => {
  const requests = ctx.num("requests");
  ctx.line("REST API requests", "api-gateway.price-rest-api-requests", requests, `${formatCount(requests)} requests`);
};

export const priceQueue: Pricer = (ctx) => {
  const fifo = prop(ctx.resource, "FifoQueue", "fifo_queue") === true;
  const requests = ctx.num("requests");
  ctx.line(fifo ? "FIFO queue requests" : "Standard queue requests", fifo ? "sqs.price-fifo-requests" : "sqs.price-standard-requests", requests, `${formatCount(requests)} requests`);
};

export const priceTopic: Pricer = (ctx) => {
  if (prop(ctx.resource, "FifoTopic", "fifo_topic") === true) {
    ctx.notPriced("FIFO topic publishes and deliveries", "no price record for FIFO topics in skill/data");
    return;
  }
  const requests = ctx.num("requests");
  ctx.line("Publish requests", "sns.price-standard-publish", requests, `${formatCount(requests)} requests`);
  ctx.notPriced("Deliveries to HTTP, email, SMS and mobile endpoints", "no record in skill/data (deliveries to SQS and Lambda have no charge)");
};

export const priceEventBus: Pricer = (ctx) => {
  const events = ctx.num("events");
  ctx.line("Custom events published", "eventbridge.price-custom-events", events, `${formatCount(events)} events`);
};

export const priceStateMachine: Pricer = (ctx) => {
  const type = literal(prop(ctx.resource, "StateMachineType", "type")) ?? "STANDARD";
  if (type === "EXPRESS") {
    const requests = ctx.num("requests");
    ctx.line("Express workflow requests", "step-functions.price-express-requests", requests, `${formatCount(requests)} workflow starts`);
    ctx.notPriced("Express workflow duration", "no record of the Express duration price in skill/data");
    return;
  }
  const transitions = ctx.num("transitions");
  ctx.line("State transitions", "step-functions.price-standard-transitions", transitions, `${formatCount(transitions)} transitions`);
};

export const priceSecret: Pricer = (ctx) => {
  const calls = ctx.num("api_calls");
  ctx.line("Secret", "security.secrets-manager-price-secret-month", 1, "1 secret");
  ctx.line("API calls", "security.secrets-manager-price-api-calls", calls, `${formatCount(calls)} calls`);
};

export const priceKmsKey: Pricer = (ctx) => {
  const requests = ctx.num("requests");
  ctx.assume("a symmetric key in its first year (each rotated version adds a key-month after that)");
  ctx.line("Customer managed key", "security.kms-price-key-month", 1, "1 key");
  ctx.line("Requests", "security.kms-price-requests", requests, `${formatCount(requests)} requests`);
};

export const priceLogGroup: Pricer = (ctx) => {
  const logClass = literal(prop(ctx.resource, "LogGroupClass", "log_group_class")) ?? "STANDARD";
  const ingested = ctx.num("gb_ingested");
  const stored = ctx.num("gb_stored");
  if (logClass === "STANDARD") {
    ctx.assume("ingestion at the Standard rate for logs an application sends (vended logs such as VPC flow logs have tiered rates of their own)");
    ctx.line("Ingestion, Standard log class", "cloudwatch.logs-price-ingestion-standard", ingested, `${formatCount(ingested)} GB`);
  } else ctx.notPriced(`Ingestion, ${logClass} log class`, "no price record for this log class in skill/data");
  ctx.line("Storage", "cloudwatch.logs-price-storage", stored, `${formatCount(stored)} GB`);
};

export const priceAlarm: Pricer = (ctx) => {
  ctx.assume("a standard-resolution alarm on one metric");
  ctx.line("Alarm", "well-architected.price-cloudwatch-alarm-standard", 1, "1 alarm");
};

export const priceWebAcl: Pricer = (ctx) => {
  const r = ctx.resource;
  const rules = prop(r, "Rules", "rule");
  const ruleCount = ctx.num("rules", Array.isArray(rules) ? { value: rules.length, what: "rules listed" } : undefined);
  const requests = ctx.num("requests");
  ctx.assume("managed rule groups with a fee of their own (Bot Control, Fraud Control) are not priced");
  ctx.line("Web ACL", "security.waf-price-web-acl-month", 1, "1 web ACL");
  if (ruleCount > 0) ctx.line("Rules", "security.waf-price-rule-month", ruleCount, `${ruleCount} rules`);
  ctx.line("Requests inspected", "security.waf-price-requests", requests, `${formatCount(requests)} requests`);
};
