// The library behind the iac-diagram CLI: load an input, build the graph, print it.
export { buildDiagram, AUTO_FOLD_LIMIT, type DiagramOptions, type FoldMode } from "./build-diagram.js";
export type { Diagram, DiagramEdge, DiagramGroup, DiagramNode } from "./diagram.js";
export { loadInput, UsageError, type InputKind, type Loaded } from "./load-input.js";
export { renderMermaid } from "./mermaid.js";
export { currentSection, renderSection, withSection } from "./readme-section.js";
export { resourcesOfTemplate } from "./from-template.js";
export type { ResourceSet, SourceResource, Reference } from "./resources.js";
export { cloudFormationTypeOf, glueClassOf, serviceOf } from "./types.js";
