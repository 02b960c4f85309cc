// The blocks the Terraform language itself defines (not a provider), in the same shape as the
// generated provider schemas so one walker checks both. Source: the Terraform language docs
// (developer.hashicorp.com/terraform/language), Terraform 1.11.
// `open` marks bodies whose contents are not fixed (a backend's settings, locals, a module's inputs).

import type { BlockSchema, NestedBlockSchema } from "./provider-schema.js";

export type LanguageBlockSchema = BlockSchema & { open?: boolean; labels?: number; b?: Record<string, LanguageNestedSchema> };
type LanguageNestedSchema = NestedBlockSchema & { open?: boolean; labels?: number };

const str = { t: "string" } as const;
const req = { t: "string", r: 1 } as const;
const any = { t: "any" } as const;
const conditionBlock: LanguageNestedSchema = { n: "list", a: { condition: { t: "bool", r: 1 }, error_message: req } };

export const LIFECYCLE: LanguageNestedSchema = {
  n: "struct",
  a: { create_before_destroy: any, prevent_destroy: any, ignore_changes: any, replace_triggered_by: any },
  b: { precondition: conditionBlock, postcondition: conditionBlock },
};

/** Meta-arguments every resource accepts besides its schema's arguments. */
export const RESOURCE_META_ARGUMENTS = new Set(["count", "for_each", "depends_on", "provider"]);
export const RESOURCE_META_BLOCKS: Record<string, LanguageNestedSchema> = {
  lifecycle: LIFECYCLE,
  provisioner: { n: "list", a: {}, open: true, labels: 1 },
  connection: { n: "struct", a: {}, open: true },
};

export const LANGUAGE_BLOCKS: Record<string, LanguageBlockSchema> = {
  terraform: {
    labels: 0,
    a: { required_version: str, experiments: any },
    b: {
      required_providers: { n: "struct", a: {}, open: true },
      backend: { n: "struct", a: {}, open: true, labels: 1 },
      cloud: { n: "struct", a: {}, open: true },
      provider_meta: { n: "list", a: {}, open: true, labels: 1 },
    },
  },
  variable: {
    labels: 1,
    a: { type: any, default: any, description: str, sensitive: any, nullable: any, ephemeral: any, const: any },
    b: { validation: conditionBlock },
  },
  output: {
    labels: 1,
    a: { value: { t: "any", r: 1 }, description: str, sensitive: any, depends_on: any, ephemeral: any },
    b: { precondition: conditionBlock },
  },
  locals: { labels: 0, a: {}, open: true },
  module: {
    labels: 1,
    // Inputs are the child module's variables: unknown for registry modules, so the body is open.
    a: { source: req, version: str, count: any, for_each: any, depends_on: any, providers: any },
    open: true,
  },
  moved: { labels: 0, a: { from: { t: "any", r: 1 }, to: { t: "any", r: 1 } } },
  import: { labels: 0, a: { to: { t: "any", r: 1 }, id: any, identity: any, provider: any, for_each: any } },
  removed: {
    labels: 0,
    a: { from: { t: "any", r: 1 } },
    b: { lifecycle: { n: "struct", a: { destroy: any } }, provisioner: { n: "list", a: {}, open: true, labels: 1 }, connection: { n: "struct", a: {}, open: true } },
  },
  check: {
    labels: 1,
    a: {},
    b: { assert: conditionBlock, data: { n: "list", a: {}, open: true, labels: 2 } },
  },
  // Provider-defined; `provider`, `resource`, `data` and `ephemeral` bodies are checked against the provider schema.
  provider: { labels: 1, a: {}, open: true },
  resource: { labels: 2, a: {}, open: true },
  data: { labels: 2, a: {}, open: true },
  ephemeral: { labels: 2, a: {}, open: true },
};

/** Resources and data sources of Terraform's built-in provider (terraform.io/builtin/terraform). */
export const BUILTIN_RESOURCES: Record<string, LanguageBlockSchema> = {
  terraform_data: { a: { input: any, triggers_replace: any }, x: ["output"] },
};
export const BUILTIN_DATA_SOURCES: Record<string, LanguageBlockSchema> = {
  terraform_remote_state: { a: { backend: { t: "string", r: 1 }, config: any, defaults: any, workspace: str }, x: ["outputs"] },
};
