/**
 * Verification by reading back: the org, not the deploy status, is the proof.
 * - the Profile's PermissionsApiUserOnly / PermissionsApiEnabled;
 * - the deployed profile's object permissions equal the committed file's, for the objects it manages
 *   (retrieved together with those objects, since a retrieve only returns entries for components in it);
 * - the user active, on the profile, with its permission sets.
 */
import type { MetadataClient } from './metadataClient';
import type { OrgClient } from './orgClient';
import { compareObjectPermissions, parseProfilePermissions, type ProfilePermissions } from './profilePermissions';
import { describeError } from './scrub';
import { sameId } from './soql';
import { profileQuery, userQuery, usernameOf } from './userPlan';
import { readPermissionSets } from './userStep';
import type { CheckResult, UserSpec } from './types';

export interface VerifyInput {
  readonly client: OrgClient;
  readonly metadata: MetadataClient;
  readonly apiVersion: string;
  readonly spec: UserSpec;
  /** The Profile's metadata fullName (the file's base name, e.g. `Custom%3A Sales`), for the retrieve. */
  readonly profileFullName: string;
  /** The committed profile file, parsed. */
  readonly committed: ProfilePermissions;
  readonly secrets: readonly string[];
  /** Whether the user step ran to the end (its checks are skipped otherwise). */
  readonly checkUser: boolean;
  readonly pollFrequencyMs?: number;
}

export async function verify(input: VerifyInput): Promise<CheckResult[]> {
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
  const { spec, client } = input;
  let profileId: string | undefined;

  await guard('Profile is API only', async () => {
    const rows = await client.query(profileQuery(spec.profileName));
    const row = rows[0];
    if (!row) return { name: 'Profile is API only', passed: false, detail: `profile ${JSON.stringify(spec.profileName)} not found` };
    profileId = typeof row['Id'] === 'string' ? row['Id'] : undefined;
    const wantUserOnly = input.committed.userPermissions.get('ApiUserOnly') ?? true;
    const wantEnabled = input.committed.userPermissions.get('ApiEnabled') ?? true;
    const userOnly = row['PermissionsApiUserOnly'] === true;
    const enabled = row['PermissionsApiEnabled'] === true;
    const passed = userOnly === wantUserOnly && enabled === wantEnabled;
    return {
      name: 'Profile is API only',
      passed,
      detail: `PermissionsApiUserOnly=${String(row['PermissionsApiUserOnly'])} (want ${wantUserOnly}), PermissionsApiEnabled=${String(row['PermissionsApiEnabled'])} (want ${wantEnabled})`,
    };
  });

  await guard('Object permissions match the committed profile', async () => {
    const objects = [...input.committed.objects.keys()];
    const retrieved = await input.metadata.retrieveProfile({
      apiVersion: input.apiVersion,
      profileName: input.profileFullName,
      objects,
      ...(input.pollFrequencyMs !== undefined ? { pollFrequencyMs: input.pollFrequencyMs } : {}),
    });
    const name = 'Object permissions match the committed profile';
    if (retrieved.profileXml === undefined) {
      return { name, passed: false, detail: `the org returned no profile ${JSON.stringify(spec.profileName)}${retrieved.problems.length ? `: ${retrieved.problems.join('; ')}` : ''}` };
    }
    const mismatches = compareObjectPermissions(input.committed.objects, parseProfilePermissions(retrieved.profileXml).objects);
    if (mismatches.length === 0) return { name, passed: true, detail: `${objects.length} object${objects.length === 1 ? '' : 's'} compared, all equal` };
    const shown = mismatches
      .slice(0, 10)
      .map((m) => `${m.object}.${m.flag}: org ${m.actual === undefined ? 'absent' : String(m.actual)}, file ${String(m.expected)}`);
    return { name, passed: false, detail: `${mismatches.length} difference${mismatches.length === 1 ? '' : 's'}: ${shown.join('; ')}${mismatches.length > 10 ? '; …' : ''}` };
  });

  if (!input.checkUser) return checks;

  await guard('User is active on the profile', async () => {
    const username = usernameOf(spec);
    const rows = await client.query(userQuery(spec));
    const row = rows[0];
    if (!row) return [{ name: 'User is active on the profile', passed: false, detail: `no user ${username}` }];
    const active = row['IsActive'] === true;
    const onProfile = profileId !== undefined && sameId(String(row['ProfileId']), profileId);
    const results: CheckResult[] = [
      { name: 'User is active', passed: active, detail: `${username} IsActive=${String(row['IsActive'])}` },
      { name: 'User is on the profile', passed: onProfile, detail: `${username} ProfileId=${String(row['ProfileId'])}${profileId ? ` (profile ${profileId})` : ''}` },
    ];
    if (spec.permissionSets.length) {
      const names = [...new Set(spec.permissionSets)];
      const { permissionSetIds, assigned } = await readPermissionSets(client, names, String(row['Id']));
      const missing = names.filter((n) => {
        const id = permissionSetIds.get(n);
        return id === undefined || !assigned.some((a) => sameId(a, id));
      });
      results.push({
        name: 'User has its permission sets',
        passed: missing.length === 0,
        detail: missing.length ? `not assigned: ${missing.join(', ')}` : `assigned: ${names.join(', ')}`,
      });
    }
    return results;
  });
  return checks;
}
