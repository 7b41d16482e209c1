/**
 * Verification of the integration route by reading back through the shared org-state reader (src/orgState), in
 * one read: the permission set, the permission set licence(s), the Minimum Access profile and the user.
 * - the permission set exists, carries the licence the file names, and its API user permissions;
 * - its object permissions equal the committed file's (no ObjectPermissions row = no access);
 * - the user is active, on the Minimum Access - API Only Integrations profile, holds the permission set licence(s)
 *   and the permission sets.
 */
import { readsBackFalse, type OrgObjectFlags } from '../model/orgPermissions';
import { readOrgState } from '../orgState';
import type { OrgStateSnapshot } from '../orgState';
import type { OrgClient } from './orgClient';
import type { ProfilePermissions } from './profilePermissions';
import { describeError } from './scrub';
import { sameId } from './soql';
import { usernameOf } from './userPlan';
import type { CheckResult, UserSpec } from './types';

export interface VerifyIntegrationInput {
  readonly client: OrgClient;
  readonly spec: UserSpec;
  /** The generated permission set's API name. */
  readonly permissionSetName: string;
  /** Its `<license>` (a PermissionSetLicense DeveloperName). */
  readonly permissionSetLicense: string;
  /** The committed permission set file, parsed. */
  readonly committed: ProfilePermissions;
  readonly secrets: readonly string[];
  /** Whether the user step ran to the end (its checks are skipped otherwise). */
  readonly checkUser: boolean;
}

const OBJECT_FLAGS: ReadonlyArray<keyof OrgObjectFlags> = ['allowCreate', 'allowDelete', 'allowEdit', 'allowRead', 'modifyAllRecords', 'viewAllRecords', 'viewAllFields'];

export async function verifyIntegration(input: VerifyIntegrationInput): Promise<CheckResult[]> {
  const { spec } = input;
  const psName = input.permissionSetName;
  const licences = [...new Set([...(spec.permissionSetLicenses ?? []), input.permissionSetLicense])];
  let state: OrgStateSnapshot;
  try {
    state = await readOrgState(input.client, {
      profileName: spec.profileName,
      username: usernameOf(spec),
      permissionSets: [...new Set([psName, ...spec.permissionSets])],
      permissionSetLicenses: licences,
    });
  } catch (err) {
    const { code, message } = describeError(err, input.secrets);
    return [{ name: 'Read back the permission set and the user', passed: false, detail: `could not check: ${code}: ${message}` }];
  }
  return [...permissionSetChecks(input, state), ...(input.checkUser ? userChecks(input, state, licences) : [])];
}

function permissionSetChecks(input: VerifyIntegrationInput, state: OrgStateSnapshot): CheckResult[] {
  const psName = input.permissionSetName;
  const set = state.permissionSets.get(psName);
  const licenceName = 'Permission set has its licence and API permissions';
  const objectsName = 'Object permissions match the committed permission set';
  if (!set) {
    return [
      { name: licenceName, passed: false, detail: `permission set ${psName} not found` },
      { name: objectsName, passed: false, detail: `permission set ${psName} not found` },
    ];
  }
  const psl = state.permissionSetLicenses.get(input.permissionSetLicense);
  const want = (perm: string): boolean => input.committed.userPermissions.get(perm) ?? false;
  const has = (perm: string): boolean => set.userPermissions.get(perm) === true;
  const licenceOk = psl !== undefined && sameId(set.licenseId, psl.id);
  const flagsOk = has('ApiEnabled') === want('ApiEnabled') && has('ApiUserOnly') === want('ApiUserOnly');
  const licenceCheck: CheckResult = {
    name: licenceName,
    passed: licenceOk && flagsOk,
    detail:
      `${psName} LicenseId=${set.licenseId ?? 'none'} (${input.permissionSetLicense} ${psl?.id ?? 'not found'}), ` +
      `ApiEnabled=${has('ApiEnabled')} (want ${want('ApiEnabled')}), ApiUserOnly=${has('ApiUserOnly')} (want ${want('ApiUserOnly')})`,
  };

  const mismatches: string[] = [];
  for (const [object, flags] of input.committed.objects) {
    const actual = set.objects.get(object);
    for (const flag of OBJECT_FLAGS) {
      const expected = flags[flag];
      if (expected === undefined) continue;
      if (flag === 'viewAllFields' && !set.viewAllFieldsRead) continue;
      const got = actual?.[flag] ?? false;
      if (got === expected || (expected && readsBackFalse(object, flag))) continue;
      mismatches.push(`${object}.${flag}: org ${actual ? String(got) : 'no row'}, file ${String(expected)}`);
    }
  }
  const count = input.committed.objects.size;
  const objectsCheck: CheckResult = mismatches.length
    ? { name: objectsName, passed: false, detail: `${mismatches.length} difference${mismatches.length === 1 ? '' : 's'}: ${mismatches.slice(0, 10).join('; ')}${mismatches.length > 10 ? '; …' : ''}` }
    : { name: objectsName, passed: true, detail: `${count} object${count === 1 ? '' : 's'} compared, all equal` };
  return [licenceCheck, objectsCheck];
}

function userChecks(input: VerifyIntegrationInput, state: OrgStateSnapshot, licences: readonly string[]): CheckResult[] {
  const { spec } = input;
  const username = usernameOf(spec);
  const user = state.user;
  if (!user) return [{ name: 'User is active', passed: false, detail: `no user ${username}` }];
  const results: CheckResult[] = [
    { name: 'User is active', passed: user.isActive, detail: `${username} IsActive=${String(user.isActive)}` },
    {
      name: 'User is on the profile',
      passed: state.profile !== undefined && sameId(user.profileId, state.profile.profileId),
      detail: `${username} on ${user.profileName ?? user.profileId} (${user.userLicense ?? 'unknown'} licence); want ${spec.profileName}`,
    },
  ];
  const heldLicences = new Set(user.permissionSetLicenseAssignments.map((a) => a.developerName));
  const missingLicences = licences.filter((n) => !heldLicences.has(n));
  results.push({
    name: 'User has its permission set licences',
    passed: missingLicences.length === 0,
    detail: missingLicences.length ? `not assigned: ${missingLicences.join(', ')}` : `assigned: ${licences.join(', ')}`,
  });
  const names = [...new Set([input.permissionSetName, ...spec.permissionSets])];
  const heldSets = new Set(user.permissionSetAssignments.filter((a) => a.route === 'permissionSet').map((a) => a.name));
  const missing = names.filter((n) => !heldSets.has(n));
  results.push({ name: 'User has its permission sets', passed: missing.length === 0, detail: missing.length ? `not assigned: ${missing.join(', ')}` : `assigned: ${names.join(', ')}` });
  return results;
}
