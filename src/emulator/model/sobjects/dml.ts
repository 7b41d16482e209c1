import { SalesforceError, type SObjectRecord } from '../api';
import { KEY_PREFIX, toId18 } from '../ids';
import { permissionSetLicenseNamed } from '../orgCatalog';
import { licenseAllowsPermission } from '../seed/userPermissions';
import { INTEGRATION_PSL } from '../seed/newOrgState';
import type { OrgState, UserState } from '../state';
import { profileAssignmentId, profileOwnedPermissionSetId, rowsOf, usedSeats } from './records';
import { INVENTED } from '../rules/types';
import { createGenericRecord, deleteGenericRecord, findGenericRecord, updateGenericRecord } from './genericRecords';
import { createObjectPermissions, createPermissionSet, deleteObjectPermissions, updateObjectPermissions, updatePermissionSet, updateProfile, updateUserLogin } from './permissionDml';
import { businessObject, fieldDef, sobjectDef, SYSTEM_OBJECTS, USER, type SFieldDef, type SObjectDef } from './schema';
import { fieldPermissionTypes } from './permissionEntities';

export interface DmlEnv {
  readonly now: string;
  /** The user making the DML (CreatedById, LastModifiedById, OwnerId); default the org's admin. */
  readonly actorId?: string;
  nextId(prefix: string): string;
  /** Is this username taken by any user in any org of the world (case-insensitive)? */
  usernameTaken(username: string, exceptUserId?: string): boolean;
}

const DUPLICATE_USERNAME =
  "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address). ";
/** Email form as Salesforce checks it: local@domain.tld, no spaces. */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

function typeDef(state: OrgState, type: string): SObjectDef {
  const def = sobjectDef(state, type);
  // REST answers an unknown sObject type with 404 NOT_FOUND "The requested resource does not exist".
  if (!def) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
  return def;
}

function normalizeFields(def: SObjectDef, fields: Readonly<Record<string, unknown>>, op: 'create' | 'update'): Map<SFieldDef, unknown> {
  const out = new Map<SFieldDef, unknown>();
  const readOnly: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'attributes') continue;
    const f = fieldDef(def, key);
    if (!f) throw new SalesforceError('INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`, 400, [key]);
    if (op === 'create' ? !f.createable : !f.updateable) {
      readOnly.push(f.name);
      continue;
    }
    out.set(f, value);
  }
  if (readOnly.length > 0) {
    throw new SalesforceError('INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, 400, readOnly);
  }
  return out;
}

/** Type and length checks common to every sObject field write. */
function coerce(f: SFieldDef, value: unknown): string | boolean | null {
  if (value === null || value === undefined || value === '') return null;
  if (f.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new SalesforceError('JSON_PARSER_ERROR', `Cannot deserialize instance of boolean from VALUE_STRING value ${String(value)} or request may be missing a required field`, 400);
  }
  const s = String(value);
  if (f.type === 'reference') {
    const id = toId18(s);
    if (!id) throw new SalesforceError('MALFORMED_ID', `${f.label}: id value of incorrect type: ${s}`, 400, [f.name]);
    return id;
  }
  if (f.length !== undefined && s.length > f.length) {
    throw new SalesforceError('STRING_TOO_LONG', `${f.label}: data value too large: ${s} (max length=${f.length})`, 400, [f.name]);
  }
  if (f.picklist && !f.picklist.some(([v]) => v === s)) {
    throw new SalesforceError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${f.label}: bad value for restricted picklist field: ${s}`, 400, [f.name]);
  }
  if (f.type === 'email' && !EMAIL.test(s)) {
    throw new SalesforceError('INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${s}`, 400, [f.name]);
  }
  return s;
}

function profileLicense(state: OrgState, profileId: unknown): string | undefined {
  return state.profiles.find((p) => p.id === profileId)?.userLicense;
}

/** User licences whose users get object access only through a permission set licence (permission-model 7). */
const OBJECT_ACCESS_LICENCE: Readonly<Record<string, string>> = { 'Salesforce Integration': INTEGRATION_PSL };

/**
 * A user moving to another licence (a ProfileId of another licence) may not keep assignments the new licence cannot
 * hold: permission sets of the old user licence, permission set licences the new one does not allow.
 * Real wording unknown.
 */
