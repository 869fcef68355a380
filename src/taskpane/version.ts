/**
 * The add-in's version, from package.json at build time: webpack keeps only the `version`
 * field of the JSON it imports (its JSON modules are tree-shaken by the properties used).
 */
import packageJson from "../../package.json";

export const ADDIN_VERSION: string = packageJson.version;

/** The help page, beside the task pane on the add-in's own host (src/support/support.html). */
export const HELP_URL = "support.html";
