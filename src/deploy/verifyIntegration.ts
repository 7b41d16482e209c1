/**
 * Verification of the integration route by reading back (kept in one place so that it can move onto the shared
 * reader of org permission state once that exists):
 * - the permission set exists, carries the licence the file names, and its API user permissions;
 * - its object permissions equal the committed file's (retrieved with those objects);
 * - the user is active, on the Minimum Access - API Only Integrations profile, holds the permission set licence(s)
 *   and the permission sets.
 */
import type { MetadataClient } from './metadataClient';
import type { OrgClient } from './orgClient';
import { compareObjectPermissions, parseProfilePermissions, type ProfilePermissions } from './profilePermissions';
import { describeError } from './scrub';
import { sameId, soqlString } from './soql';
import { profileQuery, userQuery, usernameOf } from './userPlan';
import { readPermissionSetLicenses, readPermissionSets } from './userStep';
import type { CheckResult, UserSpec } from './types';

export interface VerifyIntegrationInput {
  readonly client: OrgClient;
  readonly metadata: MetadataClient;
  readonly apiVersion: string;
  readonly spec: UserSpec;
  /** The generated permission set's API name. */
  readonly permissionSetName: string;
  /** Its `<license>` (a PermissionSetLicense DeveloperName). */
  readonly permissionSetLicense: string;
  /** The committed permission set file, parsed. */
  readonly committed: ProfilePermissions;
  readonly secrets: readonly string[];
  readonly checkUser: boolean;
  readonly pollFrequencyMs?: number;
}

export async function verifyIntegration(input: VerifyIntegrationInput): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  const guard = async (name: string, fn: () => Promise<CheckResult | CheckResult[]>): Promise<void> => {
    try {
      const r = await fn();
      checks.push(...(Array.isArray(r) ? r : [r]));
    } catch (err) {
      const { code, message } = describeError(err, input.secrets);
      checks.push({ name, passed: false, detail: `could not check: ${code}: ${message}` });
    }
  };
  const { client, spec } = input;
  const psName = input.permissionSetName;

  await guard('Permission set has its licence and API permissions', async () => {
    const name = 'Permission set has its licence and API permissions';
    const [row] = await client.query(
      `SELECT Id, Name, LicenseId, PermissionsApiEnabled, PermissionsApiUserOnly FROM PermissionSet WHERE Name = ${soqlString(psName)}`,
    );
    if (!row) return { name, passed: false, detail: `permission set ${psName} not found` };
    const { permissionSetLicenseIds } = await readPermissionSetLicenses(client, [input.permissionSetLicense], undefined);
    const pslId = permissionSetLicenseIds.get(input.permissionSetLicense);
    const licenceOk = pslId !== undefined && sameId(String(row['LicenseId']), pslId);
    const want = (perm: string): boolean => input.committed.userPermissions.get(perm) ?? false;
    const flagsOk = (row['PermissionsApiEnabled'] === true) === want('ApiEnabled') && (row['PermissionsApiUserOnly'] === true) === want('ApiUserOnly');
    return {
      name,
      passed: licenceOk && flagsOk,
      detail:
        `${psName} LicenseId=${String(row['LicenseId'])} (${input.permissionSetLicense} ${pslId ?? 'not found'}), ` +
        `PermissionsApiEnabled=${String(row['PermissionsApiEnabled'])} (want ${want('ApiEnabled')}), PermissionsApiUserOnly=${String(row['PermissionsApiUserOnly'])} (want ${want('ApiUserOnly')})`,
    };
  });

  await guard('Object permissions match the committed permission set', async () => {
    const name = 'Object permissions match the committed permission set';
    const objects = [...input.committed.objects.keys()];
    const retrieved = await input.metadata.retrieveProfile({
      apiVersion: input.apiVersion,
      profileName: psName,
      type: 'PermissionSet',
      objects,
      ...(input.pollFrequencyMs !== undefined ? { pollFrequencyMs: input.pollFrequencyMs } : {}),
    });
    if (retrieved.profileXml === undefined) {
      return { name, passed: false, detail: `the org returned no permission set ${psName}${retrieved.problems.length ? `: ${retrieved.problems.join('; ')}` : ''}` };
    }
    const mismatches = compareObjectPermissions(input.committed.objects, parseProfilePermissions(retrieved.profileXml).objects);
    if (mismatches.length === 0) return { name, passed: true, detail: `${objects.length} object${objects.length === 1 ? '' : 's'} compared, all equal` };
    const shown = mismatches.slice(0, 10).map((m) => `${m.object}.${m.flag}: org ${m.actual === undefined ? 'absent' : String(m.actual)}, file ${String(m.expected)}`);
    return { name, passed: false, detail: `${mismatches.length} difference${mismatches.length === 1 ? '' : 's'}: ${shown.join('; ')}${mismatches.length > 10 ? '; …' : ''}` };
  });

  if (!input.checkUser) return checks;

  await guard('User is active on the Integration profile', async () => {
    const username = usernameOf(spec);
    const [row] = await client.query(userQuery(spec));
    if (!row) return [{ name: 'User is active', passed: false, detail: `no user ${username}` }];
    const [profile] = await client.query(profileQuery(spec.profileName));
    const profileId = typeof profile?.['Id'] === 'string' ? profile['Id'] : undefined;
    const userId = String(row['Id']);
    const results: CheckResult[] = [
      { name: 'User is active', passed: row['IsActive'] === true, detail: `${username} IsActive=${String(row['IsActive'])}` },
      {
        name: 'User is on the profile',
        passed: profileId !== undefined && sameId(String(row['ProfileId']), profileId),
        detail: `${username} ProfileId=${String(row['ProfileId'])} (${spec.profileName} ${profileId ?? 'not found'})`,
      },
    ];
    const licences = [...new Set(spec.permissionSetLicenses ?? [])];
    if (licences.length) {
      const { permissionSetLicenseIds, assignedLicenses } = await readPermissionSetLicenses(client, licences, userId);
      const missing = licences.filter((n) => {
        const id = permissionSetLicenseIds.get(n);
        return id === undefined || !assignedLicenses.some((a) => sameId(a, id));
      });
      results.push({
        name: 'User has its permission set licences',
        passed: missing.length === 0,
        detail: missing.length ? `not assigned: ${missing.join(', ')}` : `assigned: ${licences.join(', ')}`,
      });
    }
    const names = [...new Set(spec.permissionSets)];
    const { permissionSetIds, assigned } = await readPermissionSets(client, names, userId);
    const missing = names.filter((n) => {
      const id = permissionSetIds.get(n);
      return id === undefined || !assigned.some((a) => sameId(a, id));
    });
    results.push({ name: 'User has its permission sets', passed: missing.length === 0, detail: missing.length ? `not assigned: ${missing.join(', ')}` : `assigned: ${names.join(', ')}` });
    return results;
  });
  return checks;
}
