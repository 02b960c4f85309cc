/**
 * tf-sec/lambda-url-authorization: an `aws_lambda_function_url` does not set
 * `authorization_type = "NONE"`.
 *
 * Rationale: a function URL with no authorization is a public HTTPS endpoint that runs the
 * function, with its role's permissions, for anyone who finds it. Use `AWS_IAM` and sign
 * requests (or put the function behind API Gateway or CloudFront with origin access control).
 *
 * @example ok
 * ```hcl
 * resource "aws_lambda_function_url" "api" {
 *   function_name      = "items-handler"
 *   authorization_type = "AWS_IAM"
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_lambda_function_url" "api" {
 *   function_name      = "items-handler"
 *   authorization_type = "NONE"
 * }
 * ```
 */
import { attr, literalString, resources, type SecurityRule } from "./rule.js";

export const lambdaUrlAuthorization: SecurityRule = {
  id: "tf-sec/lambda-url-authorization",
  rationale: "A Lambda function URL must require IAM-signed requests, not be open to anyone.",
  check: (module) =>
    resources(module, "aws_lambda_function_url")
      .filter((u) => literalString(attr(u, "authorization_type"))?.toUpperCase() === "NONE")
      .map((u) => ({
        block: u,
        position: attr(u, "authorization_type")!.position,
        message: `${u.labels.join(".")} has authorization_type = "NONE": anyone can invoke the function; set authorization_type = "AWS_IAM" and sign requests, or front it with CloudFront origin access control.`,
      })),
};