function checkLicenceChange(state: OrgState, user: UserState, license: string): void {
  const sets = state.permissionSetAssignments
    .filter((a) => a.assigneeId === user.id)
    .map((a) => state.permissionSets.find((ps) => ps.id === a.targetId))
    .filter((ps) => ps !== undefined && ps.license !== null && ps.license !== license && state.licenses.some((l) => l.name === ps.license))
    .map((ps) => ps?.name as string);
  const psls = state.permissionSetLicenseAssigns
    .filter((a) => a.assigneeId === user.id)
    .map((a) => state.permissionSetLicenses.find((l) => l.id === a.targetId))
    .filter((l) => l !== undefined && !l.allowedUserLicenses.includes(license))
    .map((l) => l?.developerName as string);
  if (sets.length || psls.length) {
    throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION',
      `Can't change the user license of ${String(user.fields['Username'])} to ${license}: remove the assignments the new license doesn't allow first (${[...sets.map((n) => `permission set ${n}`), ...psls.map((n) => `permission set license ${n}`)].join(', ')})` + INVENTED, 400, ['ProfileId']);
  }
}

function checkSeat(state: OrgState, license: string): void {
  const l = state.licenses.find((x) => x.name === license);
  if (!l || usedSeats(state, license) >= l.totalLicenses) {
    // plugin-user prints "There are no available user licenses for the user profile" for this code (facts d.1).
    throw new SalesforceError('LICENSE_LIMIT_EXCEEDED', 'License Limit Exceeded', 400);
  }
}

/** User fields a create must set and an update may not clear. */
const USER_REQUIRED = ['Username', 'LastName', 'Email', 'Alias', 'TimeZoneSidKey', 'LocaleSidKey', 'EmailEncodingKey', 'LanguageLocaleKey', 'ProfileId'];

