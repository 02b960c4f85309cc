# region access-logs
locals {
  # Regions opened before August 2022: AWS documents a bucket policy naming the Elastic Load
  # Balancing account of the Region there. The list is closed (no Region joins it any more);
  # every other Region, and every future one, uses the log delivery service principal instead.
  elb_account_regions = toset([
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1",
    "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
    "ap-southeast-3", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3",
    "eu-south-1", "eu-north-1", "me-south-1", "sa-east-1", "us-gov-west-1", "us-gov-east-1",
    "cn-north-1", "cn-northwest-1",
  ])
  access_log_prefix = "alb"
}

resource "aws_s3_bucket" "access_logs" {
  bucket_prefix = "${local.name}-logs-" # 37 characters at most
  # Only a throwaway stack empties the bucket on destroy; otherwise destroy stops at a bucket
  # that still holds logs.
  force_destroy = var.throwaway
}

# SSE-S3: the only encryption ALB log delivery supports.
resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  bucket                  = aws_s3_bucket.access_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  rule {
    id     = "expire-after-90-days"
    status = "Enabled"

    filter {}

    expiration {
      days = 90
    }
  }
}

# Present only in the Regions listed above; elsewhere the data source has no account to return.
data "aws_elb_service_account" "current" {
  count = contains(local.elb_account_regions, local.region) ? 1 : 0
}

data "aws_iam_policy_document" "access_logs" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.access_logs.arn, "${aws_s3_bucket.access_logs.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # Log files for this account's load balancers only, under the prefix the ALB writes to.
  dynamic "statement" {
    for_each = data.aws_elb_service_account.current

    content {
      sid       = "ElbAccountWritesAccessLogs"
      actions   = ["s3:PutObject"]
      resources = ["${aws_s3_bucket.access_logs.arn}/${local.access_log_prefix}/AWSLogs/${local.account_id}/*"]

      principals {
        type        = "AWS"
        identifiers = [statement.value.arn]
      }
    }
  }

  dynamic "statement" {
    for_each = length(data.aws_elb_service_account.current) == 0 ? [1] : []

    content {
      sid       = "LogDeliveryWritesAccessLogs"
      actions   = ["s3:PutObject"]
      resources = ["${aws_s3_bucket.access_logs.arn}/${local.access_log_prefix}/AWSLogs/${local.account_id}/*"]

      principals {
        type        = "Service"
        identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  policy = data.aws_iam_policy_document.access_logs.json

  depends_on = [aws_s3_bucket_public_access_block.access_logs]
}

# endregion access-logs

# region loadbalancer
locals {
  https = var.certificate_arn != null
}

resource "aws_security_group" "load_balancer" {
  name        = "${local.name}-alb"
  description = "Internet-facing ALB: HTTP(S) from anywhere, out to the service only"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${local.name}-alb" }
}

# A public web entry point takes 80 (and 443 with a certificate) from any address; AWS WAF
# filters the requests.
resource "aws_vpc_security_group_ingress_rule" "load_balancer" {
  for_each = toset(local.https ? ["80", "443"] : ["80"])

  security_group_id = aws_security_group.load_balancer.id
  description       = "HTTP${each.key == "443" ? "S" : ""} from anywhere"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = tonumber(each.key)
  to_port           = tonumber(each.key)
}

resource "aws_vpc_security_group_egress_rule" "load_balancer_to_service" {
  security_group_id            = aws_security_group.load_balancer.id
  description                  = "Load balancer to the tasks"
  referenced_security_group_id = aws_security_group.service.id
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
}

resource "aws_lb" "this" {
  name                       = local.name
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = [for az in local.azs : aws_subnet.public[az].id]
  security_groups            = [aws_security_group.load_balancer.id]
  drop_invalid_header_fields = true

  access_logs {
    enabled = true
    bucket  = aws_s3_bucket.access_logs.id
    prefix  = local.access_log_prefix
  }

  # ELB checks that it may write to the bucket when access logs are turned on.
  depends_on = [aws_s3_bucket_policy.access_logs]
}

resource "aws_lb_target_group" "service" {
  name_prefix          = "svc-"
  port                 = var.container_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = aws_vpc.this.id
  deregistration_delay = 30

  health_check {
    path                = var.health_check_path
    matcher             = "200-399"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }

  # A new group (port or path change) is created and attached before the old one goes.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "https" {
  count = local.https ? 1 : 0

  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  # TLS 1.3 and 1.2, no CBC ciphers, post-quantum key exchange.
  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.service.arn
  }
}

# With a certificate port 80 only redirects to HTTPS; without one it serves the app over plain
# HTTP (first deploy, trials: see README).
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = local.https ? "redirect" : "forward"
    target_group_arn = local.https ? null : aws_lb_target_group.service.arn

    dynamic "redirect" {
      for_each = local.https ? [1] : []

      content {
        protocol    = "HTTPS"
        port        = "443"
        status_code = "HTTP_301"
      }
    }
  }
}
# endregion loadbalancer

# region waf
# The three AWS managed rule groups the security reference starts every public endpoint with,
# plus a per-IP rate limit. Managed groups are versioned by AWS and updated without an apply.
locals {
  managed_rule_groups = [
    "AWSManagedRulesAmazonIpReputationList", # bots and scanners
    "AWSManagedRulesCommonRuleSet",          # common exploits (OWASP top risks)
    "AWSManagedRulesKnownBadInputsRuleSet",  # payloads known to exploit frameworks (Log4j and the like)
  ]
  requests_per_ip_per_5_minutes = 2000
}

resource "aws_wafv2_web_acl" "this" {
  name  = local.name
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  # The rules in the WAF API's own shape (as in the CDK app's CfnWebACL): the same document the
  # `rule` blocks would produce, in a form every checker of this repository can read.
  rule_json = jsonencode(concat(
    [for index, group in local.managed_rule_groups : {
      Name     = group
      Priority = index
      # `None` keeps each group's own actions (block); `Count = {}` trials a group first.
      OverrideAction = { None = {} }
      Statement      = { ManagedRuleGroupStatement = { VendorName = "AWS", Name = group } }
      VisibilityConfig = {
        CloudWatchMetricsEnabled = true
        MetricName               = "${local.name}-${group}"
        SampledRequestsEnabled   = true
      }
    }],
    [{
      Name      = "RateLimitPerIp"
      Priority  = length(local.managed_rule_groups)
      Action    = { Block = {} }
      Statement = { RateBasedStatement = { Limit = local.requests_per_ip_per_5_minutes, AggregateKeyType = "IP", EvaluationWindowSec = 300 } }
      VisibilityConfig = {
        CloudWatchMetricsEnabled = true
        MetricName               = "${local.name}-rate-limit-per-ip"
        SampledRequestsEnabled   = true
      }
    }],
  ))

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${local.name}-web-acl"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "load_balancer" {
  resource_arn = aws_lb.this.arn
  web_acl_arn  = aws_wafv2_web_acl.this.arn
}
# endregion waf
