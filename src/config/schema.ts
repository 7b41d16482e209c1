import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';

/** The JSON Schema shipped in the package (schema/apionly.config.schema.json), from src/ and from dist/ alike. */
export const SCHEMA_PATH = join(__dirname, '..', '..', 'schema', 'apionly.config.schema.json');
/** The schema compiled ahead of time by schema/buildValidator.js (Ajv standalone code, allErrors). */
export const VALIDATOR_PATH = join(__dirname, '..', '..', 'schema', 'apionly.config.validate.js');

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

let compiled: CompiledValidator | undefined;
let schemaJson: Record<string, unknown> | undefined;

export function configSchema(): Record<string, unknown> {
  schemaJson ??= JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  return schemaJson;
}

/** Validates against the schema; returns every violation (allErrors). Defaults are applied by normalizeConfig, not here. */
export function schemaErrors(data: unknown): ErrorObject[] {
  compiled ??= require(VALIDATOR_PATH) as CompiledValidator;
  return compiled(data) ? [] : [...(compiled.errors ?? [])];
}

/** The schema object a JSON pointer such as '#/definitions/user' names (undefined when it names nothing). */
export function schemaAt(pointer: string): unknown {
  let cur: unknown = configSchema();
  for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}
