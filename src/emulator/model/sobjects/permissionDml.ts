/**
 * Data-API writes on the permission objects, as Salesforce allows them (permission-model.md §1, §2, §6):
 * - Profile: its Permissions<Name> fields (a profile's user permissions change through the Profile record);
 * - PermissionSet: insert (Name, Label, Description, Permissions<Name>) and update, except a profile-owned set;
 * - ObjectPermissions: insert (at least one flag on), update (all off deletes the row), delete;
 * - UserLogin: IsFrozen either way, IsPasswordLocked only to false.
 * Each write checks the same rules a deploy checks (licence, object-permission dependencies) and changes nothing
 * when it fails (the caller runs it on a draft).
 */
import { SalesforceError } from '../api';
import { hasModifyAllData, permissionableObjects } from '../orgCatalog';
import { applyModifyAllData, checkEffectivePermissions } from '../rules/permissionEntries';
import { INVENTED, type Problem } from '../rules/types';
import { licenseAllowsPermission } from '../seed/userPermissions';
import type { ObjectPermissionFlags, OrgState, ProfileState, PermissionSetState } from '../state';
import { derivedId, profileOwnedPermissionSetId, userLoginId, VIEW_ALL_READS_BACK_FALSE } from './records';
import type { SFieldDef } from './schema';
import { KEY_PREFIX } from '../ids';

type Values = Map<SFieldDef, unknown>;

const bool = (f: SFieldDef, v: unknown): boolean => {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new SalesforceError('JSON_PARSER_ERROR', `Cannot deserialize instance of boolean from VALUE_STRING value ${String(v)} or request may be missing a required field`, 400, [f.name]);
};

/** Applies Permissions<Name> values to a profile's or set's user permissions, with the licence check. */
function applyUserPermissions(target: { userPermissions: Record<string, boolean> }, values: Values, license: string | null, label: string): void {
  for (const [f, v] of values) {
    if (!f.name.startsWith('Permissions')) continue;
    const name = f.name.slice('Permissions'.length);
    const on = bool(f, v);
    if (on && license !== null && !licenseAllowsPermission(license, name)) {
      throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `The user license doesn't allow the permission: ${name}`, 400, [f.name]);
    }
    target.userPermissions[name] = on;
  }
  // Salesforce's dependency (Help KA 000321298): Modify All Data needs View All Data.
  if (target.userPermissions['ModifyAllData'] === true && target.userPermissions['ViewAllData'] !== true) {
    throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `Permission Modify All Data depends on permission(s): View All Data (${label})`, 400, ['PermissionsModifyAllData']);
  }
}

function refuseOtherFields(values: Values, allowed: (name: string) => boolean, type: string): void {
  const bad = [...values.keys()].filter((f) => !allowed(f.name)).map((f) => f.name);
  if (bad.length > 0) throw new SalesforceError('INVALID_FIELD_FOR_INSERT_UPDATE', `The emulated org updates only permission fields on ${type}, not: ${bad.join(', ')}` + INVENTED, 400, bad);
}

export function updateProfile(state: OrgState, now: string, profile: ProfileState, values: Values): void {
  refuseOtherFields(values, (n) => n.startsWith('Permissions') || n === 'Description', 'Profile');
  for (const [f, v] of values) if (f.name === 'Description') profile.description = v === null || v === '' ? null : String(v);
  applyUserPermissions(profile, values, profile.userLicense, profile.name);
  // Modify All Data switches on every object permission (facts b.3), as a deploy does.
  if (hasModifyAllData(profile)) applyModifyAllData(profile, permissionableObjects(state));
  profile.lastModifiedDate = now;
  profile.lastModifiedById = state.identity.userId;
}

export function updatePermissionSet(state: OrgState, now: string, ps: PermissionSetState, values: Values): void {
  refuseOtherFields(values, (n) => n.startsWith('Permissions') || n === 'Label' || n === 'Description', 'PermissionSet');
  for (const [f, v] of values) {
    if (f.name === 'Label') ps.label = String(v);
    if (f.name === 'Description') ps.description = v === null || v === '' ? null : String(v);
  }
  applyUserPermissions(ps, values, null, ps.label);
  ps.lastModifiedDate = now;
  ps.lastModifiedById = state.identity.userId;
}

