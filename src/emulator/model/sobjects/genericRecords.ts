/**
 * Data records of business objects (Account, Contact, custom objects, …) and of PushTopic: create, update, delete
 * through REST, so the Streaming API has changes to publish. Field rules: the describe's types, required fields,
 * read-only fields (dml.ts normalizeFields/coerce).
 */
import { SalesforceError } from '../api';
import type { OrgState, RecordState } from '../state';
import { PUSH_TOPIC_DEFAULTS, validatePushTopic } from '../streaming/pushTopics';
import type { SFieldDef, SObjectDef } from './schema';

export interface GenericEnv {
  readonly now: string;
  readonly actorId: string;
  nextId(prefix: string): string;
}

type Coerce = (f: SFieldDef, value: unknown) => string | boolean | null;

function recordsOf(state: OrgState, type: string): RecordState[] {
  state.records ??= {};
  state.records[type] ??= [];
  return state.records[type];
}

function toValue(f: SFieldDef, v: unknown, coerce: Coerce): string | number | boolean | null {
  if (v === null || v === undefined || v === '') return null;
  if (['double', 'int', 'currency', 'percent'].includes(f.type)) {
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) throw new SalesforceError('JSON_PARSER_ERROR', `Cannot deserialize instance of double from VALUE_STRING value ${String(v)} or request may be missing a required field`, 400);
    return n;
  }
  return coerce(f, v);
}

/** Creates a record; returns it (already stored in `state`). */
export function createGenericRecord(state: OrgState, env: GenericEnv, def: SObjectDef, values: Map<SFieldDef, unknown>, coerce: Coerce): RecordState {
  const fields: RecordState['fields'] = {};
  if (def.name === 'PushTopic') for (const [k, v] of Object.entries(PUSH_TOPIC_DEFAULTS)) fields[k] = v;
  for (const [f, v] of values) fields[f.name] = toValue(f, v, coerce);
  const missing = def.fields.filter((f) => !f.nillable && f.createable && !f.defaultedOnCreate && f.type !== 'boolean' && (fields[f.name] === null || fields[f.name] === undefined)).map((f) => f.name);
  if (missing.length > 0) throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, 400, missing);
  const list = recordsOf(state, def.name);
  if (def.name === 'PushTopic') validatePushTopic(state, fields, list);
  const has = (n: string): boolean => def.fields.some((f) => f.name === n);
  if (has('OwnerId') && (fields['OwnerId'] === null || fields['OwnerId'] === undefined)) fields['OwnerId'] = env.actorId;
  for (const [n, v] of [['CreatedDate', env.now], ['CreatedById', env.actorId], ['LastModifiedDate', env.now], ['LastModifiedById', env.actorId], ['SystemModstamp', env.now]] as const) {
    if (has(n)) fields[n] = v;
  }
  const rec: RecordState = { id: env.nextId(def.keyPrefix ?? '000'), fields };
  list.push(rec);
  return rec;
}

export function findGenericRecord(state: OrgState, type: string, id: string): RecordState | undefined {
  return (state.records?.[type] ?? []).find((r) => r.id === id);
}

export function updateGenericRecord(state: OrgState, env: GenericEnv, def: SObjectDef, id: string, values: Map<SFieldDef, unknown>, coerce: Coerce): RecordState {
  const list = recordsOf(state, def.name);
  const idx = list.findIndex((r) => r.id === id);
  const prev = list[idx];
  if (!prev) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
  const fields: RecordState['fields'] = { ...prev.fields };
  for (const [f, v] of values) fields[f.name] = toValue(f, v, coerce);
  const cleared = def.fields.filter((f) => !f.nillable && f.type !== 'boolean' && values.has(f) && fields[f.name] === null).map((f) => f.name);
  if (cleared.length > 0) throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${cleared.join(', ')}]`, 400, cleared);
  if (def.name === 'PushTopic') validatePushTopic(state, fields, list.filter((r) => r.id !== id));
  const has = (n: string): boolean => def.fields.some((f) => f.name === n);
  for (const [n, v] of [['LastModifiedDate', env.now], ['LastModifiedById', env.actorId], ['SystemModstamp', env.now]] as const) if (has(n)) fields[n] = v;
  const next = { id, fields };
  list[idx] = next;
  return next;
}

export function deleteGenericRecord(state: OrgState, type: string, id: string): void {
  const list = recordsOf(state, type);
  const idx = list.findIndex((r) => r.id === id);
  if (idx < 0) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', 404);
  list.splice(idx, 1);
}
