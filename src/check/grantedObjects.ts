/**
 * The objects the config grants read on: the objectPermissions of the Profile (and any permission set) that
 * `apionly generate` writes from it, read from the generation plan (pure; nothing is written). Objects that cannot
 * be queried with a plain `SELECT Id … LIMIT 1` (platform events, external objects) are left out, and a large
 * list is sampled deterministically.
 */
import { XMLParser } from 'fast-xml-parser';
import type { LoadedConfig } from '../config/types';
import { planGeneration, readGenerationInputs } from '../generate';
import { byteOrder } from '../model/userPermissions';

/** At most this many objects are queried; more are sampled evenly over the sorted list. */
export const MAX_OBJECT_QUERIES = 50;

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, removeNSPrefix: true, isArray: (name) => name === 'objectPermissions' });

/** Object names with allowRead=true in one Profile or PermissionSet file. */
export function readableObjects(xml: string): string[] {
  const doc = parser.parse(xml) as Record<string, Record<string, unknown> | undefined>;
  const root = doc['Profile'] ?? doc['PermissionSet'];
  const entries = (root?.['objectPermissions'] ?? []) as Array<Record<string, unknown>>;
  return entries.filter((e) => String(e['allowRead']).trim() === 'true' && typeof e['object'] === 'string').map((e) => e['object'] as string);
}

/** Whether `SELECT Id FROM <object> LIMIT 1` is a fair read test (platform events and external objects are not). */
export function isQueryable(object: string): boolean {
  return !/__(e|x)$/.test(object);
}

/** Every n-th of the sorted names so that at most `max` remain (first and spread evenly). */
export function sample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)] as T);
}

export interface GrantedObjects {
  /** Objects to query (sampled). */
  readonly objects: readonly string[];
  /** How many the config grants read on, queryable ones. */
  readonly total: number;
  /** Granted but not queryable this way (platform events, external objects). */
  readonly skipped: readonly string[];
}

export async function grantedObjects(loaded: LoadedConfig, max = MAX_OBJECT_QUERIES): Promise<GrantedObjects> {
  const plan = planGeneration(await readGenerationInputs(loaded));
  const names = new Set<string>();
  for (const file of plan.files) {
    if (/\.(profile|permissionset)-meta\.xml$/.test(file.path)) for (const o of readableObjects(file.content)) names.add(o);
  }
  const all = [...names].sort(byteOrder);
  const queryable = all.filter(isQueryable);
  return { objects: sample(queryable, max), total: queryable.length, skipped: all.filter((o) => !isQueryable(o)) };
}
