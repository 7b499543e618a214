// Validates rendered Kubernetes manifests (one multi-document YAML file) against schemas:
// the Kubernetes API's own, as the npm package kubernetes-models compiles them from the
// Kubernetes OpenAPI document (types, required fields, enumerations, formats), and, for
// Strimzi's custom resources, the JSON Schemas in strimzi.schema.json beside this file.
// A resource of any other apiVersion/kind fails: nothing goes unchecked by accident.
// Run by .ci/validate-manifests, which installs the packages: node validate.mjs <file>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// the packages live outside the repository, where .ci/validate-manifests installed them
const require = createRequire(join(process.env.MANIFEST_TOOLS_NODE_MODULES, "noop.js"));
const { parseAllDocuments } = require("yaml");
const Ajv = require("ajv");

const file = process.argv[2];
const here = dirname(fileURLToPath(import.meta.url));
const strimzi = JSON.parse(readFileSync(join(here, "strimzi.schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: true });
const strimziValidators = Object.fromEntries(
  Object.entries(strimzi.kinds).map(([kind, schema]) => [kind, ajv.compile(schema)]));

async function kubernetesModel(apiVersion, kind) {
  // core/v1 is "v1"; every other group is "<group>/<version>", as the package names its modules
  let models;
  try {
    models = require(`kubernetes-models/${apiVersion}`);
  } catch {
    return undefined;
  }
  return models[kind];
}

async function problemsOf(resource) {
  if (resource === null || typeof resource !== "object" || Array.isArray(resource)) {
    return ["is not a mapping"];
  }
  const { apiVersion, kind, metadata } = resource;
  const problems = [];
  if (typeof metadata?.name !== "string" || metadata.name === "") {
    problems.push("has no metadata.name");
  }
  if (typeof apiVersion === "string" && apiVersion.startsWith(`${strimzi.group}/`)) {
    const validate = apiVersion === `${strimzi.group}/${strimzi.version}` && strimziValidators[kind];
    if (!validate) {
      return [...problems, `no schema for ${apiVersion} ${kind} (add one to .ci/manifests/strimzi.schema.json)`];
    }
    if (!validate(resource)) {
      problems.push(...validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}` +
        (e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : "") +
        (e.params?.allowedValues ? ` (${e.params.allowedValues.join(", ")})` : "")));
    }
    return problems;
  }
  const Model = typeof apiVersion === "string" && typeof kind === "string"
    ? await kubernetesModel(apiVersion, kind) : undefined;
  if (!Model) {
    return [...problems, `no schema for ${apiVersion} ${kind}`];
  }
  try {
    new Model(resource).validate();
  } catch (error) {
    problems.push(...String(error.message).split(", "));
  }
  return problems;
}

const text = readFileSync(file, "utf8");
let valid = 0;
let invalid = 0;
for (const document of parseAllDocuments(text)) {
  if (document.errors.length > 0) {
    invalid++;
    console.log(`INVALID YAML: ${document.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const resource = document.toJS();
  if (resource === null || resource === undefined) {
    continue;
  }
  const name = `${resource?.kind}/${resource?.metadata?.name} (${resource?.apiVersion})`;
  const problems = await problemsOf(resource);
  if (problems.length === 0) {
    valid++;
    console.log(`valid   ${name}`);
  } else {
    invalid++;
    for (const problem of problems) {
      console.log(`INVALID ${name}: ${problem}`);
    }
  }
}
console.log(`manifests: ${valid} valid, ${invalid} invalid`);
process.exit(invalid === 0 && valid > 0 ? 0 : 1);
