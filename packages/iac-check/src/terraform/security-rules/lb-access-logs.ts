/**
 * tf-sec/lb-access-logs: application and network load balancers (`aws_lb`, `aws_alb`) have
 * `access_logs { enabled = true }`. Gateway load balancers have no access logs and are skipped.
 *
 * Rationale: access logs are the record of who called what through the load balancer; without
 * them an incident cannot be investigated after the fact. `enabled` defaults to false even when
 * a bucket is given.
 *
 * @example ok
 * ```hcl
 * resource "aws_lb" "web" {
 *   load_balancer_type = "application"
 *   subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
 *   access_logs {
 *     bucket  = "my-lb-logs"
 *     enabled = true
 *   }
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_lb" "web" {
 *   load_balancer_type = "application"
 *   subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
 * }
 * ```
 */
import { attr, literalBool, literalString, nested, resources, type SecurityRule } from "./rule.js";

export const lbAccessLogs: SecurityRule = {
  id: "tf-sec/lb-access-logs",
  rationale: "Keep load balancer access logs so incidents can be investigated.",
  check: (module) =>
    resources(module, "aws_lb", "aws_alb")
      .filter((lb) => literalString(attr(lb, "load_balancer_type")) !== "gateway")
      .filter((lb) => !nested(lb, "access_logs").some((l) => literalBool(attr(l, "enabled")) === true || !!attr(l, "enabled")?.traversals.length))
      .map((lb) => ({
        block: lb,
        message: `Load balancer ${lb.labels.join(".")} does not write access logs: add access_logs { bucket = ..., enabled = true } (enabled defaults to false).`,
      })),
};