export function createPermissionSet(state: OrgState, now: string, id: string, values: Values): void {
  const get = (n: string): unknown => [...values].find(([f]) => f.name === n)?.[1];
  const name = get('Name');
  const label = get('Label');
  const missing = [...(typeof name !== 'string' || name === '' ? ['Name'] : []), ...(typeof label !== 'string' || label === '' ? ['Label'] : [])];
  if (missing.length) throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, 400, missing);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(String(name)) || /__|_$/.test(String(name))) {
    throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', 'The API Name can only contain underscores and alphanumeric characters. It must begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.', 400, ['Name']);
  }
  if (state.permissionSets.some((p) => p.name.toLowerCase() === String(name).toLowerCase())) {
    throw new SalesforceError('DUPLICATE_DEVELOPER_NAME', 'The API name you entered is already in use. Enter a unique name.', 400, ['Name']);
  }
  const ps: PermissionSetState = {
    id, name: String(name), label: String(label), description: null, license: null, hasActivationRequired: false,
    userPermissions: {}, objectPermissions: {}, fieldPermissions: {}, extras: {},
    createdDate: now, lastModifiedDate: now, createdById: state.identity.userId, lastModifiedById: state.identity.userId,
  };
  updatePermissionSet(state, now, ps, new Map([...values].filter(([f]) => f.name !== 'Name')));
  state.permissionSets.push(ps);
}

const FLAG_OF_FIELD: Readonly<Record<string, keyof ObjectPermissionFlags>> = {
  PermissionsRead: 'allowRead', PermissionsCreate: 'allowCreate', PermissionsEdit: 'allowEdit', PermissionsDelete: 'allowDelete',
  PermissionsViewAllRecords: 'viewAllRecords', PermissionsModifyAllRecords: 'modifyAllRecords', PermissionsViewAllFields: 'viewAllFields',
};
const NONE: ObjectPermissionFlags = { allowCreate: false, allowDelete: false, allowEdit: false, allowRead: false, modifyAllRecords: false, viewAllRecords: false, viewAllFields: false };

/** The profile or permission set behind a ParentId (0PS…), with its licence. */
function parentOf(state: OrgState, parentId: string): { target: ProfileState | PermissionSetState; license: string | null } | undefined {
  const profile = state.profiles.find((p) => profileOwnedPermissionSetId(p.id) === parentId);
  if (profile) return { target: profile, license: profile.userLicense };
  const ps = state.permissionSets.find((p) => p.id === parentId);
  return ps ? { target: ps, license: null } : undefined;
}

/** Finds the parent and object of an ObjectPermissions id (rows are derived: the id is a hash of both; `000…` placeholders never match). */
export function objectPermissionById(state: OrgState, id18: string): { parentId: string; object: string } | undefined {
  for (const p of state.profiles) {
    const parentId = profileOwnedPermissionSetId(p.id);
    for (const object of Object.keys(p.objectPermissions)) if (derivedId(KEY_PREFIX.ObjectPermissions, `${parentId}|${object}`) === id18) return { parentId, object };
  }
  for (const ps of state.permissionSets) {
    for (const object of Object.keys(ps.objectPermissions)) if (derivedId(KEY_PREFIX.ObjectPermissions, `${ps.id}|${object}`) === id18) return { parentId: ps.id, object };
  }
  return undefined;
}

