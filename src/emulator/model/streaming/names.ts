/** Change Data Capture names (streaming.md §2, §4): entity <-> change event <-> channel. */
import { findObject } from '../orgCatalog';
import type { OrgState } from '../state';

/** 'Account' -> 'AccountChangeEvent'; 'Invoice__c' -> 'Invoice__ChangeEvent'. */
export function changeEventName(entity: string): string {
  return entity.endsWith('__c') ? `${entity.slice(0, -1)}ChangeEvent` : `${entity}ChangeEvent`;
}

/** 'AccountChangeEvent' -> 'Account'; 'Invoice__ChangeEvent' -> 'Invoice__c'; undefined when not a change event name. */
export function entityOfChangeEvent(name: string): string | undefined {
  if (!name.endsWith('ChangeEvent') || name === 'ChangeEvent') return undefined;
  const base = name.slice(0, -'ChangeEvent'.length);
  return base.endsWith('__') ? `${base}c` : base;
}

export const CHANGE_EVENTS_CHANNEL = '/data/ChangeEvents';

/** Objects the emulated org never publishes change events for. */
const NO_CDC = new Set(['PushTopic', 'StreamingChannel', 'ScratchOrgInfo', 'ActiveScratchOrg', 'Document', 'Macro', 'DuplicateRecordSet']);

/** Whether Change Data Capture supports the entity in this org (standard objects with records, custom objects, User, Task, Event). */
export function supportsChangeEvents(state: OrgState, entity: string): boolean {
  if (entity === 'User' || entity === 'Task' || entity === 'Event') return true;
  if (NO_CDC.has(entity)) return false;
  const info = findObject(state, entity);
  return info !== undefined && info.permissionable;
}

/** The entities selected on the standard ChangeEvents channel (or any channel), distinct, sorted. */
export function selectedEntities(state: OrgState): string[] {
  const out = new Set<string>();
  for (const m of state.channelMembers ?? []) {
    const e = entityOfChangeEvent(m.selectedEntity);
    if (e) out.add(e);
  }
  return [...out].sort();
}

export const DEFAULT_CDC_ENTITY_LIMIT = 5;

export function cdcEntityLimit(state: OrgState): number {
  return state.cdcEntityLimit ?? DEFAULT_CDC_ENTITY_LIMIT;
}
