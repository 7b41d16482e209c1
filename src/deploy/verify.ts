/**
 * Verification by reading back: the org, not the deploy status, is the proof. One read through the org-state
 * reader (src/orgState: SOQL on the profile's owned permission set, ObjectPermissions, FieldPermissions, the user and
 * its assignments), no retrieve:
 * - the Profile's ApiUserOnly / ApiEnabled as committed;
 * - every object flag and field access the committed file sets reads back the same (a missing row is no access;
 *   View All / Modify All on objects that always read back false are skipped; viewAllFields where the org has it);
 * - the user active, on the profile, with its permission sets.
 */
import type { OrgClient } from './orgClient';
import type { ProfilePermissions } from './profilePermissions';
import { describeError } from './scrub';
import { sameId } from './soql';
import { usernameOf } from './userPlan';
import type { CheckResult, UserSpec } from './types';
import { NO_OBJECT_ACCESS, OBJECT_FLAG_FIELDS, readsBackFalse, type OrgObjectFlags } from '../model';
import { readOrgState as defaultReadOrgState, type OrgStateRequest, type OrgStateSnapshot, type ProfileSnapshot } from '../orgState';

export type ReadOrgState = (client: OrgClient, request: OrgStateRequest) => Promise<OrgStateSnapshot>;

export interface VerifyInput {
  readonly client: OrgClient;
  readonly spec: UserSpec;
  /** The committed profile file, parsed (object, field and user permissions). */
  readonly committed: ProfilePermissions;
  readonly secrets: readonly string[];
  /** Whether the user step ran to the end (its checks are skipped otherwise). */
  readonly checkUser: boolean;
  /** The reader (tests inject one); default src/orgState's readOrgState. */
  readonly readOrgState?: ReadOrgState;
}

export interface ObjectMismatch {
  readonly object: string;
  readonly flag: string;
  readonly expected: boolean;
  readonly actual: boolean;
}

/** Every flag the committed file sets must read back the same (missing row = all false), per Salesforce's read-back rules. */
export function objectMismatches(committed: ProfilePermissions, org: ProfileSnapshot): ObjectMismatch[] {
  const out: ObjectMismatch[] = [];
  for (const [object, flags] of committed.objects) {
    const actual: OrgObjectFlags = org.objects.get(object) ?? NO_OBJECT_ACCESS;
    for (const [flag] of OBJECT_FLAG_FIELDS) {
      const expected = flags[flag];
      if (expected === undefined) continue;
      if (flag === 'viewAllFields' && !org.viewAllFieldsRead) continue;
      if (expected && readsBackFalse(object, flag)) continue;
      if (actual[flag] !== expected) out.push({ object, flag, expected, actual: actual[flag] });
    }
  }
  for (const [field, want] of committed.fields) {
    const have = org.fields.get(field);
    for (const flag of ['readable', 'editable'] as const) {
      if ((have?.[flag] ?? false) !== want[flag]) out.push({ object: field, flag, expected: want[flag], actual: have?.[flag] ?? false });
    }
  }
  return out;
}

export async function verify(input: VerifyInput): Promise<CheckResult[]> {
  const { spec, client } = input;
  const read = input.readOrgState ?? defaultReadOrgState;
  let state: OrgStateSnapshot;
  try {
    state = await read(client, {
      profileName: spec.profileName,
      ...(input.checkUser ? { username: usernameOf(spec), permissionSets: spec.permissionSets } : {}),
    });
  } catch (err) {
    const { code, message } = describeError(err, input.secrets);
    return [{ name: 'Profile is API only', passed: false, detail: `could not read the org back: ${code}: ${message}` }];
  }
  const checks: CheckResult[] = [];
  const profile = state.profile;
  const notFound = `profile ${JSON.stringify(spec.profileName)} not found`;
  if (!profile) {
    checks.push({ name: 'Profile is API only', passed: false, detail: notFound }, { name: 'Object permissions match the committed profile', passed: false, detail: notFound });
  } else {
    const wantUserOnly = input.committed.userPermissions.get('ApiUserOnly') ?? true;
    const wantEnabled = input.committed.userPermissions.get('ApiEnabled') ?? true;
    const userOnly = profile.userPermissions.get('ApiUserOnly') === true;
    const enabled = profile.userPermissions.get('ApiEnabled') === true;
    checks.push({
      name: 'Profile is API only',
      passed: userOnly === wantUserOnly && enabled === wantEnabled,
      detail: `PermissionsApiUserOnly=${userOnly} (want ${wantUserOnly}), PermissionsApiEnabled=${enabled} (want ${wantEnabled})`,
    });
    const mismatches = objectMismatches(input.committed, profile);
    const name = 'Object permissions match the committed profile';
    const objects = input.committed.objects.size;
    const fields = input.committed.fields.size;
    const compared = `${objects} object${objects === 1 ? '' : 's'}${fields ? ` and ${fields} field${fields === 1 ? '' : 's'}` : ''}`;
    if (!mismatches.length) checks.push({ name, passed: true, detail: `${compared} compared, all equal` });
    else {
      const shown = mismatches.slice(0, 10).map((m) => `${m.object}.${m.flag}: org ${String(m.actual)}, file ${String(m.expected)}`);
      checks.push({ name, passed: false, detail: `${mismatches.length} difference${mismatches.length === 1 ? '' : 's'}: ${shown.join('; ')}${mismatches.length > 10 ? '; …' : ''}` });
    }
  }
  if (!input.checkUser) return checks;

  const username = usernameOf(spec);
  const user = state.user;
  if (!user) return [...checks, { name: 'User is active on the profile', passed: false, detail: `no user ${username}` }];
  checks.push(
    { name: 'User is active', passed: user.isActive, detail: `${username} IsActive=${String(user.isActive)}` },
    {
      name: 'User is on the profile',
      passed: profile !== undefined && sameId(user.profileId, profile.profileId),
      detail: `${username} ProfileId=${user.profileId}${profile ? ` (profile ${profile.profileId})` : ''}`,
    },
  );
  if (spec.permissionSets.length) {
    const names = [...new Set(spec.permissionSets)];
    const missing = names.filter((n) => {
      const id = state.permissionSets.get(n)?.permissionSetId;
      return id === undefined || !user.permissionSetAssignments.some((a) => sameId(a.permissionSetId, id));
    });
    checks.push({
      name: 'User has its permission sets',
      passed: missing.length === 0,
      detail: missing.length ? `not assigned: ${missing.join(', ')}` : `assigned: ${names.join(', ')}`,
    });
  }
  return checks;
}
