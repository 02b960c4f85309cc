import { describe, expect, it } from "vitest";
import { findTraversals, parseStructure } from "../../src/terraform/hcl-structure.js";
import { tokenizeHcl } from "../../src/terraform/hcl-tokens.js";

const refs = (expr: string): string[] => findTraversals(tokenizeHcl(expr)).map((t) => t.text);

describe("references in expressions", () => {
  it("finds plain, indexed, splat and templated references", () => {
    expect(refs('"${aws_s3_bucket.b[0].id}-${var.x}"')).toEqual(["aws_s3_bucket.b[].id", "var.x"]);
    expect(refs("aws_instance.web[*].id")).toEqual(["aws_instance.web[].id"]);
    expect(refs('local.m["k"].arn')).toEqual(["local.m[].arn"]);
    expect(refs("local.m[var.key]")).toEqual(["local.m[]", "var.key"]);
  });

  it("leaves out for-expression variables, function names, object keys and provider functions", () => {
    expect(refs("[for s in var.list : upper(s)]")).toEqual(["var.list"]);
    expect(refs("{ for k, v in local.m : k => v.id if v.enabled }")).toEqual(["local.m"]);
    expect(refs('jsonencode({ Resource = "${aws_dynamodb_table.t.arn}/index/*", Name = data.x.y.z })')).toEqual(["aws_dynamodb_table.t.arn", "data.x.y.z"]);
    expect(refs("provider::aws::arn_parse(var.arn).region")).toEqual(["var.arn"]);
    expect(refs('"$${not.a.ref} %%{ nor } ${var.yes}"')).toEqual(["var.yes"]);
  });

  it("reads heredocs and template directives", () => {
    expect(refs("<<-EOT\n  hello ${var.name}\n  %{ for x in var.items }${x}%{ endfor }\n  EOT\n")).toEqual(["var.name", "var.items"]);
  });
});

describe("block structure with positions", () => {
  it("gives blocks, labels, arguments and their lines; comments and strings do not confuse it", () => {
    const text = [
      "# resource \"fake\" \"x\" {",
      'resource "aws_s3_bucket" "b" {',
      '  bucket = "a { b"',
      "  tags = {",
      '    Name = "x" # }',
      "  }",
      "  lifecycle { prevent_destroy = true }",
      "}",
      "",
    ].join("\n");
    const [block, ...rest] = parseStructure(tokenizeHcl(text), text);
    expect(rest).toEqual([]);
    expect(block).toMatchObject({ type: "resource", labels: ["aws_s3_bucket", "b"], position: { line: 2, column: 1 } });
    expect(block!.attributes.map((a) => [a.name, a.position.line])).toEqual([
      ["bucket", 3],
      ["tags", 4],
    ]);
    expect(block!.blocks.map((b) => [b.type, b.position.line, b.attributes[0]?.name])).toEqual([["lifecycle", 7, "prevent_destroy"]]);
  });
});