/** Applies and checks the User rules (facts d.1) on a candidate record; `prev` is the stored user for an update. */
function writeUser(state: OrgState, env: DmlEnv, values: Map<SFieldDef, unknown>, prev: UserState | undefined): UserState {
  const fields: Record<string, string | boolean | null> = { ...(prev?.fields ?? {}) };
  for (const [f, v] of values) fields[f.name] = coerce(f, v);
  if (!prev) {
    const missing = USER_REQUIRED.filter((n) => fields[n] === null || fields[n] === undefined);
    if (missing.length > 0) throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, 400, missing);
  } else {
    const cleared = USER_REQUIRED.filter((n) => values.has(fieldDef(USER, n) as SFieldDef) && fields[n] === null);
    if (cleared.length > 0) throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${cleared.join(', ')}]`, 400, cleared);
  }
  const username = String(fields['Username']);
  if (!EMAIL.test(username)) {
    // Salesforce: "Username: invalid email address" — a username must be in the form of an email address.
    throw new SalesforceError('INVALID_EMAIL_ADDRESS', `Username: invalid email address: ${username}`, 400, ['Username']);
  }
  if ((!prev || String(prev.fields['Username']).toLowerCase() !== username.toLowerCase()) && env.usernameTaken(username, prev?.id)) {
    throw new SalesforceError('DUPLICATE_USERNAME', DUPLICATE_USERNAME, 400, ['Username']);
  }
  const profileId = fields['ProfileId'];
  if (typeof profileId !== 'string' || profileId.slice(0, 3) !== KEY_PREFIX.Profile) {
    throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `Profile ID: id value of incorrect type: ${String(profileId)}`, 400, ['ProfileId']);
  }
  const license = profileLicense(state, profileId);
  if (!license) throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 400, ['ProfileId']);
  if (fields['IsActive'] === null || fields['IsActive'] === undefined) fields['IsActive'] = true;
  const wasCounted = prev !== undefined && prev.fields['IsActive'] === true && profileLicense(state, prev.fields['ProfileId']) === license;
  if (prev && profileLicense(state, prev.fields['ProfileId']) !== license) checkLicenceChange(state, prev, license);
  if (fields['IsActive'] === true && !wasCounted) checkSeat(state, license);
  if (prev && fields['IsActive'] === false && prev.id === state.identity.userId) {
    throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', 'You cannot deactivate yourself.' + INVENTED, 400, ['IsActive']);
  }
  if (!fields['CommunityNickname']) fields['CommunityNickname'] = username.slice(0, 40);
  fields['UserType'] = 'Standard';
  if (fields['UserPermissionsMarketingUser'] === null || fields['UserPermissionsMarketingUser'] === undefined) fields['UserPermissionsMarketingUser'] = false;
  fields['LastModifiedDate'] = env.now;
  fields['LastModifiedById'] = state.identity.userId;
  if (!prev) {
    fields['CreatedDate'] = env.now;
    fields['CreatedById'] = state.identity.userId;
    fields['LastLoginDate'] = null;
  }
  return { id: prev?.id ?? env.nextId(KEY_PREFIX.User), fields };
}

function findUser(state: OrgState, id: string | null | undefined): UserState | undefined {
  return id ? state.users.find((u) => u.id === id) : undefined;
}

function requireRefs(values: Map<SFieldDef, unknown>, def: SObjectDef, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const missing: string[] = [];
  for (const n of names) {
    const f = fieldDef(def, n) as SFieldDef;
    const v = values.has(f) ? coerce(f, values.get(f)) : null;
    if (typeof v !== 'string') missing.push(n);
    else out[n] = v;
  }
  if (missing.length > 0) throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, 400, missing);
  return out;
}

/** POST /sobjects/{type}. */
export function createRecord(state: OrgState, env: DmlEnv, type: string, fields: Readonly<Record<string, unknown>>): string {
  const def = typeDef(state, type);
  if (!def.createable) throw new SalesforceError('INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support create`, 400);
  const values = normalizeFields(def, fields, 'create');
  switch (def.name) {
    case 'User': {
      const u = writeUser(state, env, values, undefined);
      state.users.push(u);
      return u.id;
    }
    case 'PermissionSetAssignment': {
      const { AssigneeId: assigneeId, PermissionSetId: psId } = requireRefs(values, def, ['AssigneeId', 'PermissionSetId']) as { AssigneeId: string; PermissionSetId: string };
      const user = findUser(state, assigneeId);
      const ps = state.permissionSets.find((p) => p.id === psId);
      if (state.profiles.some((p) => profileOwnedPermissionSetId(p.id) === psId)) {
        // Salesforce Help: a profile's own permission set cannot be assigned or unassigned directly.
        throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', "You can't assign or unassign this permission set because it's associated with a profile.", 400, ['PermissionSetId']);
      }
      if (!user) throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 400, ['AssigneeId']);
      if (!ps) throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 400, ['PermissionSetId']);
      if (state.permissionSetAssignments.some((a) => a.assigneeId === assigneeId && a.targetId === psId)) {
        throw new SalesforceError('DUPLICATE_VALUE', 'duplicate value found: <unknown> duplicates value on record with id: <unknown>', 400);
      }
      const userLicense = profileLicense(state, user.fields['ProfileId']) ?? '';
      const psl = permissionSetLicenseNamed(state, ps.license);
      if (ps.license !== null && !psl && ps.license !== userLicense) {
        throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION',
          `Can't assign permission set ${ps.label} to user ${String(user.fields['Username'])}. The user license doesn't match the user license of the permission set (${ps.license}).` + INVENTED, 400, ['PermissionSetId']);
      }
      // Object access for a Salesforce Integration user comes only with its permission set licence (permission-model 7):
      // "FIELD_INTEGRITY_EXCEPTION, The user license doesn't allow the permission: Read CardPaymentMethod".
      const objectLicence = OBJECT_ACCESS_LICENCE[userLicense];
      if (objectLicence !== undefined) {
        const heldPsl = state.permissionSetLicenses.find((l) => l.developerName === objectLicence);
        const holds = heldPsl !== undefined && state.permissionSetLicenseAssigns.some((a) => a.assigneeId === assigneeId && a.targetId === heldPsl.id);
        const read = Object.keys(ps.objectPermissions).sort().find((o) => ps.objectPermissions[o]?.allowRead);
        if (!holds && read !== undefined) {
          throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `The user license doesn't allow the permission: Read ${read}`, 400, ['PermissionSetId']);
        }
      }
      if (psl && !state.permissionSetLicenseAssigns.some((a) => a.assigneeId === assigneeId && a.targetId === psl.id)) {
        throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION',
          `Can't assign permission set ${ps.label} to user ${String(user.fields['Username'])}. The permission set requires the permission set license ${psl.masterLabel}; assign it first.` + INVENTED, 400, ['PermissionSetId']);
      }
      if (ps.license === null) {
        for (const [perm, on] of Object.entries(ps.userPermissions)) {
          if (on && !licenseAllowsPermission(userLicense, perm)) {
            // Seen in SalesforceLabs/MultiOrgSecuritySummary#5: "Can't assign permission set X to user Y. The user license doesn't allow the permission: Z"
            throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `Can't assign permission set ${ps.label} to user ${String(user.fields['Username'])}. The user license doesn't allow the permission: ${perm}`, 400, ['PermissionSetId']);
          }
        }
      }
      const id = env.nextId(KEY_PREFIX.PermissionSetAssignment);
      state.permissionSetAssignments.push({ id, assigneeId, targetId: psId, createdDate: env.now });
      return id;
    }
    case 'PermissionSetLicenseAssign': {
      const { AssigneeId: assigneeId, PermissionSetLicenseId: pslId } = requireRefs(values, def, ['AssigneeId', 'PermissionSetLicenseId']) as { AssigneeId: string; PermissionSetLicenseId: string };
      const user = findUser(state, assigneeId);
      const psl = state.permissionSetLicenses.find((p) => p.id === pslId);
      if (!user) throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 400, ['AssigneeId']);
      if (!psl) throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 400, ['PermissionSetLicenseId']);
      if (state.permissionSetLicenseAssigns.some((a) => a.assigneeId === assigneeId && a.targetId === pslId)) {
        throw new SalesforceError('DUPLICATE_VALUE', 'duplicate value found: <unknown> duplicates value on record with id: <unknown>', 400);
      }
      const userLicense = profileLicense(state, user.fields['ProfileId']) ?? '';
      if (!psl.allowedUserLicenses.includes(userLicense)) {
        throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `The user license ${userLicense} doesn't allow the permission set license ${psl.masterLabel}` + INVENTED, 400, ['PermissionSetLicenseId']);
      }
      if (state.permissionSetLicenseAssigns.filter((a) => a.targetId === pslId).length >= psl.totalLicenses) {
        throw new SalesforceError('LICENSE_LIMIT_EXCEEDED', 'License Limit Exceeded', 400);
      }
      const id = env.nextId(KEY_PREFIX.PermissionSetLicenseAssign);
      state.permissionSetLicenseAssigns.push({ id, assigneeId, targetId: pslId, createdDate: env.now });
      return id;
    }
    case 'PermissionSet': {
      const id = env.nextId(KEY_PREFIX.PermissionSet);
      createPermissionSet(state, env.now, id, values);
      return id;
    }
    case 'ObjectPermissions':
      return createObjectPermissions(state, env.now, values);
    case 'FieldPermissions':
      return insertFieldPermissions(state, env, values);
    default:
      if (!isBusinessType(def)) throw new SalesforceError('INVALID_TYPE_FOR_OPERATION', `The emulated org stores no ${def.name} records` + INVENTED, 400);
      return createGenericRecord(state, { now: env.now, actorId: env.actorId ?? state.identity.userId, nextId: env.nextId }, def, values, coerce).id;
  }
}

