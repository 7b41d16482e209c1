/**
 * Who may subscribe to and receive which streaming events (streaming.md §3): a user's effective permissions (profile
 * plus assigned permission sets), View All per object for Change Data Capture, PushTopic read for /topic channels,
 * and field-level security on what is delivered.
 */
import { findField, findObject } from '../orgCatalog';
import type { FieldPermissionFlags, ObjectPermissionFlags, OrgState } from '../state';

export interface EffectivePermissions {
  readonly userId: string;
  readonly active: boolean;
  readonly user: Readonly<Record<string, boolean>>;
  readonly objects: Readonly<Record<string, ObjectPermissionFlags>>;
  readonly fields: Readonly<Record<string, FieldPermissionFlags>>;
}

/** The union of a user's profile and assigned permission sets; undefined for an unknown user. */
export function effectivePermissions(state: OrgState, userId: string): EffectivePermissions | undefined {
  const user = state.users.find((u) => u.id === userId);
  if (!user) return undefined;
  const sources: Array<{ userPermissions: Record<string, boolean>; objectPermissions: Record<string, ObjectPermissionFlags>; fieldPermissions: Record<string, FieldPermissionFlags> }> = [];
  const profile = state.profiles.find((p) => p.id === user.fields['ProfileId']);
  if (profile) sources.push(profile);
  for (const a of state.permissionSetAssignments) {
    if (a.assigneeId !== userId) continue;
    const ps = state.permissionSets.find((p) => p.id === a.targetId);
    if (ps) sources.push(ps);
  }
  const perms: Record<string, boolean> = {};
  const objects: Record<string, ObjectPermissionFlags> = {};
  const fields: Record<string, FieldPermissionFlags> = {};
  for (const s of sources) {
    for (const [k, v] of Object.entries(s.userPermissions)) if (v) perms[k] = true;
    for (const [o, f] of Object.entries(s.objectPermissions)) {
      const cur = objects[o];
      objects[o] = cur ? (Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v || cur[k as keyof ObjectPermissionFlags]])) as unknown as ObjectPermissionFlags) : { ...f };
    }
    for (const [n, f] of Object.entries(s.fieldPermissions)) {
      const cur = fields[n];
      fields[n] = { readable: f.readable || (cur?.readable ?? false), editable: f.editable || (cur?.editable ?? false) };
    }
  }
  return { userId, active: user.fields['IsActive'] === true, user: perms, objects, fields };
}

/**
 * Whether the user receives change events of an entity (streaming.md §3, CDC table): View All on the object; View All
 * Users for User; View All Data for objects without View All (Task, Event). Modify All Data covers everything.
 */
export function mayReceiveChangeEvents(state: OrgState, p: EffectivePermissions, entity: string): boolean {
  if (p.user['ModifyAllData']) return true;
  if (entity === 'User') return p.user['ViewAllUsers'] === true;
  if (p.user['ViewAllData']) return true;
  const info = findObject(state, entity);
  if (!info || !info.viewAll) return false;
  const f = p.objects[entity];
  return f !== undefined && (f.viewAllRecords || f.modifyAllRecords);
}

/** Read access on an object, as a PushTopic subscription needs on PushTopic and on the topic's object. */
export function mayRead(p: EffectivePermissions, object: string): boolean {
  if (p.user['ModifyAllData'] || p.user['ViewAllData']) return true;
  if (object === 'User') return true; // every internal user can read users
  return p.objects[object]?.allowRead === true;
}

/** Field-level security: may the user see this field of the object? Fields that take no FLS are always visible. */
export function mayReadField(state: OrgState, p: EffectivePermissions, object: string, field: string): boolean {
  if (p.user['ModifyAllData'] || p.objects[object]?.viewAllFields) return true;
  const info = findField(state, object, field);
  if (!info || !info.permissionable || info.required) return true;
  return p.fields[`${object}.${field}`]?.readable === true;
}
