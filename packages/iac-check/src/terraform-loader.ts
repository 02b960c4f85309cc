// Terraform module loading for other tools: every .tf / .tf.json file of a folder parsed by the
// real HCL parser, with positions and the references each expression makes. Importing this starts
// the parser's WebAssembly module, so it is an entry of its own.
export { loadModule, isTerraformFile, terraformFilesIn, type LoadedModule } from "./terraform/load-module.js";
export { blockAddress, type TfAttribute, type TfBlock, type TfFile, type TfModule, type Traversal } from "./terraform/model.js";
