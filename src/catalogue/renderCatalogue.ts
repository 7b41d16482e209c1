import type { OrgCatalogue } from '../model/orgCatalogue';
import { byteOrder } from '../model/userPermissions';

/** The file's top-level keys, in this order; every nested object's keys are in byte order. */
const TOP = ['format', 'version', 'org', 'features', 'userLicenses', 'permissionSetLicenses', 'referenceProfile', 'userPermissions', 'objects'] as const;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort(byteOrder)) out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}

/** JSON with every object's keys in byte order: equal values give equal text, whatever order their keys were built in. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * The catalogue's bytes: stable JSON (keys in a fixed or byte order, arrays as given, which the reader sorts),
 * two-space indentation, LF, one final newline. The same catalogue always gives the same bytes.
 */
export function renderCatalogue(catalogue: OrgCatalogue): string {
  const ordered: Record<string, unknown> = {};
  for (const k of TOP) ordered[k] = sortKeys(catalogue[k]);
  return `${JSON.stringify(ordered, undefined, 2)}\n`;
}
