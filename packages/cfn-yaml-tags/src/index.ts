// CloudFormation's short-form YAML tags, in one place. `!Sub "x"` is YAML for `{ "Fn::Sub": "x" }`;
// the yaml package needs to be told each tag exists (on a scalar, a sequence or a mapping), and a
// reader needs the long form CloudFormation itself sees. Every tool of this repository that reads
// templates or template snippets takes both from here, so they cannot disagree on the list.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Tags } from "yaml";

export interface ShortForm {
  /** The YAML tag, e.g. `!GetAtt`. */
  tag: string;
  /** The long-form key it stands for, e.g. `Fn::GetAtt`; `Ref` and `Condition` have no `Fn::`. */
  longForm: string;
  /** Set when the function only exists under a transform (the template must declare it). */
  requiresTransform?: "AWS::LanguageExtensions";
}

/**
 * The short forms of the intrinsic functions in the CloudFormation Template Reference
 * ("Intrinsic function reference" and "Condition functions"), each of which documents a
 * `!Name` YAML form. `Fn::ForEach` has none (its key carries the loop name), nor do the rule
 * functions of the Rules section.
 */
const DOCUMENTED: ShortForm[] = [
  "Base64",
  "Cidr",
  "FindInMap",
  "GetAtt",
  "GetAZs",
  "GetStackOutput",
  "ImportValue",
  "Join",
  "Select",
  "Split",
  "Sub",
  "Transform",
  "And",
  "Equals",
  "If",
  "Not",
  "Or",
].map((name) => ({ tag: `!${name}`, longForm: `Fn::${name}` }));

/**
 * `Fn::Length` and `Fn::ToJsonString` come with the AWS::LanguageExtensions transform. Their
 * pages show only the long form, but cfn-lint's YAML reader maps any `!Name` tag to `Fn::Name`
 * and templates in the wild write these two short, so they are accepted (and marked).
 */
const LANGUAGE_EXTENSIONS: ShortForm[] = ["Length", "ToJsonString"].map((name) => ({ tag: `!${name}`, longForm: `Fn::${name}`, requiresTransform: "AWS::LanguageExtensions" }));

export const SHORT_FORMS: readonly ShortForm[] = Object.freeze([
  { tag: "!Ref", longForm: "Ref" },
  { tag: "!Condition", longForm: "Condition" },
  ...DOCUMENTED,
  ...LANGUAGE_EXTENSIONS,
]);

const BY_TAG = new Map(SHORT_FORMS.map((form) => [form.tag, form]));

/**
 * Custom tags for the yaml package (`parseDocument(text, { customTags: cloudFormationTags })`).
 * Each tag is accepted on a scalar, a sequence and a mapping, and the node keeps its tag, so
 * `toLongForm` can convert it while the node tree keeps its source positions.
 */
export const cloudFormationTags: Tags = SHORT_FORMS.flatMap(({ tag }) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: "seq" as const, resolve: (value: unknown) => value },
  { tag, collection: "map" as const, resolve: (value: unknown) => value },
]);

/** The long form of a tagged value: `!GetAtt A.B` -> `{ "Fn::GetAtt": ["A", "B"] }`. Unknown tags return the value unchanged. */
export function longForm(tag: string, value: unknown): unknown {
  const form = BY_TAG.get(tag);
  if (!form) return value;
  // `!GetAtt Resource.Attribute` is the scalar form of ["Resource", "Attribute"]; the attribute may contain dots.
  if (form.longForm === "Fn::GetAtt" && typeof value === "string") {
    const dot = value.indexOf(".");
    return { "Fn::GetAtt": dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [form.longForm]: value };
}

/** Aliases expanded (counting nested ones) before a document counts as an alias bomb ("billion laughs"). */
export const DEFAULT_MAX_ALIAS_EXPANSIONS = 1000;

export class AliasExpansionError extends Error {
  constructor(
    message: string,
    /** The alias that crossed the limit. */
    readonly node: Node,
  ) {
    super(message);
  }
}

export interface ToLongFormOptions {
  /** Stop with AliasExpansionError after this many alias expansions. */
  maxAliasExpansions?: number;
}

/**
 * The plain value CloudFormation sees for a parsed YAML node: short forms converted to long
 * forms, aliases replaced by what their anchor holds (bounded, since each expansion may expand
 * more), mapping keys as strings.
 */
export function toLongForm(document: Document, node: unknown = document.contents, options: ToLongFormOptions = {}): unknown {
  const limit = options.maxAliasExpansions ?? DEFAULT_MAX_ALIAS_EXPANSIONS;
  let expansions = 0;
  const convert = (current: unknown): unknown => {
    if (isAlias(current)) {
      if (++expansions > limit) {
        throw new AliasExpansionError(`YAML aliases expand more than ${limit} times (an alias bomb, or a document that repeats itself far too much); write the repeated parts out or use fewer aliases`, current);
      }
      const target = current.resolve(document);
      if (target === undefined) throw new AliasExpansionError(`the alias *${current.source} names no anchor defined before it`, current);
      return convert(target);
    }
    let value: unknown;
    if (isMap(current)) {
      const object: Record<string, unknown> = {};
      for (const pair of current.items) object[String(isScalar(pair.key) ? pair.key.value : pair.key)] = convert(pair.value);
      value = object;
    } else if (isSeq(current)) {
      value = current.items.map(convert);
    } else if (isScalar(current)) {
      value = current.value;
    } else {
      value = current ?? null;
    }
    const tag = (current as Node | null | undefined)?.tag;
    return tag ? longForm(tag, value) : value;
  };
  return convert(node);
}
