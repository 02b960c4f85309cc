// The language-neutral input of the diagram: every resource of a stack, template or module with
// the references its code makes. CloudFormation and Terraform are each read into this shape
// (./from-template.ts, ./from-terraform.ts); everything after it is shared.

export type ReferenceKind = "Ref" | "GetAtt" | "Sub" | "DependsOn" | "hcl" | "depends_on";

export interface Reference {
  /** Id of the referenced resource in the same set. */
  target: string;
  kind: ReferenceKind;
  /** Top-level property (CloudFormation) or argument / block (Terraform) the reference sits in. */
  property: string;
}

export interface SourceResource {
  /** Logical id (CloudFormation) or address (Terraform: `aws_s3_bucket.logs`, `data.aws_region.current`). */
  id: string;
  /** CloudFormation type, or the Terraform type's CloudFormation equivalent where one is known. */
  type: string;
  /** The type as written (`aws_lambda_function`), for labels and the JSON graph. */
  sourceType: string;
  /** Short name for the label: the logical id, or the Terraform resource name. */
  name: string;
  references: Reference[];
  /** Terraform data sources are read, not deployed. */
  dataSource?: boolean;
  /** `count` or `for_each`: one block, several resources. */
  repeated?: boolean;
}

/** One unit drawn as a subgraph of its own: a stack of a CDK app, a template, a Terraform module. */
export interface ResourceSet {
  /** Stack name, template file name or module folder. */
  name: string;
  resources: SourceResource[];
}
