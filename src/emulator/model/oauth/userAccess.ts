/**
 * What one user may do, from the org's state: active, API enabled, and object access (profile plus assigned
 * permission sets; View All Data / Modify All Data read everything). Sessions obtained through OAuth run as the
 * user, so their queries are checked here.
 */
import type { ObjectPermissionFlags, OrgState, PermissionSetState, ProfileState, UserState } from '../state';
import { toId18 } from '../ids';

export function findUser(state: OrgState, idOrUsername: string): UserState | undefined {
  const id = toId18(idOrUsername);
  if (id) return state.users.find((u) => u.id === id);
  const lower = idOrUsername.toLowerCase();
  return state.users.find((u) => String(u.fields['Username']).toLowerCase() === lower);
}

/** The user's profile and assigned permission sets. */
export function grantsOf(state: OrgState, user: UserState): { profile: ProfileState | undefined; permissionSets: PermissionSetState[] } {
  const profile = state.profiles.find((p) => p.id === user.fields['ProfileId']);
  const assigned = new Set(state.permissionSetAssignments.filter((a) => a.assigneeId === user.id).map((a) => a.targetId));
  return { profile, permissionSets: state.permissionSets.filter((p) => assigned.has(p.id)) };
}

export function hasUserPermission(state: OrgState, user: UserState, permission: string): boolean {
  const { profile, permissionSets } = grantsOf(state, user);
  return profile?.userPermissions[permission] === true || permissionSets.some((p) => p.userPermissions[permission] === true);
}

/** The effective object flags (OR over profile and permission sets); undefined when nothing grants anything. */
export function objectAccess(state: OrgState, user: UserState, object: string): Partial<ObjectPermissionFlags> | undefined {
  const { profile, permissionSets } = grantsOf(state, user);
  const sources = [profile?.objectPermissions[object], ...permissionSets.map((p) => p.objectPermissions[object])].filter((x): x is ObjectPermissionFlags => x !== undefined);
  if (sources.length === 0) return undefined;
  const out: Partial<ObjectPermissionFlags> = {};
  for (const s of sources) for (const [k, v] of Object.entries(s) as Array<[keyof ObjectPermissionFlags, boolean]>) if (v) out[k] = true;
  return out;
}

export function canRead(state: OrgState, user: UserState, object: string): boolean {
  if (hasUserPermission(state, user, 'ViewAllData') || hasUserPermission(state, user, 'ModifyAllData')) return true;
  return objectAccess(state, user, object)?.allowRead === true;
}
