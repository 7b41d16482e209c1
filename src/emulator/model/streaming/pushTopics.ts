/**
 * PushTopic records and their /topic/<Name> events (streaming.md §2 PushTopic, §4 PushTopic fields and query rules).
 */
import { SalesforceError, type StreamEvent } from '../api';
import { parseSoql, type Condition, type SoqlQuery } from '../soql/parse';
import { executeQuery } from '../soql/execute';
import { sobjectDef } from '../sobjects/schema';
import type { OrgState, RecordState } from '../state';
import type { RecordChange } from './changeEvents';

const NOTIFY_FOR_FIELDS = ['All', 'Referenced', 'Select', 'Where'];

/** Defaults a new PushTopic gets (object reference: NotifyForFields Referenced; every operation on; active). */
export const PUSH_TOPIC_DEFAULTS: Readonly<Record<string, string | boolean>> = {
  IsActive: true, NotifyForFields: 'Referenced', NotifyForOperationCreate: true, NotifyForOperationUpdate: true,
  NotifyForOperationDelete: true, NotifyForOperationUndelete: true,
};

/** Checks a PushTopic record about to be saved (name length, query length and rules, API version). */
export function validatePushTopic(state: OrgState, fields: Readonly<Record<string, unknown>>, others: readonly RecordState[]): void {
  const name = String(fields['Name'] ?? '');
  if (name.length > 25) throw new SalesforceError('STRING_TOO_LONG', `Topic Name: data value too large: ${name} (max length=25)`, 400, ['Name']);
  if (others.some((r) => String(r.fields['Name']) === name)) {
    throw new SalesforceError('DUPLICATE_VALUE', `duplicate value found: Name duplicates value on record with id: ${others.find((r) => String(r.fields['Name']) === name)?.id ?? ''}`, 400, ['Name']);
  }
  const query = String(fields['Query'] ?? '');
  if (query.length > 1300) throw new SalesforceError('STRING_TOO_LONG', `SOQL Query: data value too large (max length=1300)`, 400, ['Query']);
  const version = Number(fields['ApiVersion']);
  if (!Number.isFinite(version) || version <= 20) {
    throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `API Version: must be greater than 20.0, not ${String(fields['ApiVersion'])} (emulator-invented message)`, 400, ['ApiVersion']);
  }
  const nff = fields['NotifyForFields'];
  if (nff !== null && nff !== undefined && !NOTIFY_FOR_FIELDS.includes(String(nff))) {
    throw new SalesforceError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `Notify For Fields: bad value for restricted picklist field: ${String(nff)}`, 400, ['NotifyForFields']);
  }
  checkTopicQuery(state, query);
}

