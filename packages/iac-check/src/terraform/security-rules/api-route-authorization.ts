/**
 * tf-sec/api-route-authorization: every API Gateway route names who may call it. An
 * `aws_apigatewayv2_route` of an HTTP API (and the `$connect` route of a WebSocket API, the only
 * one API Gateway authorizes) sets `authorization_type` to `AWS_IAM`, `JWT` or `CUSTOM`, not
 * `NONE` or nothing (the default is `NONE`); an `aws_api_gateway_method` of a REST API does not
 * set `authorization = "NONE"`. `OPTIONS` methods and routes are exempt: browsers send CORS
 * preflight requests without credentials.
 *
 * Rationale: a route with no authorization runs its integration for anyone on the internet who
 * finds the URL; for a CRUD API that means anyone can read, change and delete the data. Sign
 * requests with IAM (SigV4), or use a JWT or Lambda authorizer.
 *
 * @example ok
 * ```hcl
 * resource "aws_apigatewayv2_route" "list" {
 *   api_id             = "a1b2c3d4e5"
 *   route_key          = "GET /items"
 *   authorization_type = "AWS_IAM"
 *   target             = "integrations/abc123"
 * }
 * ```
 * @example not-ok
 * ```hcl
 * resource "aws_apigatewayv2_route" "delete" {
 *   api_id    = "a1b2c3d4e5"
 *   route_key = "DELETE /items/{id}"
 *   target    = "integrations/abc123"
 * }
 * ```
 */
import type { TfBlock, TfModule } from "../model.js";
import { attr, literalString, resources, type Finding, type SecurityRule } from "./rule.js";

/** The `aws_apigatewayv2_api` a route's `api_id` references, when it is declared in this module. */
function apiOf(module: TfModule, route: TfBlock): TfBlock | undefined {
  const ref = attr(route, "api_id")?.traversals.find((t) => t.parts[0] === "aws_apigatewayv2_api");
  return ref && resources(module, "aws_apigatewayv2_api").find((a) => a.labels[1] === ref.parts[1]);
}

/** The HTTP method of a route key such as `GET /items` (`$default` has none). */
const methodOf = (routeKey: string | undefined): string | undefined => routeKey?.split(" ")[0]?.toUpperCase();

function routeFindings(module: TfModule): Finding[] {
  const findings: Finding[] = [];
  for (const route of resources(module, "aws_apigatewayv2_route")) {
    const routeKey = literalString(attr(route, "route_key"));
    const api = apiOf(module, route);
    const websocket = literalString(api && attr(api, "protocol_type")) === "WEBSOCKET";
    // WebSocket APIs authorize the connection once, on $connect; other routes cannot have an authorizer.
    if (websocket && routeKey !== "$connect") continue;
    if (methodOf(routeKey) === "OPTIONS") continue;
    const setting = attr(route, "authorization_type");
    if (setting && literalString(setting) === undefined) continue; // an expression: known at plan time
    const value = literalString(setting) ?? "NONE";
    if (value.toUpperCase() !== "NONE") continue;
    findings.push({
      block: route,
      position: setting?.position,
      message: `${route.labels.join(".")}${routeKey ? ` (${routeKey})` : ""} has ${setting ? 'authorization_type = "NONE"' : "no authorization_type (default NONE)"}: anyone can call it; set authorization_type = "AWS_IAM" (SigV4-signed requests), or "JWT" / "CUSTOM" with an authorizer_id.`,
    });
  }
  return findings;
}

function methodFindings(module: TfModule): Finding[] {
  return resources(module, "aws_api_gateway_method")
    .filter((m) => literalString(attr(m, "authorization"))?.toUpperCase() === "NONE" && literalString(attr(m, "http_method"))?.toUpperCase() !== "OPTIONS")
    .map((m) => ({
      block: m,
      position: attr(m, "authorization")!.position,
      message: `${m.labels.join(".")} has authorization = "NONE": anyone can call it; set authorization = "AWS_IAM", or "COGNITO_USER_POOLS" / "CUSTOM" with an authorizer_id.`,
    }));
}

export const apiRouteAuthorization: SecurityRule = {
  id: "tf-sec/api-route-authorization",
  rationale: "Every API route must say who may call it: IAM, a JWT or a Lambda authorizer.",
  check: (module) => [...routeFindings(module), ...methodFindings(module)],
};
