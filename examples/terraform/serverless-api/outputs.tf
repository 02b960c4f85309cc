output "api_url" {
  description = "Base URL of the HTTP API (the $default stage); sign requests with SigV4 (service execute-api)."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "table_name" {
  description = "Name of the DynamoDB table that holds the items."
  value       = aws_dynamodb_table.items.name
}

output "function_name" {
  description = "Name of the Lambda function behind the API."
  value       = aws_lambda_function.handler.function_name
}

output "log_groups" {
  description = "CloudWatch log groups of the function and of the API access logs."
  value = {
    function   = aws_cloudwatch_log_group.function.name
    api_access = aws_cloudwatch_log_group.api_access.name
  }
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms; subscribe to get alarm notifications."
  value       = aws_sns_topic.alarms.arn
}
