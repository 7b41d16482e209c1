/**
 * Change events for a committed DML (streaming.md §2 CDC): header fields, body fields per change type, one event per
 * selected entity's record.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { StreamEvent } from '../api';
import type { OrgState } from '../state';
import { changeEventName, selectedEntities } from './names';

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';

export interface RecordChange {
  readonly entityName: string;
  readonly changeType: ChangeType;
  readonly recordId: string;
  /** The row before (UPDATE, DELETE) and after (CREATE, UPDATE, UNDELETE) the DML, as SOQL sees it. */
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
  readonly commitUser: string;
  readonly commitTimestamp: number;
  readonly origin: string;
}

/** Fields that are never in a change event body: the id travels in recordIds; SystemModstamp is not published. */
const NOT_IN_BODY = new Set(['Id', 'SystemModstamp', 'attributes']);

/** A stable schema id per entity, shaped like Salesforce's (22 base64url chars). */
export function schemaId(entity: string): string {
  return createHash('sha256').update(`apionly-cdc-schema:${entity}`).digest('base64url').slice(0, 22);
}

function same(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

/** Body fields and changedFields: CREATE/UNDELETE the non-null ones; UPDATE the changed ones plus LastModifiedDate; DELETE none. */
export function changeBody(c: RecordChange): { fields: Record<string, unknown>; changedFields: string[] } {
  const fields: Record<string, unknown> = {};
  const changedFields: string[] = [];
  if (c.changeType === 'DELETE') return { fields, changedFields };
  const after = c.after ?? {};
  if (c.changeType === 'UPDATE') {
    const before = c.before ?? {};
    for (const [k, v] of Object.entries(after)) {
      if (NOT_IN_BODY.has(k) || same(before[k], v)) continue;
      fields[k] = v ?? null;
      changedFields.push(k);
    }
    if (!('LastModifiedDate' in fields) && after['LastModifiedDate'] !== undefined) {
      fields['LastModifiedDate'] = after['LastModifiedDate'];
      changedFields.push('LastModifiedDate');
    }
    return { fields, changedFields };
  }
  for (const [k, v] of Object.entries(after)) if (!NOT_IN_BODY.has(k) && v !== null && v !== undefined) fields[k] = v;
  return { fields, changedFields };
}

/** The change event of a DML when its entity is selected for Change Data Capture; none otherwise. */
export function changeEventsFor(state: OrgState, c: RecordChange, commitNumber: number): StreamEvent[] {
  if (!selectedEntities(state).includes(c.entityName)) return [];
  const { fields, changedFields } = changeBody(c);
  const header = {
    entityName: c.entityName,
    recordIds: [c.recordId],
    changeType: c.changeType,
    changeOrigin: c.origin,
    transactionKey: randomUUID(),
    sequenceNumber: 1,
    commitTimestamp: c.commitTimestamp,
    commitNumber,
    commitUser: c.commitUser,
    changedFields,
  };
  return [{
    channel: `/data/${changeEventName(c.entityName)}`,
    entityName: c.entityName,
    kind: 'cdc',
    createdAt: c.commitTimestamp,
    retentionHours: 72,
    data: { schema: schemaId(c.entityName), payload: { ChangeEventHeader: header, ...fields } },
  }];
}
