/**
 * Pure planning of the user step: given what the config declares and what the org holds, decide what to write.
 * Salesforce rules live here, not in the code that talks to the org:
 * - a user is found by Username; Username is never updated (it is the key, and globally unique);
 * - only fields that differ are updated; an inactive user is reactivated (users are never deleted);
 * - ids are compared in their 18-character form;
 * - no password is ever set: at most Salesforce's reset email, and only on a transition (create, reactivation)
 *   unless asked for on every run;
 * - permission sets already assigned are skipped.
 */
import { normalizeId, sameId, soqlList, soqlString } from './soql';
import type { FieldChange, ResetPasswordMode, UserAction, UserSpec } from './types';

export type SObjectRow = Readonly<Record<string, unknown>>;

/** Fields apionly manages itself; the config's value for them is ignored (or refused, for passwords). */
const MANAGED = new Set(['id', 'username', 'profileid', 'isactive']);
const SECRET = /password/i;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export interface UserPlanInput {
  readonly spec: UserSpec;
  /** The User row found by Username, or undefined. */
  readonly existing: SObjectRow | undefined;
  /** The profile's Id, or undefined when the profile does not exist yet (a dry run before its first deploy). */
  readonly profileId: string | undefined;
  /** PermissionSet Name → Id, for the sets that exist in the org. */
  readonly permissionSetIds: ReadonlyMap<string, string>;
  /** PermissionSetIds already assigned to the existing user. */
  readonly assignedPermissionSetIds: readonly string[];
  /** PermissionSetLicense DeveloperName → Id, for the licences the spec names that exist in the org. */
  readonly permissionSetLicenseIds?: ReadonlyMap<string, string>;
  /** PermissionSetLicenseIds already assigned to the existing user. */
  readonly assignedPermissionSetLicenseIds?: readonly string[];
  readonly resetPassword: ResetPasswordMode;
}

export interface PlannedPermissionSet {
  readonly name: string;
  readonly id: string | undefined;
  readonly action: 'assign' | 'already-assigned';
}

export interface UserPlan {
  readonly username: string;
  readonly action: UserAction;
  readonly userId: string | undefined;
  /** Everything to insert (create), or only what differs (update); empty for 'none'. */
  readonly write: Readonly<Record<string, string | boolean>>;
  readonly changes: readonly FieldChange[];
  readonly reactivate: boolean;
  readonly permissionSets: readonly PlannedPermissionSet[];
  /** Permission sets named in the config that the org does not have. */
  readonly missingPermissionSets: readonly string[];
  /** Permission set licences to assign before the permission sets (integration route), in order. */
  readonly permissionSetLicenses: readonly PlannedPermissionSet[];
  /** Permission set licences the spec names that the org does not have. */
  readonly missingPermissionSetLicenses: readonly string[];
  readonly resetPassword: boolean;
  readonly warnings: readonly string[];
}

/** The config's user fields that apionly writes (never Username on update, never a password). */
export function writableFields(spec: UserSpec): { fields: Record<string, string | boolean>; warnings: string[] } {
  const fields: Record<string, string | boolean> = {};
  const warnings: string[] = [];
  for (const [name, value] of Object.entries(spec.fields)) {
    if (SECRET.test(name)) {
      warnings.push(`User field ${name} ignored: apionly never writes a password; use --reset-password for Salesforce's reset email.`);
      continue;
    }
    if (!FIELD_NAME.test(name)) {
      warnings.push(`User field ${JSON.stringify(name)} ignored: not a Salesforce field name.`);
      continue;
    }
    if (MANAGED.has(name.toLowerCase()) && name !== 'Username') continue;
    fields[name] = value;
  }
  return { fields, warnings };
}

export function usernameOf(spec: UserSpec): string {
  const username = spec.fields['Username'];
  if (typeof username !== 'string' || username === '') {
    throw new TypeError('the user has no Username (the config must set user.Username)');
  }
  return username;
}

