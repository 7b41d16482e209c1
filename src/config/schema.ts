import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

/** The JSON Schema shipped in the package (schema/apionly.config.schema.json), from src/ and from dist/ alike. */
export const SCHEMA_PATH = join(__dirname, '..', '..', 'schema', 'apionly.config.schema.json');

let compiled: ValidateFunction | undefined;
let schemaJson: Record<string, unknown> | undefined;

export function configSchema(): Record<string, unknown> {
  schemaJson ??= JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  return schemaJson;
}

/** Validates against the schema; returns every violation (allErrors). Defaults are applied by normalizeConfig, not here. */
export function schemaErrors(data: unknown): ErrorObject[] {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, useDefaults: false, allowMatchingProperties: true, verbose: true });
    compiled = ajv.compile(configSchema());
  }
  return compiled(data) ? [] : [...(compiled.errors ?? [])];
}
