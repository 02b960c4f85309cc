# The account id comes from the credentials at plan time: nothing is hard-coded.
data "aws_caller_identity" "current" {}

locals {
  name = "${var.project_name}-${var.environment}"
}

# region table
resource "aws_dynamodb_table" "items" {
  name                        = "${local.name}-items"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  # A KMS key in this account (the AWS managed aws/dynamodb key) instead of an AWS owned key:
  # every use of the key shows in CloudTrail.
  server_side_encryption {
    enabled = true
  }
}
# endregion table

# region function
# `npm run bundle-handler` (esbuild) writes dist/handler/index.mjs from src/items.ts first.
data "archive_file" "handler" {
  type        = "zip"
  source_dir  = "${path.module}/dist/handler"
  output_path = "${path.module}/dist/handler.zip"
}

resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${local.name}-handler"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "handler" {
  function_name    = "${local.name}-handler"
  description      = "Items API handler (CRUD on the items table)"
  role             = aws_iam_role.handler.arn
  runtime          = "nodejs24.x"
  architectures    = ["arm64"]
  handler          = "index.handler"
  filename         = data.archive_file.handler.output_path
  source_code_hash = data.archive_file.handler.output_base64sha256
  memory_size      = var.lambda_memory_mb
  timeout          = 10

  environment {
    variables = {
      TABLE_NAME = aws_dynamodb_table.items.name
      # Stack traces in the logs point at the TypeScript source.
      NODE_OPTIONS = "--enable-source-maps"
    }
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.function.name
  }

  # The log group must exist first, or Lambda creates one without retention.
  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.handler, aws_iam_role_policy.tracing]
}

# Active tracing sends segments to X-Ray, whose two write actions support no resource-level
# permissions: hence Resource "*", and nothing else.
resource "aws_iam_role_policy" "tracing" {
  name = "xray-write"
  role = aws_iam_role.handler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Tracing"
      Effect   = "Allow"
      Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
      Resource = "*"
    }]
  })
}
# endregion function

# region iam
data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "handler" {
  name               = "${local.name}-handler"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

# Least privilege: the item operations the handler calls, on this table only, and writing to
# its own log group.
data "aws_iam_policy_document" "handler" {
  statement {
    sid       = "ItemsTable"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Scan"]
    resources = [aws_dynamodb_table.items.arn]
  }

  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function.arn}:*"]
  }
}

resource "aws_iam_role_policy" "handler" {
  name   = "items-access"
  role   = aws_iam_role.handler.id
  policy = data.aws_iam_policy_document.handler.json
}
# endregion iam

# region api
resource "aws_apigatewayv2_api" "http" {
  name          = "${local.name}-http"
  protocol_type = "HTTP"
  description   = "CRUD on items"
}

resource "aws_apigatewayv2_integration" "handler" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.handler.invoke_arn
  payload_format_version = "2.0"
}

# Every route takes SigV4-signed requests only, from IAM principals allowed execute-api:Invoke.
resource "aws_apigatewayv2_route" "items" {
  for_each = toset(["GET /items", "POST /items", "GET /items/{id}", "PUT /items/{id}", "DELETE /items/{id}"])

  api_id             = aws_apigatewayv2_api.http.id
  route_key          = each.value
  authorization_type = "AWS_IAM"
  target             = "integrations/${aws_apigatewayv2_integration.handler.id}"
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${local.name}-http"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId        = "$context.requestId"
      ip               = "$context.identity.sourceIp"
      caller           = "$context.identity.caller"
      requestTime      = "$context.requestTime"
      routeKey         = "$context.routeKey"
      status           = "$context.status"
      latencyMs        = "$context.responseLatency"
      integrationError = "$context.integrationErrorMessage"
    })
  }

  default_route_settings {
    throttling_rate_limit  = var.throttling_rate_limit
    throttling_burst_limit = var.throttling_burst_limit
  }
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.handler.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}
# endregion api