/** The one query that finds the user, with every field the plan compares. */
export function userQuery(spec: UserSpec): string {
  const { fields } = writableFields(spec);
  const names = ['Id', 'Username', 'IsActive', 'ProfileId'];
  for (const name of Object.keys(fields)) {
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return `SELECT ${names.join(', ')} FROM User WHERE Username = ${soqlString(usernameOf(spec))}`;
}

export function profileQuery(profileName: string): string {
  return `SELECT Id, Name, PermissionsApiEnabled, PermissionsApiUserOnly FROM Profile WHERE Name = ${soqlString(profileName)}`;
}

export function permissionSetQuery(names: readonly string[]): string {
  return `SELECT Id, Name FROM PermissionSet WHERE Name IN ${soqlList(names)}`;
}

export function permissionSetLicenseQuery(developerNames: readonly string[]): string {
  return `SELECT Id, DeveloperName, MasterLabel, TotalLicenses, UsedLicenses FROM PermissionSetLicense WHERE DeveloperName IN ${soqlList(developerNames)}`;
}

export function licenseAssignmentQuery(userId: string): string {
  return `SELECT Id, PermissionSetLicenseId FROM PermissionSetLicenseAssign WHERE AssigneeId = ${soqlString(userId)}`;
}

export function assignmentQuery(userId: string): string {
  return `SELECT Id, PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(userId)}`;
}

/** Whether the org's value already equals the declared one (REST gives strings, booleans and null). */
export function sameValue(current: unknown, desired: string | boolean): boolean {
  if (typeof desired === 'boolean') {
    if (typeof current === 'boolean') return current === desired;
    if (typeof current === 'string') return current.toLowerCase() === String(desired);
    return current === null || current === undefined ? desired === false : false;
  }
  if (current === null || current === undefined) return desired === '';
  return String(current) === desired;
}

/** Reads a field case-insensitively (REST answers with the API's casing, configs may differ). */
function fieldOf(row: SObjectRow, name: string): unknown {
  if (name in row) return row[name];
  const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : row[key];
}

export function planUser(input: UserPlanInput): UserPlan {
  const { spec, existing, profileId } = input;
  const username = usernameOf(spec);
  const { fields, warnings } = writableFields(spec);
  const changes: FieldChange[] = [];
  const write: Record<string, string | boolean> = {};
  let reactivate = false;
  let action: UserAction;
  let userId: string | undefined;

  if (!existing) {
    action = 'create';
    for (const [name, value] of Object.entries(fields)) {
      write[name] = value;
      changes.push({ field: name, from: null, to: value });
    }
    if (profileId) write['ProfileId'] = normalizeId(profileId);
    changes.push({ field: 'ProfileId', from: null, to: profileId ? normalizeId(profileId) : `(${spec.profileName}, created by this deploy)` });
  } else {
    userId = normalizeId(String(fieldOf(existing, 'Id')));
    for (const [name, value] of Object.entries(fields)) {
      if (name === 'Username') continue; // the key: never updated
      const current = fieldOf(existing, name);
      if (sameValue(current, value)) continue;
      write[name] = value;
      changes.push({ field: name, from: current === undefined ? null : (current as string | boolean | null), to: value });
    }
    const currentProfile = fieldOf(existing, 'ProfileId');
    const currentProfileId = typeof currentProfile === 'string' ? currentProfile : undefined;
    if (profileId === undefined) {
      changes.push({ field: 'ProfileId', from: currentProfileId ?? null, to: `(${spec.profileName}, created by this deploy)` });
    } else if (!sameId(currentProfileId, profileId)) {
      write['ProfileId'] = normalizeId(profileId);
      changes.push({ field: 'ProfileId', from: currentProfileId ?? null, to: normalizeId(profileId) });
    }
    if (fieldOf(existing, 'IsActive') === false) {
      reactivate = true;
      write['IsActive'] = true;
      changes.push({ field: 'IsActive', from: false, to: true });
    }
    action = changes.length ? 'update' : 'none';
  }

  const assigned = new Set(input.assignedPermissionSetIds.map(normalizeId));
  const permissionSets: PlannedPermissionSet[] = [];
  const missingPermissionSets: string[] = [];
  for (const name of unique(spec.permissionSets)) {
    const id = input.permissionSetIds.get(name);
    if (id === undefined) missingPermissionSets.push(name);
    const already = id !== undefined && assigned.has(normalizeId(id));
    permissionSets.push({ name, id: id === undefined ? undefined : normalizeId(id), action: already ? 'already-assigned' : 'assign' });
  }

  const assignedLicenses = new Set((input.assignedPermissionSetLicenseIds ?? []).map(normalizeId));
  const permissionSetLicenses: PlannedPermissionSet[] = [];
  const missingPermissionSetLicenses: string[] = [];
  for (const name of unique(spec.permissionSetLicenses ?? [])) {
    const id = input.permissionSetLicenseIds?.get(name);
    if (id === undefined) missingPermissionSetLicenses.push(name);
    const already = id !== undefined && assignedLicenses.has(normalizeId(id));
    permissionSetLicenses.push({ name, id: id === undefined ? undefined : normalizeId(id), action: already ? 'already-assigned' : 'assign' });
  }

  const resetPassword =
    input.resetPassword === 'always' || (input.resetPassword === 'new' && (action === 'create' || reactivate));
  if (input.resetPassword === 'new' && !resetPassword) {
    warnings.push('No password-reset email sent: the user already existed and was active (use --reset-password=always to send one anyway).');
  }
  return {
    username, action, userId, write, changes, reactivate, permissionSets, missingPermissionSets, permissionSetLicenses, missingPermissionSetLicenses, resetPassword, warnings,
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
