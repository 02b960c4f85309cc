/**
 * tf-sec/cloudfront-tls: an `aws_cloudfront_distribution` serves viewers over TLS 1.2 or later
 * only: `viewer_certificate` names an ACM certificate with `minimum_protocol_version` of
 * TLSv1.2_* or TLSv1.3_*, and no cache behavior sets `viewer_protocol_policy = "allow-all"`.
 *
 * Rationale: the default `*.cloudfront.net` certificate still accepts TLSv1 and cannot be
 * changed, and `allow-all` serves plain HTTP; both let a network attacker read or alter traffic.
 *
 * @example ok
 * ```hcl
 * resource "aws_cloudfront_distribution" "site" {
 *   enabled = true
 *   aliases = ["www.example.com"]
 *   origin {
 *     domain_name              = "site.s3.eu-west-1.amazonaws.com"
 *     origin_id                = "site"
 *     origin_access_control_id = "E2QWRUHAPOMQZL"
 *   }
 *   default_cache_behavior {
 *     target_origin_id       = "site"
 *     viewer_protocol_policy = "redirect-to-https"
 *     allowed_methods        = ["GET", "HEAD"]
 *     cached_methods         = ["GET", "HEAD"]
 *     cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
 *   }
 *   restrictions {
 *     geo_restriction {
 *       restriction_type = "none"
 *     }
 *   }
 *   viewer_certificate {
 *     acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/example"
 *     ssl_support_method       = "sni-only"
 *     minimum_protocol_version = "TLSv1.2_2021"
 *   }
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_cloudfront_distribution" "site" {
 *   enabled = true
 *   origin {
 *     domain_name              = "site.s3.eu-west-1.amazonaws.com"
 *     origin_id                = "site"
 *     origin_access_control_id = "E2QWRUHAPOMQZL"
 *   }
 *   default_cache_behavior {
 *     target_origin_id       = "site"
 *     viewer_protocol_policy = "allow-all"
 *     allowed_methods        = ["GET", "HEAD"]
 *     cached_methods         = ["GET", "HEAD"]
 *     cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
 *   }
 *   restrictions {
 *     geo_restriction {
 *       restriction_type = "none"
 *     }
 *   }
 *   viewer_certificate {
 *     cloudfront_default_certificate = true
 *   }
 * }
 * ```
 */
import { attr, literalBool, literalString, nested, resources, type Finding, type SecurityRule } from "./rule.js";

export const cloudfrontTls: SecurityRule = {
  id: "tf-sec/cloudfront-tls",
  rationale: "Serve CloudFront viewers over TLS 1.2+ only, never plain HTTP.",
  check(module) {
    const findings: Finding[] = [];
    for (const d of resources(module, "aws_cloudfront_distribution")) {
      const name = d.labels.join(".");
      for (const cert of nested(d, "viewer_certificate")) {
        const min = literalString(attr(cert, "minimum_protocol_version"));
        if (literalBool(attr(cert, "cloudfront_default_certificate")) === true) {
          findings.push({ block: d, position: cert.position, message: `${name} uses the default *.cloudfront.net certificate, which still accepts TLSv1: serve an alias with an ACM certificate (acm_certificate_arn, ssl_support_method = "sni-only", minimum_protocol_version = "TLSv1.2_2021").` });
        } else if (!attr(cert, "minimum_protocol_version") || (min !== undefined && !/^TLSv1\.[23]_/.test(min))) {
          findings.push({ block: d, position: (attr(cert, "minimum_protocol_version") ?? cert).position, message: `${name} allows TLS older than 1.2${min ? ` (${min})` : " (no minimum_protocol_version)"}: set minimum_protocol_version = "TLSv1.2_2021".` });
        }
      }
      for (const behavior of [...nested(d, "default_cache_behavior"), ...nested(d, "ordered_cache_behavior")]) {
        if (literalString(attr(behavior, "viewer_protocol_policy")) === "allow-all") {
          findings.push({ block: d, position: attr(behavior, "viewer_protocol_policy")!.position, message: `${name} ${behavior.type} serves plain HTTP (viewer_protocol_policy = "allow-all"): use "redirect-to-https" or "https-only".` });
        }
      }
    }
    return findings;
  },
};
