import type { ObjectAccess, ObjectAccessFlags, ObjectAccessLevel } from '../config/types';
import { NO_VIEW_ALL_OBJECTS, ObjectKind } from './catalogue';
import type { ObjectFlags } from './types';

/** Object-permission rules (salesforce-facts b.2, standard-objects §3a). Pure. */

export const NO_ACCESS: ObjectFlags = {
  allowCreate: false, allowDelete: false, allowEdit: false, allowRead: false, modifyAllRecords: false, viewAllRecords: false,
};

const LEVELS: Readonly<Record<ObjectAccessLevel, ObjectFlags>> = {
  modifyAll: { allowCreate: true, allowDelete: true, allowEdit: true, allowRead: true, modifyAllRecords: true, viewAllRecords: true },
  viewAll: { ...NO_ACCESS, allowRead: true, viewAllRecords: true },
  edit: { ...NO_ACCESS, allowCreate: true, allowDelete: true, allowEdit: true, allowRead: true },
  read: { ...NO_ACCESS, allowRead: true },
  none: NO_ACCESS,
};

export function flagsForLevel(level: ObjectAccessLevel): ObjectFlags {
  return LEVELS[level];
}

const FLAG_OF: ReadonlyArray<[keyof ObjectAccessFlags, keyof ObjectFlags]> = [
  ['read', 'allowRead'], ['create', 'allowCreate'], ['edit', 'allowEdit'], ['delete', 'allowDelete'], ['viewAll', 'viewAllRecords'], ['modifyAll', 'modifyAllRecords'],
];

/** What each flag implies: Create/Edit/View All => Read; Delete => Read, Edit; Modify All => Read, Edit, Delete, View All. */
const IMPLIES: Readonly<Record<keyof ObjectFlags, ReadonlyArray<keyof ObjectFlags>>> = {
  allowRead: [],
  allowCreate: ['allowRead'],
  allowEdit: ['allowRead'],
  allowDelete: ['allowRead', 'allowEdit'],
  viewAllRecords: ['allowRead'],
  modifyAllRecords: ['allowRead', 'allowEdit', 'allowDelete', 'viewAllRecords'],
};

/** Adds every implied flag (the closure under the platform's dependency rules). */
export function closeFlags(flags: ObjectFlags): ObjectFlags {
  const out: Record<keyof ObjectFlags, boolean> = { ...flags };
  for (const [flag, implied] of Object.entries(IMPLIES) as Array<[keyof ObjectFlags, ReadonlyArray<keyof ObjectFlags>]>) {
    if (out[flag]) for (const i of implied) out[i] = true;
  }
  return out;
}

/** Whether the true flags are closed (no Edit without Read, ...). */
export function isClosed(flags: ObjectFlags): boolean {
  const closed = closeFlags(flags);
  return (Object.keys(closed) as Array<keyof ObjectFlags>).every((k) => closed[k] === flags[k]);
}

/** Explicit flags that contradict the implications, e.g. { modifyAll: true, read: false }. */
export function accessFlagsProblems(access: ObjectAccessFlags): string[] {
  const problems: string[] = [];
  for (const [key, flag] of FLAG_OF) {
    if (access[key] !== true) continue;
    for (const implied of IMPLIES[flag]) {
      const impliedKey = FLAG_OF.find(([, f]) => f === implied)?.[0];
      if (impliedKey && access[impliedKey] === false) problems.push(`${key} needs ${impliedKey}, which is set to false`);
    }
  }
  return problems;
}

export function flagsForAccess(access: ObjectAccess): ObjectFlags {
  if (typeof access === 'string') return flagsForLevel(access);
  const flags: Record<keyof ObjectFlags, boolean> = { ...NO_ACCESS };
  for (const [key, flag] of FLAG_OF) if (access[key] === true) flags[flag] = true;
  return closeFlags(flags);
}

export interface PlatformContext {
  readonly modifyAllData: boolean;
  readonly viewAllData: boolean;
}

/**
 * The most an object allows of the requested flags, and what the profile's ModifyAllData / ViewAllData force.
 * - With ModifyAllData every object is full access (the platform grants it and retrieves show it).
 * - Without it, Idea, Pricebook2, Product2, PushTopic, Question, SocialPersona and external objects have no
 *   View All / Modify All; platform events and big objects allow Create and Read only.
 * - With ViewAllData, Read and View All (where the object has it) cannot be taken away.
 */
export function applyPlatformRules(
  object: string,
  kind: ObjectKind,
  requested: ObjectFlags,
  ctx: PlatformContext,
  /** What the org says (the catalogue): whether View All / Modify All exist for the object; the built-in rule otherwise. */
  viewAllModifyAll?: boolean,
): { flags: ObjectFlags; note?: string } {
  if (ctx.modifyAllData) {
    const full = flagsForLevel('modifyAll');
    const lowered = !sameFlags(closeFlags(requested), full);
    return lowered ? { flags: full, note: `${object}: ModifyAllData grants full access on every object, so the lower access configured for it is written as full access` } : { flags: full };
  }
  let flags: Record<keyof ObjectFlags, boolean> = { ...closeFlags(requested) };
  const noViewAll = viewAllModifyAll === undefined ? NO_VIEW_ALL_OBJECTS.has(object) || kind === 'externalObject' : !viewAllModifyAll;
  const createReadOnly = kind === 'platformEvent' || kind === 'bigObject';
  if (createReadOnly) {
    flags = { ...NO_ACCESS, allowCreate: flags.allowCreate, allowRead: flags.allowRead || flags.allowCreate };
  } else if (noViewAll) {
    flags.viewAllRecords = false;
    flags.modifyAllRecords = false;
  }
  if (ctx.viewAllData) {
    flags.allowRead = true;
    if (!noViewAll && !createReadOnly) flags.viewAllRecords = true;
  }
  return { flags };
}

export function sameFlags(a: ObjectFlags, b: ObjectFlags): boolean {
  return (Object.keys(NO_ACCESS) as Array<keyof ObjectFlags>).every((k) => a[k] === b[k]);
}
