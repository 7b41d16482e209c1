/**
 * The org-state reader: one read of an org's permission state over SOQL/REST, as plain data. `plan`, `status`,
 * `deploy`'s verification, `discover` and the Integration-licence route are views of what it returns.
 *
 * ```ts
 * import { readOrgState, readProfileState, readPermissionSetState, readUserState } from '../orgState';
 *
 * // everything plan/status need, in one go (queries run in parallel):
 * const state = await readOrgState(session.client, {
 *   profileName: 'API Only',                    // Profile.Name (UI name), not the metadata fullName
 *   username: 'apionly.integration@example.com',
 *   userFields: ['FirstName', 'Email'],          // extra User fields to compare (the config's)
 *   permissionSets: ['Integration_Object_Access'],
 *   permissionSetLicenses: ['SalesforceAPIIntegrationPsl'],
 * });
 * state.profile?.objects.get('Account')?.modifyAllRecords;    // undefined entry = no access (no row)
 * state.user?.isFrozen; state.user?.powerful;                 // [{ permission: 'ModifyAllData', via: [{ route, name }] }]
 *
 * // or one part:
 * const profile = await readProfileState(client, 'API Only');          // ProfileSnapshot | undefined
 * const set = await readPermissionSetState(client, 'My_Set');          // PermissionSetSnapshot | undefined
 * const user = await readUserState(client, 'user@example.com');        // UserSnapshot | undefined
 * ```
 *
 * What it reads (permission-model.md):
 * - a profile: its owned PermissionSet (`IsOwnedByProfile = true AND Profile.Name = …`) with every `Permissions<Name>`
 *   field the org describes (in chunks of 100 columns), ObjectPermissions and FieldPermissions filtered by
 *   `Parent.Profile.Name`; a permission set the same way by `Parent.Name`. `000…` placeholder rows are folded into
 *   the real row of the same object/field (counted in `placeholderRows`). A missing row means no access.
 *   ViewAllFields is read only where ObjectPermissions describes it (API 63+).
 * - a user: the User (profile, licence, active, last login, the fields asked for), UserLogin (frozen,
 *   password-locked), every PermissionSetAssignment (the profile's own set, sets, group aggregate sets) with the
 *   powerful permissions (model POWERFUL_PERMISSIONS) each carries, and PermissionSetLicenseAssign rows.
 *
 * Cost: two describes plus a fixed number of queries (about 4 per holder, 4 for the user, 1 for licences), each
 * read to its last page through OrgClient.query (which follows every nextRecordsUrl and refuses a result shorter
 * than totalSize). The count does not grow with the number of objects or fields. Reading object and field
 * permissions needs View Setup: read as the admin (the deploying user), not the API user.
 *
 * Salesforce rules (what a missing row means, which permissions are powerful, which objects read back false)
 * live in src/model/orgPermissions.ts.
 */
import type { OrgClient } from '../deploy/orgClient';
import { soqlList } from '../deploy/soql';
import { describePermissionFields, readHolding, type PermissionFieldCatalog } from './readPermissions';
import { readUser } from './readUser';
import type { OrgStateSnapshot, PermissionSetSnapshot, ProfileSnapshot, UserSnapshot } from './types';

export type * from './types';
export type { PermissionFieldCatalog } from './readPermissions';

export interface OrgStateRequest {
  /** Profile.Name of the profile to read. */
  readonly profileName?: string;
  readonly username?: string;
  /** Extra User fields to read (for the field diff). */
  readonly userFields?: readonly string[];
  /** Permission sets (Name) to read in full. */
  readonly permissionSets?: readonly string[];
  /** Permission set licences (DeveloperName) to look up. */
  readonly permissionSetLicenses?: readonly string[];
}

/** Counts the calls a read makes (queries and describes; later pages of a query not included). */
function counter(): { count: () => void; get: () => number } {
  let n = 0;
  return { count: () => void n++, get: () => n };
}

export async function readOrgState(client: OrgClient, request: OrgStateRequest): Promise<OrgStateSnapshot> {
  const calls = counter();
  const catalog = await describePermissionFields(client, calls.count);
  const setNames = [...new Set(request.permissionSets ?? [])];
  const licenceNames = [...new Set(request.permissionSetLicenses ?? [])];
  const [profile, sets, user, licences] = await Promise.all([
    request.profileName !== undefined ? (readHolding(client, { profileName: request.profileName }, catalog, calls.count) as Promise<ProfileSnapshot | undefined>) : undefined,
    Promise.all(setNames.map((name) => readHolding(client, { permissionSetName: name }, catalog, calls.count) as Promise<PermissionSetSnapshot | undefined>)),
    request.username !== undefined ? readUser(client, request.username, request.userFields ?? [], catalog.userPermissions, calls.count) : undefined,
    licenceNames.length
      ? (calls.count(), client.query(`SELECT Id, DeveloperName, MasterLabel FROM PermissionSetLicense WHERE DeveloperName IN ${soqlList(licenceNames)}`))
      : [],
  ]);
  const permissionSets = new Map<string, PermissionSetSnapshot>();
  for (const s of sets) if (s) permissionSets.set(s.name, s);
  const permissionSetLicenses = new Map<string, { id: string; label: string }>();
  for (const l of licences) permissionSetLicenses.set(String(l['DeveloperName']), { id: String(l['Id']), label: String(l['MasterLabel'] ?? '') });
  return { profile, user, permissionSets, permissionSetLicenses, apiCalls: calls.get() };
}

export async function readProfileState(client: OrgClient, profileName: string, catalog?: PermissionFieldCatalog): Promise<ProfileSnapshot | undefined> {
  const calls = counter();
  const c = catalog ?? (await describePermissionFields(client, calls.count));
  return (await readHolding(client, { profileName }, c, calls.count)) as ProfileSnapshot | undefined;
}

export async function readPermissionSetState(client: OrgClient, name: string, catalog?: PermissionFieldCatalog): Promise<PermissionSetSnapshot | undefined> {
  const calls = counter();
  const c = catalog ?? (await describePermissionFields(client, calls.count));
  return (await readHolding(client, { permissionSetName: name }, c, calls.count)) as PermissionSetSnapshot | undefined;
}

export async function readUserState(client: OrgClient, username: string, userFields: readonly string[] = [], catalog?: PermissionFieldCatalog): Promise<UserSnapshot | undefined> {
  const calls = counter();
  const c = catalog ?? (await describePermissionFields(client, calls.count));
  return readUser(client, username, userFields, c.userPermissions, calls.count);
}

export { describePermissionFields };
