// Tricky HCL for the differential formatter test: each snippet is the syntax where a formatter
// that is not terraform fmt goes wrong. fmt-differential.test.ts also derives variants of each
// (indentation stripped, spaces doubled, CRLF line endings, no final newline).

export const TRICKY_SNIPPETS: Record<string, string> = {
  "provider-function": `output "region" {
  value = provider::aws::arn_parse(var.arn).region
}
`,
  "provider-function-spaced": `locals {
  a = provider :: aws :: arn_parse (var.arn)
  b = [for arn in var.arns : provider::aws::arn_parse(arn).account_id]
  c = provider::aws::trim_iam_role_path(provider::aws::arn_build("aws", "iam", "", var.account, "role/x")) # trailing
}
`,
  "provider-function-in-template": `locals {
  a = "\${provider::aws::arn_parse(var.arn).region}"
  b = "\${provider::aws::arn_parse(var.arn).region}-suffix"
  c = <<-EOT
    region: \${provider::aws::arn_parse(var.arn).region}
  EOT
}
`,
  "interpolation-only": `resource "aws_sqs_queue" "q" {
  name = "\${var.name}"
  fifo_queue = "\${ var.fifo }"
  delay_seconds = "\${~ var.delay ~}"
  tags = { Name = "\${var.name}" }
  policy = "\${jsonencode({ a = 1 })}"
  kms = ["\${var.key}"]
}
`,
  "interpolation-multiline": `locals {
  a = "\${
    var.x
  }"
  b = "\${var.enabled ?
    1 : 2}"
  c = "\${(var.enabled ?
    1 : 2)}"
  d = "\${
    var.enabled
    ? 1
    : 2
  }"
}
`,
  "interpolation-with-comments": `locals {
  a = "\${var.enabled ?
    1 : 2 # two
  }"
  b = "\${ # leading
    var.x}"
  c = "\${provider::aws # odd
    ::arn_parse(var.arn).region}"
  d = "\${var.x /* inline */}"
}
`,
  "interpolation-not-unwrapped": `locals {
  a = "\${var.a}\${var.b}"
  b = "x\${var.a}"
  c = "\${var.a}x"
  d = "\${lookup(var.m, "\${var.k}")}"
  e = "$\${not.interpolated}"
  f = "%{if var.x}yes%{endif}"
  g = "\${var.a}%{if var.x}b%{endif}"
  h = "\${"quoted"}"
}
`,
  "template-directives": `locals {
  list = "%{ for i, x in var.items }\${i}=\${x},%{ endfor }"
  strip = "%{~ if var.on ~} on %{~ else ~} off %{~ endif ~}"
  nested = "%{ for x in var.items }%{ if x != "" }\${upper(x)}%{ endif }%{ endfor }"
}
`,
  heredocs: `resource "aws_iam_policy" "p" {
  name = "p"
  policy = <<EOT
{
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "\${var.arn}"}]
}
EOT
  description = <<-EOT
      indented \${var.name}
    %{ for x in var.items }
      - \${x}
    %{ endfor }
    EOT
}
`,
  "heredoc-in-expressions": `locals {
  script = [<<-EOT
    echo one
  EOT
  , "two"]
  doc = jsonencode({
    text = <<-EOT
      hello
    EOT
  })
  templ = templatefile("\${path.module}/x.tpl", { body = <<-EOT
    a
    EOT
  })
}
`,
  "comments-odd-places": `# leading comment
resource "aws_s3_bucket" /* between labels */ "b" { # after brace
  bucket = "b" # trailing
  force_destroy = true // another style
  /* block comment */ tags = {
    a = 1 # one
    bbb = 2 /* two */
    # alone
  }
        # badly indented comment
  lifecycle {
    prevent_destroy = false
  } # after block
}
/* multi
   line */
variable "v" { # x
  type = string
}
# last line without newline`,
  "comments-in-expressions": `locals {
  list = [
    "a", # first
    "b", /* second */
    # own line
    "c",
  ]
  obj = {
    # lead
    k = "v" // trailing
  }
  cond = var.x ? /* yes */ 1 : 2
}
`,
  "legacy-types": `variable "a" {
  type = list
}
variable "b" {
  type = "map"
}
variable "c" {
  type = "list"
}
variable "d" {
  type = set
}
variable "e" {
  type = "string"
}
variable "g" {
  type = "number"
}
variable "h" {
  type = "\${string}"
}
variable "f" {
  type = map
  default = {}
}
resource "aws_dynamodb_table" "t" {
  attribute {
    name = "id"
    type = "S"
  }
}
`,
  labels: `resource aws_s3_bucket b {
  bucket = "b"
}
variable x {}
data "aws_caller_identity" current {}
resource "aws_sqs_queue" "a\\u0041" {}
resource "aws_sqs_queue" "dollar$" {}
resource "aws_sqs_queue" "percent%" {}
resource "aws_sqs_queue" "" {}
module "m" { source = "./m" }
locals { a = 1 }
`,
  expressions: `locals {
  a = -1
  b = - var.x
  c = !var.flag
  d = [for x in var.l: x if x!=""]
  e = {for k,v in var.m: k=>v...}
  f = var.list[*].id
  g = var.list.*.id
  h = var.m["key"][0]
  i = var.a==1&&var.b!=2||!var.c
  j = (var.a+var.b)*var.c/2%3
  k = var.x ? var.y : var.z
  l = {
    "quoted key" = 1
    unquoted = 2
    (var.dynamic) = 3
  }
  m = [
    1,
    2
  ]
  n = try(var.a.b, null)
  o = 1.5e3
}
`,
  alignment: `resource "aws_lambda_function" "f" {
  function_name = "f"
  role = var.role
  handler = "index.handler"

  runtime = "nodejs22.x"
  environment {
    variables = {
      A = "1"
      LONGER_NAME = "2"
    }
  }
  memory_size = 256 # comment
  timeout = 10      # comment
}
`,
  "dynamic-and-meta": `resource "aws_security_group" "sg" {
  count = var.on ? 1 : 0
  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      from_port = rule.value.port
      to_port = rule.value.port
      protocol = "tcp"
      cidr_blocks = rule.value.cidrs
    }
  }
  lifecycle {
    ignore_changes = [tags, description]
    precondition {
      condition = var.on
      error_message = "must be on"
    }
  }
}
`,
  tabs: "locals {\n\ta = 1\n\t\tbb = \"x\"\n}\n",
  "blank-lines": "\n\n\nlocals {\n\n\n  a = 1\n\n\n\n  b = 2\n}\n\n\n\n",
  empty: "",
  "only-spaces": "  ",
  "only-comments": "# nothing here\n// still nothing\n",
};