/** Business objects and PushTopic keep data records; the system objects above have their own rules. */
function isBusinessType(def: SObjectDef): boolean {
  return !SYSTEM_OBJECTS.includes(def);
}

/**
 * A FieldPermissions insert into a permission set (permission-model §3): SobjectType and Field are restricted picklists
 * (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST outside the org's lists, checked by normalizeFields); a profile's own
 * permission set can be read but not changed this way. ObjectPermissions inserts go through permissionDml.
 */
function insertFieldPermissions(state: OrgState, env: DmlEnv, values: Map<SFieldDef, unknown>): string {
  const byName = new Map([...values].map(([f, v]) => [f.name, coerce(f, v)]));
  const parentId = byName.get('ParentId');
  const sobjectType = byName.get('SobjectType');
  const missing = ['ParentId', 'SobjectType', 'Field'].filter((n) => byName.get(n) === null || byName.get(n) === undefined);
  if (missing.length > 0) throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, 400, missing);
  if (state.profiles.some((p) => profileOwnedPermissionSetId(p.id) === parentId)) {
    throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'A permission set owned by a profile cannot be modified; change the profile instead' + INVENTED, 400, ['ParentId']);
  }
  const ps = state.permissionSets.find((p) => p.id === parentId);
  if (!ps) throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 400, ['ParentId']);
  const field = String(byName.get('Field'));
  if (!field.startsWith(`${String(sobjectType)}.`)) {
    throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `Field ${field} does not belong to ${String(sobjectType)}` + INVENTED, 400, ['Field']);
  }
  if (byName.get('PermissionsRead') !== true) {
    throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', 'A field permission needs at least Read' + INVENTED, 400, ['PermissionsRead']);
  }
  ps.fieldPermissions[field] = { readable: true, editable: byName.get('PermissionsEdit') === true };
  return env.nextId('01k');
}

