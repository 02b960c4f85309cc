import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { AliasExpansionError, cloudFormationTags, longForm, SHORT_FORMS, toLongForm } from "../src/index.js";

const parse = (text: string) => parseDocument(text, { customTags: cloudFormationTags });
const load = (text: string): unknown => {
  const document = parse(text);
  expect([...document.errors, ...document.warnings].map((e) => e.message)).toEqual([]);
  return toLongForm(document);
};

// The CloudFormation Template Reference, "Intrinsic function reference" (docs.aws.amazon.com/
// AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html) and its
// "Condition functions" page: every function there whose YAML declaration shows a `!Name` form.
const DOCUMENTED_SHORT_FORMS = [
  "Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs", "Fn::GetStackOutput", "Fn::ImportValue",
  "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::Transform", "Ref",
  "Fn::And", "Fn::Equals", "Fn::If", "Fn::Not", "Fn::Or", "Condition",
];
// The functions of the AWS::LanguageExtensions transform, written short in practice (see index.ts).
const LANGUAGE_EXTENSIONS = ["Fn::Length", "Fn::ToJsonString"];

describe("the short-form list", () => {
  it("is the documentation's list plus the language extensions, once each", () => {
    expect(SHORT_FORMS.filter((f) => !f.requiresTransform).map((f) => f.longForm).sort()).toEqual([...DOCUMENTED_SHORT_FORMS].sort());
    expect(SHORT_FORMS.filter((f) => f.requiresTransform).map((f) => f.longForm).sort()).toEqual(LANGUAGE_EXTENSIONS);
    expect(new Set(SHORT_FORMS.map((f) => f.tag)).size).toBe(SHORT_FORMS.length);
  });

  it("names each tag after its function: !Ref is Ref, never Fn::Ref", () => {
    for (const { tag, longForm: long } of SHORT_FORMS) expect(long.replace(/^Fn::/, "")).toBe(tag.slice(1));
    expect(load("a: !Ref Bucket")).toEqual({ a: { Ref: "Bucket" } });
    expect(load("a: !Condition IsProd")).toEqual({ a: { Condition: "IsProd" } });
  });

  it("has no short form for Fn::ForEach or the Rules functions", () => {
    for (const name of ["!ForEach", "!Contains", "!EachMemberEquals", "!RefAll", "!ValueOf"]) {
      expect(SHORT_FORMS.some((f) => f.tag === name), name).toBe(false);
      expect(parse(`a: ${name} x`).warnings.map((w) => w.code)).toEqual(["TAG_RESOLVE_FAILED"]);
    }
  });
});

describe("toLongForm", () => {
  it("converts every tag on a scalar, a sequence and a mapping", () => {
    for (const { tag, longForm: long } of SHORT_FORMS) {
      if (long === "Fn::GetAtt") continue;
      expect(load(`a: ${tag} x`)).toEqual({ a: { [long]: "x" } });
      expect(load(`a: ${tag} [x, y]`)).toEqual({ a: { [long]: ["x", "y"] } });
      expect(load(`a: ${tag} { k: v }`)).toEqual({ a: { [long]: { k: "v" } } });
    }
  });

  it("splits the scalar GetAtt at the first dot only", () => {
    expect(load("a: !GetAtt Db.Endpoint.Address")).toEqual({ a: { "Fn::GetAtt": ["Db", "Endpoint.Address"] } });
    expect(load("a: !GetAtt [Db, Arn]")).toEqual({ a: { "Fn::GetAtt": ["Db", "Arn"] } });
    expect(longForm("!GetAtt", "Solo")).toEqual({ "Fn::GetAtt": ["Solo"] });
  });

  it("nests tags and leaves untagged values alone", () => {
    expect(load("a: !Join ['', [!Ref A, !Sub '${B}-x']]\nb: 3\nc: [true, null]")).toEqual({
      a: { "Fn::Join": ["", [{ Ref: "A" }, { "Fn::Sub": "${B}-x" }]] },
      b: 3,
      c: [true, null],
    });
  });

  it("replaces aliases with what their anchors hold", () => {
    expect(load("base: &props { Size: !Ref S }\nother: *props")).toEqual({ base: { Size: { Ref: "S" } }, other: { Size: { Ref: "S" } } });
  });

  it("stops an alias bomb with AliasExpansionError at the alias that crossed the limit", () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9).fill(`*${"abcdefghi"[i - 1]}`).join(",")}]`);
    const document = parse(levels.join("\n"));
    expect(() => toLongForm(document)).toThrow(AliasExpansionError);
    expect(() => toLongForm(document, document.contents, { maxAliasExpansions: 10 })).toThrow(/more than 10 times/);
  });
});
