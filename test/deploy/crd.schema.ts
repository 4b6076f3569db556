import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

// Turns CustomResourceDefinitions into the JSON schemas kubeconform looks up as
// `{group}/{kind}_{version}.json`, the way kubeconform's openapi2jsonschema does, offline.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Strict like kubectl: an object that lists its properties accepts no others, unless it says
 * so (`additionalProperties`) or keeps unknown fields (`x-kubernetes-preserve-unknown-fields`).
 * OpenAPI's `nullable` becomes a JSON Schema `null` type.
 */
export function strictSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(strictSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    // Property names are data, not keywords: recurse into each property's schema only.
    out[key] =
      key === 'properties' && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, strictSchema(schema)]))
        : strictSchema(value);
  }
  if (
    isObject(node['properties']) &&
    !('additionalProperties' in node) &&
    node['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out['additionalProperties'] = false;
  }
  if (node['nullable'] === true && typeof node['type'] === 'string') {
    out['type'] = [node['type'], 'null'];
  }
  return out;
}

export interface CrdSchema {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly schema: Json;
}

/** One schema per served version of every CRD in the YAML text. */
export function crdSchemas(yamlText: string): CrdSchema[] {
  const schemas: CrdSchema[] = [];
  for (const document of parseAllDocuments(yamlText)) {
    const crd = document.toJS() as Json;
    if (!isObject(crd) || crd['kind'] !== 'CustomResourceDefinition' || !isObject(crd['spec'])) continue;
    const { group, names, versions } = crd['spec'];
    if (typeof group !== 'string' || !isObject(names) || typeof names['kind'] !== 'string') {
      throw new Error('CustomResourceDefinition without spec.group or spec.names.kind');
    }
    for (const version of Array.isArray(versions) ? versions : []) {
      if (!isObject(version) || version['served'] === false || typeof version['name'] !== 'string') continue;
      const openApi = isObject(version['schema']) ? version['schema']['openAPIV3Schema'] : undefined;
      if (openApi === undefined) throw new Error(`${names['kind']} ${version['name']}: no openAPIV3Schema`);
      schemas.push({ group, kind: names['kind'], version: version['name'], schema: strictSchema(openApi) });
    }
  }
  return schemas;
}

/** Writes the schemas of every CRD file in `crdDirs` under `outDir`; returns what it wrote. */
export function writeCrdSchemas(crdDirs: readonly string[], outDir: string): CrdSchema[] {
  const written: CrdSchema[] = [];
  for (const dir of crdDirs) {
    for (const file of readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))) {
      for (const crd of crdSchemas(readFileSync(join(dir, file), 'utf8'))) {
        mkdirSync(join(outDir, crd.group), { recursive: true });
        const name = `${crd.kind.toLowerCase()}_${crd.version}.json`;
        writeFileSync(join(outDir, crd.group, name), JSON.stringify(crd.schema));
        written.push(crd);
      }
    }
  }
  return written;
}
