/**
 * Reads the user: the User row (with its profile and licence), then in parallel its UserLogin, its
 * PermissionSetAssignments (with each set's powerful permissions, the profile's own set and group sets included)
 * and its PermissionSetLicenseAssigns. Four queries, whatever the number of objects or assignments.
 */
import type { OrgClient } from '../deploy/orgClient';
import { soqlString } from '../deploy/soql';
import { POWERFUL_PERMISSIONS } from '../model';
import type { GrantRoute, PermissionSetAssignmentSnapshot, PermissionSetLicenseAssignmentSnapshot, PowerfulGrant, UserSnapshot } from './types';

type Row = Readonly<Record<string, unknown>>;

const USER_BASE = ['Id', 'Username', 'IsActive', 'ProfileId', 'Profile.Name', 'Profile.UserLicense.Name', 'LastLoginDate'];

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const rel = (row: Row | undefined, name: string): Row | undefined => {
  const v = row?.[name];
  return v && typeof v === 'object' ? (v as Row) : undefined;
};

/**
 * @param userFields extra User fields to read (the config's, for the field diff); unknown names fail the query
 *        with INVALID_FIELD, as they would fail the deploy's user step.
 * @param userPermissionNames the org's user permission names (describe), to read only powerful ones that exist.
 */
export async function readUser(
  client: OrgClient,
  username: string,
  userFields: readonly string[],
  userPermissionNames: readonly string[],
  count: () => void,
): Promise<UserSnapshot | undefined> {
  const fields = [...USER_BASE];
  for (const f of userFields) if (!fields.some((x) => x.toLowerCase() === f.toLowerCase())) fields.push(f);
  count();
  const user = (await client.query(`SELECT ${fields.join(', ')} FROM User WHERE Username = ${soqlString(username)}`))[0];
  if (!user) return undefined;
  const userId = String(user['Id']);
  const known = new Set(userPermissionNames);
  const powerful = POWERFUL_PERMISSIONS.map((p) => p.name).filter((n) => known.has(n));
  const assignmentQuery = `SELECT ${[
    'Id', 'PermissionSetId', 'PermissionSetGroupId', 'PermissionSet.Name', 'PermissionSet.Label', 'PermissionSet.IsOwnedByProfile', 'PermissionSet.Type',
    'PermissionSetGroup.DeveloperName', ...powerful.map((n) => `PermissionSet.Permissions${n}`),
  ].join(', ')} FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(userId)}`;
  count();
  count();
  count();
  const [logins, assignments, licences] = await Promise.all([
    client.query(`SELECT Id, IsFrozen, IsPasswordLocked FROM UserLogin WHERE UserId = ${soqlString(userId)}`),
    client.query(assignmentQuery),
    client.query(`SELECT Id, PermissionSetLicenseId, PermissionSetLicense.DeveloperName, PermissionSetLicense.MasterLabel FROM PermissionSetLicenseAssign WHERE AssigneeId = ${soqlString(userId)}`),
  ]);
  const login = logins[0];
  const profile = rel(user, 'Profile');
  const permissionSetAssignments: PermissionSetAssignmentSnapshot[] = assignments.map((a) => {
    const ps = rel(a, 'PermissionSet');
    const group = rel(a, 'PermissionSetGroup');
    const groupId = str(a['PermissionSetGroupId']) ?? undefined;
    const route: GrantRoute = ps?.['IsOwnedByProfile'] === true ? 'profile' : groupId || ps?.['Type'] === 'Group' ? 'permissionSetGroup' : 'permissionSet';
    const name = route === 'profile'
      ? (str(profile?.['Name']) ?? 'profile')
      : route === 'permissionSetGroup' ? (str(group?.['DeveloperName']) ?? str(ps?.['Name']) ?? String(a['PermissionSetId'])) : (str(ps?.['Name']) ?? String(a['PermissionSetId']));
    return {
      id: String(a['Id']),
      permissionSetId: String(a['PermissionSetId']),
      name,
      route,
      permissionSetGroupId: groupId,
      powerful: powerful.filter((n) => ps?.[`Permissions${n}`] === true),
    };
  });
  const permissionSetLicenseAssignments: PermissionSetLicenseAssignmentSnapshot[] = licences.map((l) => {
    const psl = rel(l, 'PermissionSetLicense');
    return {
      id: String(l['Id']),
      permissionSetLicenseId: String(l['PermissionSetLicenseId']),
      developerName: str(psl?.['DeveloperName']) ?? String(l['PermissionSetLicenseId']),
      label: str(psl?.['MasterLabel']) ?? '',
    };
  });
  const grants = new Map<string, Array<{ route: GrantRoute; name: string }>>();
  for (const a of permissionSetAssignments) {
    for (const p of a.powerful) {
      const list = grants.get(p) ?? [];
      list.push({ route: a.route, name: a.name });
      grants.set(p, list);
    }
  }
  const powerfulGrants: PowerfulGrant[] = powerful.filter((p) => grants.has(p)).map((p) => ({ permission: p, via: grants.get(p) ?? [] }));
  const fieldValues: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(user)) if (v === null || typeof v !== 'object') fieldValues[k] = v;
  return {
    id: userId,
    username: String(user['Username']),
    isActive: user['IsActive'] === true,
    profileId: String(user['ProfileId'] ?? ''),
    profileName: str(profile?.['Name']),
    userLicense: str(rel(profile, 'UserLicense')?.['Name']),
    lastLoginDate: str(user['LastLoginDate']),
    fields: fieldValues,
    isFrozen: login ? login['IsFrozen'] === true : undefined,
    isPasswordLocked: login ? login['IsPasswordLocked'] === true : undefined,
    permissionSetAssignments,
    permissionSetLicenseAssignments,
    powerful: powerfulGrants,
  };
}
