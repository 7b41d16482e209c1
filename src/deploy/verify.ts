/**
 * Verification by reading back: the org, not the deploy status, is the proof. One read through the org-state
 * reader (src/orgState: SOQL on the holder's permission set, ObjectPermissions, FieldPermissions, the user and
 * its assignments), no retrieve. The holder is the committed file's counterpart in the org: the Profile (profile
 * route) or the generated permission set (integration route); one comparison serves both:
 * - the holder's ApiUserOnly / ApiEnabled as committed (integration route: and the set's permission set licence);
 * - every object flag and field access the committed file sets reads back the same (a missing row is no access;
 *   View All / Modify All on objects that always read back false are skipped; viewAllFields where the org has it);
 * - the user active, on the profile, with its permission sets (integration route: and its permission set licences).
 */
import type { OrgClient } from './orgClient';
import type { ProfilePermissions } from './profilePermissions';
import { describeError } from './scrub';
import { sameId } from './soql';
import { usernameOf } from './userPlan';
import type { CheckResult, UserSpec } from './types';
import { diffProfile } from '../plan/diffProfile';
import { readOrgState as defaultReadOrgState, type OrgStateRequest, type OrgStateSnapshot, type PermissionHolding } from '../orgState';

export type ReadOrgState = (client: OrgClient, request: OrgStateRequest) => Promise<OrgStateSnapshot>;

export interface VerifyInput {
  readonly client: OrgClient;
  readonly spec: UserSpec;
  /** The committed profile (or, integration route, permission set) file, parsed (object, field and user permissions). */
  readonly committed: ProfilePermissions;
  readonly secrets: readonly string[];
  /** Whether the user step ran to the end (its checks are skipped otherwise). */
  readonly checkUser: boolean;
  /** Integration route: the committed file is this permission set, with this `<license>` (a PermissionSetLicense DeveloperName). */
  readonly integration?: { readonly permissionSetName: string; readonly permissionSetLicense: string };
  /** The reader (tests inject one); default src/orgState's readOrgState. */
  readonly readOrgState?: ReadOrgState;
}

export interface ObjectMismatch {
  readonly object: string;
  readonly flag: string;
  readonly expected: boolean;
  readonly actual: boolean;
}

/**
 * Every flag the committed file sets must read back the same (missing row = all false), per Salesforce's read-back
 * rules. Object flags: a mismatch is exactly a pending change of plan's diffProfile (one set of rules). Fields are
 * compared flag by flag, not as plan's access level, so a file's editable-without-readable entry is still a mismatch.
 */
export function objectMismatches(committed: ProfilePermissions, org: PermissionHolding): ObjectMismatch[] {
  const out: ObjectMismatch[] = [];
  for (const c of diffProfile(committed, org).changes) {
    if (c.kind === 'object') for (const f of c.flags) out.push({ object: c.object, flag: f.flag, expected: f.to, actual: f.from });
  }
  for (const [field, want] of committed.fields) {
    const have = org.fields.get(field);
    for (const flag of ['readable', 'editable'] as const) {
      if ((have?.[flag] ?? false) !== want[flag]) out.push({ object: field, flag, expected: want[flag], actual: have?.[flag] ?? false });
    }
  }
  return out;
}

/** The committed file's counterpart in the org, with the names its checks carry. */
interface Holder {
  readonly holding: PermissionHolding | undefined;
  readonly notFound: string;
  readonly apiCheck: string;
  readonly objectsCheck: string;
}

function holderOf(input: VerifyInput, state: OrgStateSnapshot | undefined): Holder {
  const ps = input.integration?.permissionSetName;
  return ps !== undefined
    ? { holding: state?.permissionSets.get(ps), notFound: `permission set ${ps} not found`, apiCheck: 'Permission set has its licence and API permissions', objectsCheck: 'Object permissions match the committed permission set' }
    : { holding: state?.profile, notFound: `profile ${JSON.stringify(input.spec.profileName)} not found`, apiCheck: 'Profile is API only', objectsCheck: 'Object permissions match the committed profile' };
}

/** The permission set licences the user must hold: the config's, plus (integration route) the set's own. */
function licencesOf(input: VerifyInput): string[] {
  return input.integration ? [...new Set([...(input.spec.permissionSetLicenses ?? []), input.integration.permissionSetLicense])] : [];
}

/** The permission sets the user must hold: (integration route) the generated one, then the config's. */
function permissionSetsOf(input: VerifyInput): string[] {
  return [...new Set([...(input.integration ? [input.integration.permissionSetName] : []), ...input.spec.permissionSets])];
}