function normalizeId(def: SObjectDef, id: string): string {
  const id18 = toId18(id);
  if (!id18 || (def.keyPrefix && id18.slice(0, 3) !== def.keyPrefix)) {
    throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
  }
  return id18;
}

/** PATCH /sobjects/{type}/{id}. */
export function updateRecord(state: OrgState, env: DmlEnv, type: string, id: string, fields: Readonly<Record<string, unknown>>): void {
  const def = typeDef(state, type);
  const id18 = normalizeId(def, id);
  if (def.name !== 'User') {
    if (!def.updateable) throw new SalesforceError('INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support update`, 400);
    const values = normalizeFields(def, fields, 'update');
    switch (def.name) {
      case 'Profile': {
        const profile = state.profiles.find((p) => p.id === id18);
        if (!profile) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
        return updateProfile(state, env.now, profile, values);
      }
      case 'PermissionSet': {
        if (state.profiles.some((p) => profileOwnedPermissionSetId(p.id) === id18)) {
          // permission-model.md §1: profile-owned sets "can be queried but cannot be modified"; change the Profile record.
          throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'This permission set is owned by a profile and cannot be modified; update the Profile record instead' + INVENTED, 400);
        }
        const ps = state.permissionSets.find((p) => p.id === id18);
        if (!ps) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
        return updatePermissionSet(state, env.now, ps, values);
      }
      case 'ObjectPermissions':
        return updateObjectPermissions(state, env.now, id18, values);
      case 'UserLogin':
        return updateUserLogin(state, env.now, id18, values);
      default:
        if (!isBusinessType(def)) throw new SalesforceError('INVALID_TYPE_FOR_OPERATION', `The emulated org does not update ${def.name} records` + INVENTED, 400);
        if (!findGenericRecord(state, def.name, id18)) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
        updateGenericRecord(state, { now: env.now, actorId: env.actorId ?? state.identity.userId, nextId: env.nextId }, def, id18, values, coerce);
        return;
    }
  }
  const prev = findUser(state, id18);
  if (!prev) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
  const values = normalizeFields(def, fields, 'update');
  const next = writeUser(state, env, values, prev);
  state.users[state.users.indexOf(prev)] = next;
}

/** GET /sobjects/{type}/{id}[?fields=]. */
export function retrieveRecord(state: OrgState, type: string, id: string, fields: readonly string[] | undefined, apiVersion: string): SObjectRecord {
  const def = typeDef(state, type);
  const id18 = normalizeId(def, id);
  const row = rowsOf(state, def.name).find((r) => r['Id'] === id18);
  if (!row) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
  const out: Record<string, unknown> = { attributes: { type: def.name, url: `/services/data/v${apiVersion}/sobjects/${def.name}/${id18}` } };
  const wanted = fields && fields.length > 0 ? fields.map((n) => {
    const f = fieldDef(def, n);
    if (!f) throw new SalesforceError('INVALID_FIELD', `No such column '${n}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`, 400);
    return f;
  }) : def.fields;
  for (const f of wanted) out[f.name] = row[f.name] ?? null;
  return out;
}

