/**
 * The profile diff (pure): committed file vs what the org's ObjectPermissions / FieldPermissions / profile-owned
 * permission set hold. Salesforce's rules: a missing row is no access; a profile deploy overlays (what the file
 * omits stays as it is: an overlay extra, never a change); View All / Modify All on some objects read back false
 * (not a change); viewAllFields is compared only where the org reports it (API 63+).
 */
import type { ProfilePermissions } from '../deploy/profilePermissions';
import { FLAG_RANK, NO_FIELD_ACCESS, NO_OBJECT_ACCESS, OBJECT_FLAG_FIELDS, readsBackFalse, type OrgFieldFlags, type OrgObjectFlags } from '../model';
import type { PermissionHolding } from '../orgState';
import type { ChangeKind, FieldAccess, FlagChange, OverlayExtra, ProfileChange, ProfileDiff } from './types';

const FLAGS = OBJECT_FLAG_FIELDS.map(([flag]) => flag);

export function fieldAccessOf(f: OrgFieldFlags | undefined): FieldAccess {
  if (!f || !f.readable) return 'none';
  return f.editable ? 'edit' : 'read';
}

const ACCESS_RANK: Readonly<Record<FieldAccess, number>> = { none: 0, read: 1, edit: 2 };

/** Whether a flag counts in the comparison: viewAllFields only when the org reported it. */
function compared(flag: keyof OrgObjectFlags, viewAllFieldsRead: boolean): boolean {
  return flag !== 'viewAllFields' || viewAllFieldsRead;
}

function kindOf(before: OrgObjectFlags, after: OrgObjectFlags, flags: readonly FlagChange[]): ChangeKind {
  const anyBefore = FLAGS.some((f) => before[f]);
  const anyAfter = FLAGS.some((f) => after[f]);
  if (!anyBefore) return 'added';
  if (!anyAfter) return 'revoked';
  // Mixed changes (one flag up, another down): ranked by the strongest flag that moves.
  const strongest = [...flags].sort((a, b) => FLAG_RANK[b.flag] - FLAG_RANK[a.flag])[0];
  return strongest && strongest.to ? 'raised' : 'lowered';
}

/** `org` is the profile's holding (profile route) or the generated permission set's (integration route). */
export function diffProfile(committed: ProfilePermissions, org: PermissionHolding | undefined, holder: ProfileDiff['holder'] = { kind: 'profile', name: '' }): ProfileDiff {
  const viewAllFieldsRead = org?.viewAllFieldsRead ?? true;
  const changes: ProfileChange[] = [];
  const extras: OverlayExtra[] = [];
  const readBackFalse: string[] = [];

  for (const [object, fileFlags] of [...committed.objects].sort(([a], [b]) => cmp(a, b))) {
    const before = org?.objects.get(object) ?? NO_OBJECT_ACCESS;
    // The deploy overlays flag by flag: a flag the file leaves out keeps the org's value.
    const after: Record<string, boolean> = { ...before };
    const flags: FlagChange[] = [];
    for (const flag of FLAGS) {
      const want = fileFlags[flag];
      if (want === undefined || !compared(flag, viewAllFieldsRead)) continue;
      if (want && readsBackFalse(object, flag)) {
        if (!readBackFalse.includes(object)) readBackFalse.push(object);
        continue;
      }
      after[flag] = want;
      if (before[flag] !== want) flags.push({ flag, from: before[flag], to: want });
    }
    if (flags.length) changes.push({ kind: 'object', object, change: kindOf(before, after as unknown as OrgObjectFlags, flags), flags });
  }
  for (const [field, fileFlags] of [...committed.fields].sort(([a], [b]) => cmp(a, b))) {
    const from = fieldAccessOf(org?.fields.get(field) ?? NO_FIELD_ACCESS);
    const to = fieldAccessOf(fileFlags);
    if (from === to) continue;
    const change: ChangeKind = from === 'none' ? 'added' : to === 'none' ? 'revoked' : ACCESS_RANK[to] > ACCESS_RANK[from] ? 'raised' : 'lowered';
    changes.push({ kind: 'field', field, change, from, to });
  }
  for (const [name, want] of [...committed.userPermissions].sort(([a], [b]) => cmp(a, b))) {
    const have = org?.userPermissions.get(name) === true;
    if (have !== want) changes.push({ kind: 'userPermission', name, change: want ? 'added' : 'revoked' });
  }

  if (org) {
    for (const [object, flags] of [...org.objects].sort(([a], [b]) => cmp(a, b))) {
      const fileFlags = committed.objects.get(object);
      const left = FLAGS.filter((f) => flags[f] && compared(f, viewAllFieldsRead) && fileFlags?.[f] === undefined);
      if (left.length) extras.push({ kind: 'object', object, flags: left });
    }
    for (const [field, flags] of [...org.fields].sort(([a], [b]) => cmp(a, b))) {
      if (!committed.fields.has(field) && flags.readable) extras.push({ kind: 'field', field, access: fieldAccessOf(flags) });
    }
    for (const [name, on] of [...org.userPermissions].sort(([a], [b]) => cmp(a, b))) {
      if (on && !committed.userPermissions.has(name)) extras.push({ kind: 'userPermission', name });
    }
  }
  return { holder, exists: org !== undefined, changes, extras, readBackFalse };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