export async function verify(input: VerifyInput): Promise<CheckResult[]> {
  const { spec, client } = input;
  const read = input.readOrgState ?? defaultReadOrgState;
  const licences = licencesOf(input);
  let state: OrgStateSnapshot;
  try {
    const permissionSets = input.checkUser ? permissionSetsOf(input) : input.integration ? [input.integration.permissionSetName] : [];
    state = await read(client, {
      profileName: spec.profileName,
      ...(input.checkUser ? { username: usernameOf(spec) } : {}),
      ...(permissionSets.length ? { permissionSets } : {}),
      ...(licences.length ? { permissionSetLicenses: licences } : {}),
    });
  } catch (err) {
    const { code, message } = describeError(err, input.secrets);
    return [{ name: holderOf(input, undefined).apiCheck, passed: false, detail: `could not read the org back: ${code}: ${message}` }];
  }
  return [...holderChecks(input, state), ...(input.checkUser ? userChecks(input, state, licences) : [])];
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function holderChecks(input: VerifyInput, state: OrgStateSnapshot): CheckResult[] {
  const { committed } = input;
  const { holding, notFound, apiCheck, objectsCheck } = holderOf(input, state);
  if (!holding) return [{ name: apiCheck, passed: false, detail: notFound }, { name: objectsCheck, passed: false, detail: notFound }];

  // A profile is API only unless its file says otherwise; a permission set file names only what it grants.
  const wantDefault = input.integration === undefined;
  const want = (perm: string): boolean => committed.userPermissions.get(perm) ?? wantDefault;
  const has = (perm: string): boolean => holding.userPermissions.get(perm) === true;
  const apiFlags = ['ApiUserOnly', 'ApiEnabled'] as const;
  const flagsOk = apiFlags.every((p) => has(p) === want(p));
  const flagsDetail = apiFlags.map((p) => `Permissions${p}=${has(p)} (want ${want(p)})`).join(', ');
  let api: CheckResult = { name: apiCheck, passed: flagsOk, detail: flagsDetail };
  if (input.integration) {
    const { permissionSetName, permissionSetLicense } = input.integration;
    const licenseId = state.permissionSets.get(permissionSetName)?.licenseId;
    const psl = state.permissionSetLicenses.get(permissionSetLicense);
    api = {
      name: apiCheck,
      passed: flagsOk && psl !== undefined && sameId(licenseId, psl.id),
      detail: `${permissionSetName} LicenseId=${licenseId ?? 'none'} (${permissionSetLicense} ${psl?.id ?? 'not found'}), ${flagsDetail}`,
    };
  }

  const mismatches = objectMismatches(committed, holding);
  let objects: CheckResult;
  if (!mismatches.length) {
    const fields = committed.fields.size;
    objects = { name: objectsCheck, passed: true, detail: `${plural(committed.objects.size, 'object')}${fields ? ` and ${plural(fields, 'field')}` : ''} compared, all equal` };
  } else {
    const org = (m: ObjectMismatch): string => (committed.objects.has(m.object) && !holding.objects.has(m.object) ? 'no row' : String(m.actual));
    const shown = mismatches.slice(0, 10).map((m) => `${m.object}.${m.flag}: org ${org(m)}, file ${String(m.expected)}`);
    objects = { name: objectsCheck, passed: false, detail: `${plural(mismatches.length, 'difference')}: ${shown.join('; ')}${mismatches.length > 10 ? '; …' : ''}` };
  }
  return [api, objects];
}

function userChecks(input: VerifyInput, state: OrgStateSnapshot, licences: readonly string[]): CheckResult[] {
  const { spec } = input;
  const username = usernameOf(spec);
  const user = state.user;
  if (!user) return [{ name: 'User is active on the profile', passed: false, detail: `no user ${username}` }];
  const profile = state.profile;
  const checks: CheckResult[] = [
    { name: 'User is active', passed: user.isActive, detail: `${username} IsActive=${String(user.isActive)}` },
    {
      name: 'User is on the profile',
      passed: profile !== undefined && sameId(user.profileId, profile.profileId),
      detail: `${username} on ${user.profileName ?? user.profileId} (${user.userLicense ?? 'unknown'} licence); want ${spec.profileName}`,
    },
  ];
  if (licences.length) {
    const held = new Set(user.permissionSetLicenseAssignments.map((a) => a.developerName));
    const missing = licences.filter((n) => !held.has(n));
    checks.push({
      name: 'User has its permission set licences',
      passed: missing.length === 0,
      detail: missing.length ? `not assigned: ${missing.join(', ')}` : `assigned: ${licences.join(', ')}`,
    });
  }
  const names = permissionSetsOf(input);
  if (names.length) {
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
