/**
 * tf-sec/api-access-logs: API Gateway stages (`aws_apigatewayv2_stage` for HTTP and WebSocket
 * APIs, `aws_api_gateway_stage` for REST APIs) have an `access_log_settings` block.
 *
 * Rationale: access logs record every request (caller, route, status, latency); without them an
 * API incident or abuse cannot be traced.
 *
 * @example ok
 * ```hcl
 * resource "aws_apigatewayv2_stage" "default" {
 *   api_id      = "a1b2c3d4e5"
 *   name        = "$default"
 *   auto_deploy = true
 *   access_log_settings {
 *     destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:api"
 *     format          = jsonencode({ requestId = "$context.requestId", status = "$context.status" })
 *   }
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_apigatewayv2_stage" "default" {
 *   api_id      = "a1b2c3d4e5"
 *   name        = "$default"
 *   auto_deploy = true
 * }
 * ```
 */
import { nested, resources, type SecurityRule } from "./rule.js";

export const apiAccessLogs: SecurityRule = {
  id: "tf-sec/api-access-logs",
  rationale: "Log every API request so incidents and abuse can be traced.",
  check: (module) =>
    resources(module, "aws_apigatewayv2_stage", "aws_api_gateway_stage")
      .filter((s) => nested(s, "access_log_settings").length === 0)
      .map((s) => ({
        block: s,
        message: `API stage ${s.labels.join(".")} has no access logs: add access_log_settings { destination_arn = aws_cloudwatch_log_group.<name>.arn, format = jsonencode({...}) }.`,
      })),
};
