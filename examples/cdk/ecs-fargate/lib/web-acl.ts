// An AWS WAF web ACL for the load balancer: the three AWS managed rule groups the security
// reference starts every public endpoint with, plus a per-IP rate limit. Managed groups are
// versioned by AWS and updated without a deploy; each counts as one rule on the bill.
import { Stack } from "aws-cdk-lib";
import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import type { Construct } from "constructs";

export interface LoadBalancerWebAclProps {
  /** The ARN of the Application Load Balancer to protect. */
  readonly loadBalancerArn: string;
  /** Requests one client IP may send in 5 minutes before it is blocked. */
  readonly requestsPerIpPer5Minutes: number;
}

const managedRuleGroups = [
  "AWSManagedRulesAmazonIpReputationList", // bots and scanners
  "AWSManagedRulesCommonRuleSet", // common exploits (OWASP top risks)
  "AWSManagedRulesKnownBadInputsRuleSet", // payloads known to exploit frameworks (Log4j and the like)
];

export function loadBalancerWebAcl(scope: Construct, id: string, props: LoadBalancerWebAclProps): wafv2.CfnWebACL {
  const metricPrefix = Stack.of(scope).stackName;
  const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
    cloudWatchMetricsEnabled: true,
    metricName: `${metricPrefix}-${name}`,
    sampledRequestsEnabled: true,
  });

  const webAcl = new wafv2.CfnWebACL(scope, id, {
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: visibility("web-acl"),
    rules: [
      ...managedRuleGroups.map((name, index) => ({
        name,
        priority: index,
        // `none` keeps each group's own actions (block); use `count: {}` to trial a group first.
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
        visibilityConfig: visibility(name),
      })),
      {
        name: "RateLimitPerIp",
        priority: managedRuleGroups.length,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: props.requestsPerIpPer5Minutes, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
        visibilityConfig: visibility("rate-limit-per-ip"),
      },
    ],
  });
  new wafv2.CfnWebACLAssociation(scope, `${id}Association`, { resourceArn: props.loadBalancerArn, webAclArn: webAcl.attrArn });
  return webAcl;
}
