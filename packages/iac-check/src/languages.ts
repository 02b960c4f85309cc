// Every language iac-check knows, in the order they are asked to claim a path.
// Adding a language is adding one line here.
import type { LanguageModule } from "./language.js";
import { cdkLanguage } from "./cdk/index.js";
import { cloudFormationLanguage } from "./cloudformation/index.js";
import { terraform } from "./terraform/index.js";

export const languages: LanguageModule[] = [cdkLanguage, terraform, cloudFormationLanguage];