/** DELETE /sobjects/{type}/{id}: users cannot be deleted (facts d.1); assignments can. */
export function deleteRecord(state: OrgState, type: string, id: string, now = new Date().toISOString()): void {
  const def = typeDef(state, type);
  const id18 = normalizeId(def, id);
  if (def.name === 'ObjectPermissions') return deleteObjectPermissions(state, now, id18);
  if (def.name === 'User') {
    if (!findUser(state, id18)) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
    // The User object has no delete() call; deactivate with IsActive=false instead.
    throw new SalesforceError('INVALID_TYPE_FOR_OPERATION', 'entity type cannot be deleted', 400);
  }
  const lists: Record<string, 'permissionSetAssignments' | 'permissionSetLicenseAssigns'> = {
    PermissionSetAssignment: 'permissionSetAssignments', PermissionSetLicenseAssign: 'permissionSetLicenseAssigns',
  };
  const key = lists[def.name];
  if (!key) {
    if (!def.deletable) throw new SalesforceError('INVALID_TYPE_FOR_OPERATION', 'entity type cannot be deleted', 400);
    if (!isBusinessType(def)) throw new SalesforceError('INVALID_TYPE_FOR_OPERATION', `The emulated org does not delete ${def.name} records` + INVENTED, 400);
    if (!findGenericRecord(state, def.name, id18)) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
    deleteGenericRecord(state, def.name, id18);
    return;
  }
  if (key === 'permissionSetAssignments' && state.users.some((u) => profileAssignmentId(u.id) === id18)) {
    throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', "You can't assign or unassign this permission set because it's associated with a profile.", 400);
  }
  const idx = state[key].findIndex((a) => a.id === id18);
  if (idx < 0) throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', 404);
  if (key === 'permissionSetLicenseAssigns') {
    const a = state[key][idx] as { assigneeId: string; targetId: string };
    const psl = state.permissionSetLicenses.find((l) => l.id === a.targetId);
    const needs = state.permissionSetAssignments.some((x) => x.assigneeId === a.assigneeId && state.permissionSets.some((ps) => ps.id === x.targetId && psl && (ps.license === psl.developerName || ps.license === psl.masterLabel)));
    if (needs) throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', 'The user has permission sets that require this permission set license; remove them first' + INVENTED, 400);
  }
  state[key].splice(idx, 1);
}

/** GET /sobjects/{type}/describe. */
export function describeSObject(state: OrgState, type: string, apiVersion: string): Record<string, unknown> {
  const def = typeDef(state, type);
  const base = `/services/data/v${apiVersion}/sobjects/${def.name}`;
  return {
    name: def.name, label: def.label, labelPlural: def.labelPlural, keyPrefix: def.keyPrefix, custom: def.custom,
    createable: def.createable, updateable: def.updateable, deletable: def.deletable, queryable: true, retrieveable: true, searchable: def.name === 'User',
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
    childRelationships: [],
    recordTypeInfos: [],
    fields: def.fields.map((f) => ({
      name: f.name, label: f.label, type: f.type, length: f.length ?? (f.type === 'id' || f.type === 'reference' ? 18 : 0),
      nillable: f.nillable, createable: f.createable, updateable: f.updateable, defaultedOnCreate: f.defaultedOnCreate === true,
      custom: f.custom === true, filterable: true, sortable: f.type !== 'textarea',
      permissionable: f.permissionable ?? (f.nillable && (f.createable || f.updateable) && f.type !== 'id'),
      calculated: f.calculated === true, autoNumber: f.autoNumber === true,
      cascadeDelete: f.masterDetail === true, relationshipOrder: f.masterDetail === true ? 0 : null,
      referenceTo: f.referenceTo ? [...f.referenceTo] : [], relationshipName: f.relationshipName ?? null,
      restrictedPicklist: f.picklist !== undefined,
      picklistValues: (f.picklist ?? []).map(([value, label], i) => ({ active: true, defaultValue: i === 0 && f.name === 'UserType', label, validFor: null, value })),
    })),
  };
}

/** GET /sobjects. */
export function describeGlobalOf(state: OrgState, apiVersion: string): Record<string, unknown> {
  const defs: SObjectDef[] = [...SYSTEM_OBJECTS];
  for (const o of ['ObjectPermissions', 'FieldPermissions']) defs.push(sobjectDef(state, o) as SObjectDef);
  for (const o of fieldPermissionTypes(state)) {
    const d = businessObject(state, o);
    if (d) defs.push(d);
  }
  return {
    encoding: 'UTF-8', maxBatchSize: 200,
    sobjects: defs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((d) => ({
      name: d.name, label: d.label, labelPlural: d.labelPlural, keyPrefix: d.keyPrefix, custom: d.custom, queryable: true,
      createable: d.createable, updateable: d.updateable, deletable: d.deletable, retrieveable: true,
      urls: { sobject: `/services/data/v${apiVersion}/sobjects/${d.name}`, describe: `/services/data/v${apiVersion}/sobjects/${d.name}/describe`, rowTemplate: `/services/data/v${apiVersion}/sobjects/${d.name}/{ID}` },
    })),
  };
}