/** Sets one object's flags on a parent after the dependency checks; all off removes the access (the row goes). */
function writeObjectFlags(state: OrgState, now: string, parentId: string, object: string, values: Values, insert: boolean): void {
  const parent = parentOf(state, parentId);
  if (!parent) throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 400, ['ParentId']);
  if (!permissionableObjects(state).includes(object)) {
    throw new SalesforceError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `Sobject Type Name: bad value for restricted picklist field: ${object}`, 400, ['SobjectType']);
  }
  const flags: ObjectPermissionFlags = { ...(insert ? NONE : (parent.target.objectPermissions[object] ?? NONE)) };
  for (const [f, v] of values) {
    const flag = FLAG_OF_FIELD[f.name];
    if (flag) flags[flag] = bool(f, v);
  }
  if (VIEW_ALL_READS_BACK_FALSE.has(object)) {
    // DML succeeds, the flags are dropped silently and read back false (permission-model.md §2).
    flags.viewAllRecords = false;
    flags.modifyAllRecords = false;
  }
  const anyOn = Object.values(flags).some(Boolean);
  if (insert && !anyOn) throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', 'You must enable at least one permission.', 400, ['Permissions']);
  const problems: Problem[] = [];
  const objectPermissions = { ...parent.target.objectPermissions, [object]: flags };
  if (!anyOn) delete objectPermissions[object];
  checkEffectivePermissions({ userPermissions: parent.target.userPermissions, objectPermissions, fieldPermissions: {} }, state, '', problems);
  const first = problems[0];
  if (first) throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', first.problem, 400, ['Permissions']);
  if (anyOn) parent.target.objectPermissions[object] = flags;
  else delete parent.target.objectPermissions[object];
  parent.target.lastModifiedDate = now;
}

export function createObjectPermissions(state: OrgState, now: string, values: Values): string {
  const get = (n: string): unknown => [...values].find(([f]) => f.name === n)?.[1];
  const parentId = get('ParentId');
  const object = get('SobjectType');
  const missing = [...(typeof parentId !== 'string' ? ['ParentId'] : []), ...(typeof object !== 'string' ? ['SobjectType'] : [])];
  if (missing.length) throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, 400, missing);
  const parent = parentOf(state, String(parentId));
  if (parent && parent.target.objectPermissions[String(object)]) {
    throw new SalesforceError('DUPLICATE_VALUE', `duplicate value found: SobjectType duplicates value on record with id: ${derivedId(KEY_PREFIX.ObjectPermissions, `${String(parentId)}|${String(object)}`)}`, 400);
  }
  writeObjectFlags(state, now, String(parentId), String(object), values, true);
  return derivedId(KEY_PREFIX.ObjectPermissions, `${String(parentId)}|${String(object)}`);
}

export function updateObjectPermissions(state: OrgState, now: string, id18: string, values: Values): void {
  const row = objectPermissionById(state, id18);
  if (!row) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', 404);
  refuseOtherFields(values, (n) => n in FLAG_OF_FIELD, 'ObjectPermissions');
  writeObjectFlags(state, now, row.parentId, row.object, values, false);
}

export function deleteObjectPermissions(state: OrgState, now: string, id18: string): void {
  const row = objectPermissionById(state, id18);
  if (!row) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', 404);
  const parent = parentOf(state, row.parentId);
  if (parent) {
    delete parent.target.objectPermissions[row.object];
    parent.target.lastModifiedDate = now;
  }
}

export function updateUserLogin(state: OrgState, now: string, id18: string, values: Values): void {
  const user = state.users.find((u) => userLoginId(u.id) === id18);
  if (!user) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
  const login = { isFrozen: user.login?.isFrozen === true, isPasswordLocked: user.login?.isPasswordLocked === true, lastModifiedDate: now };
  for (const [f, v] of values) {
    if (f.name === 'IsFrozen') login.isFrozen = bool(f, v);
    if (f.name === 'IsPasswordLocked') {
      if (bool(f, v)) throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', 'IsPasswordLocked can only be set to false' + INVENTED, 400, ['IsPasswordLocked']);
      login.isPasswordLocked = false;
    }
  }
  if (user.id === state.identity.userId && login.isFrozen) {
    throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', 'You cannot freeze yourself' + INVENTED, 400, ['IsFrozen']);
  }
  user.login = login;
}

/** Admin-side only (no API sets it): marks a user's login password-locked, as too many failed logins do. */
export function lockPassword(state: OrgState, now: string, userId: string): void {
  const user = state.users.find((u) => u.id === userId);
  if (!user) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
  user.login = { isFrozen: user.login?.isFrozen === true, isPasswordLocked: true, lastModifiedDate: now };
}
