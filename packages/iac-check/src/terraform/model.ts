// The parsed configuration every check works on: blocks and arguments with their positions, the
// literal values hcl2json computed for them, and the references their expressions make.

export interface Position {
  line: number;
  column: number;
  /** Set where the position lies in another file than its block's: an argument merged in from an override file. */
  file?: string;
}

/** A reference such as `aws_s3_bucket.logs[0].arn`: `parts` are the names, `[]` marks an index. */
export interface Traversal {
  parts: string[];
  position: Position;
  text: string;
}

export interface TfAttribute {
  name: string;
  position: Position;
  /** The value as @cdktn/hcl2json gives it: literals as JSON, expressions as `${...}` strings. */
  value: unknown;
  /** Source text of the expression. */
  expression: string;
  traversals: Traversal[];
  /**
   * In .tf.json files only the schema tells an argument from a nested block: an object (or list of
   * objects) value is also offered read as blocks, and the schema check picks the reading.
   */
  asBlocks?: TfBlock[];
}

export interface TfBlock {
  type: string;
  labels: string[];
  position: Position;
  /** Line of the closing brace (of the JSON object in .tf.json): findings between belong to the block. */
  endLine: number;
  attributes: TfAttribute[];
  blocks: TfBlock[];
  file: TfFile;
}

export interface TfFile {
  /** Path as the user would open it (relative to the current directory). */
  path: string;
  text: string;
  isJson: boolean;
  /** Starts with a UTF-8 byte order mark (not in `text`), which terraform fmt removes. */
  bom?: boolean;
  blocks: TfBlock[];
  /** In an override file: the blocks merged into blocks of other files (and so gone from `blocks`). */
  merged?: { block: TfBlock; into: TfBlock }[];
}

export interface TfModule {
  dir: string;
  files: TfFile[];
}

export function attribute(block: TfBlock, name: string): TfAttribute | undefined {
  return block.attributes.find((a) => a.name === name);
}

export function childBlocks(block: TfBlock, type: string): TfBlock[] {
  return block.blocks.filter((b) => b.type === type);
}

export function topBlocks(module: TfModule, type: string): TfBlock[] {
  return module.files.flatMap((f) => f.blocks.filter((b) => b.type === type));
}

/** `aws_s3_bucket.logs` for resources, `data.aws_iam_policy_document.x` for data sources. */
export function blockAddress(block: TfBlock): string {
  if (block.type === "resource") return block.labels.join(".");
  if (block.type === "data") return ["data", ...block.labels].join(".");
  return [block.type, ...block.labels].join(".");
}