/** The PushTopic query rules (streaming.md §4): Id selected; no LIMIT, ORDER BY, COUNT, relationships or NOT; a known object. */
export function checkTopicQuery(state: OrgState, query: string): SoqlQuery {
  const upper = query.toUpperCase();
  for (const word of ['LIMIT', 'ORDER BY', 'GROUP BY', 'OFFSET']) {
    if (new RegExp(`\\b${word.replace(' ', '\\s+')}\\b`).test(upper)) throw new SalesforceError('INVALID_FIELD', `'${word}' is not allowed`, 400, ['Query']);
  }
  if (/\bCOUNT\s*\(/.test(upper) || /\b(SUM|AVG|MIN|MAX|COUNT_DISTINCT)\s*\(/.test(upper)) throw new SalesforceError('INVALID_FIELD', 'Aggregate queries are not supported', 400, ['Query']);
  if (/\(\s*SELECT\b/.test(upper)) throw new SalesforceError('INVALID_FIELD', 'semi/anti join sub-selects are not supported', 400, ['Query']);
  const q = parseSoql(query);
  if (!sobjectDef(state, q.from)) throw new SalesforceError('INVALID_FIELD', `sObject type '${q.from}' is not supported.`, 400, ['Query']);
  if (q.fields.some((f) => f.path.length > 1) || whereFields(q.where).some((p) => p.includes('.'))) {
    throw new SalesforceError('INVALID_FIELD', 'relationships are not supported', 400, ['Query']);
  }
  if (hasNot(q.where)) throw new SalesforceError('INVALID_FIELD', "'NOT' is not allowed", 400, ['Query']);
  if (!q.fields.some((f) => f.path[0]?.toLowerCase() === 'id')) throw new SalesforceError('INVALID_FIELD', 'Id field must be selected', 400, ['Query']);
  executeQuery(state, query, '66.0'); // unknown fields fail as a query would
  return q;
}

function whereFields(c: Condition | undefined): string[] {
  if (!c) return [];
  switch (c.kind) {
    case 'and':
    case 'or':
      return [...whereFields(c.left), ...whereFields(c.right)];
    case 'not':
      return whereFields(c.inner);
    default:
      return [c.field.path.join('.')];
  }
}

function hasNot(c: Condition | undefined): boolean {
  if (!c) return false;
  if (c.kind === 'not') return true;
  if (c.kind === 'and' || c.kind === 'or') return hasNot(c.left) || hasNot(c.right);
  return false;
}

const TYPE_OF: Readonly<Record<string, string>> = { CREATE: 'created', UPDATE: 'updated', DELETE: 'deleted', UNDELETE: 'undeleted' };
const NOTIFY_FLAG: Readonly<Record<string, string>> = {
  CREATE: 'NotifyForOperationCreate', UPDATE: 'NotifyForOperationUpdate', DELETE: 'NotifyForOperationDelete', UNDELETE: 'NotifyForOperationUndelete',
};

/**
 * The /topic/<Name> events of a DML: each active topic on the record's object whose query matches the record (after the
 * change; before it for a delete), whose operation flag is on and, for an update, whose NotifyForFields covers a changed field.
 */
export function topicEventsFor(stateBefore: OrgState, stateAfter: OrgState, c: RecordChange, changedFields: readonly string[]): StreamEvent[] {
  const topics = stateAfter.records?.['PushTopic'] ?? [];
  const out: StreamEvent[] = [];
  for (const t of topics) {
    if (t.fields['IsActive'] !== true || t.fields[NOTIFY_FLAG[c.changeType] as string] !== true) continue;
    let q: SoqlQuery;
    try {
      q = parseSoql(String(t.fields['Query']));
    } catch {
      continue;
    }
    if (q.from.toLowerCase() !== c.entityName.toLowerCase()) continue;
    const selectFields = q.fields.map((f) => f.path.join('.').toLowerCase());
    const where = whereFields(q.where).map((f) => f.toLowerCase());
    if (c.changeType === 'UPDATE') {
      const nff = String(t.fields['NotifyForFields'] ?? 'Referenced');
      const watched = nff === 'All' ? undefined : nff === 'Select' ? selectFields : nff === 'Where' ? where : [...selectFields, ...where];
      if (watched && !changedFields.some((f) => watched.includes(f.toLowerCase()))) continue;
    }
    const state = c.changeType === 'DELETE' ? stateBefore : stateAfter;
    const hit = executeQuery(state, String(t.fields['Query']), '66.0').records.find((r) => r['Id'] === c.recordId);
    if (!hit) continue;
    const { attributes: _a, ...sobject } = hit;
    const createdDate = new Date(c.commitTimestamp).toISOString();
    out.push({
      channel: `/topic/${String(t.fields['Name'])}`,
      entityName: c.entityName,
      kind: 'topic',
      createdAt: c.commitTimestamp,
      retentionHours: 24,
      data: { event: { type: TYPE_OF[c.changeType], createdDate }, sobject },
    });
  }
  return out;
}

/** The topic named in a /topic/<Name>[?Field=value] channel. */
export function topicNamed(state: OrgState, name: string): RecordState | undefined {
  return (state.records?.['PushTopic'] ?? []).find((r) => String(r.fields['Name']) === name);
}

/** The object a topic queries. */
export function topicObject(t: RecordState): string {
  return parseSoql(String(t.fields['Query'])).from;
}
