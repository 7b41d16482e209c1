/**
 * The integration route's check before anything changes in the org (salesforce-facts e; permission-model 5, 7):
 * - the org has the Salesforce Integration user licence and every permission set licence the user needs;
 * - a seat is free where the run takes one: the user licence when the user is created, reactivated or moved onto it,
 *   each permission set licence the user does not hold yet;
 * - a user already on another licence (the profile route) can move: the platform refuses a licence change while the
 *   user holds permission sets of the old licence, so those are named with the manual steps instead of a half move.
 * Reads only; the plan it returns is pure data (`planLicenceCheck`), the reads are `readLicenceState`.
 * Its own queries, not the org-state reader's: it needs seat counts (UserLicense, PermissionSetLicense Total/Used) and
 * each assigned set's LicenseId, which the reader does not carry, and reading through it would add two describes and the
 * holder/user-permission queries to a pre-flight check that needs none of them.
 */
import type { Explained } from './messages';
import type { OrgClient } from './orgClient';
import { sameId, soqlString } from './soql';
import { licenseAssignmentQuery, permissionSetLicenseQuery, type SObjectRow } from './userPlan';
import type { UserSpec } from './types';

export interface SeatLine {
  readonly licence: string;
  readonly kind: 'user licence' | 'permission set licence';
  readonly total: number;
  readonly used: number;
  /** Seats this run takes (0 or 1). */
  readonly needed: number;
}

export interface LicenceCheckReport {
  readonly seats: readonly SeatLine[];
  /** The user's current profile and licence when this run moves it onto the Integration licence. */
  readonly move?: { readonly fromProfile: string; readonly fromLicence: string };
  readonly passed: boolean;
  readonly error?: Explained;
}

export interface LicenceState {
  readonly userLicence: SObjectRow | undefined;
  readonly permissionSetLicences: readonly SObjectRow[];
  /** DeveloperNames of every permission set licence the org has (for the message when one is missing). */
  readonly orgPermissionSetLicences: readonly string[];
  readonly user: SObjectRow | undefined;
  readonly userLicenceAssigns: readonly string[];
  /** The user's assigned (non-profile) permission sets: Name and the licence (UserLicense or PSL) Id. */
  readonly userPermissionSets: ReadonlyArray<{ readonly name: string; readonly licenseId: string | undefined }>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
const nested = (row: SObjectRow | undefined, ...path: string[]): unknown => {
  let cur: unknown = row;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
};

export async function readLicenceState(client: OrgClient, spec: UserSpec, userLicenceName: string): Promise<LicenceState> {
  const [userLicence] = await client.query(`SELECT Id, Name, TotalLicenses, UsedLicenses FROM UserLicense WHERE Name = ${soqlString(userLicenceName)}`);
  const names = [...new Set(spec.permissionSetLicenses ?? [])];
  const permissionSetLicences = names.length
    ? await client.query(permissionSetLicenseQuery(names))
    : [];
  const orgPermissionSetLicences =
    permissionSetLicences.length < names.length
      ? (await client.query('SELECT DeveloperName FROM PermissionSetLicense')).map((r) => str(r['DeveloperName'])).filter((n): n is string => n !== undefined)
      : [];
  const [user] = await client.query(
    `SELECT Id, IsActive, ProfileId, Profile.Name, Profile.UserLicense.Name FROM User WHERE Username = ${soqlString(String(spec.fields['Username']))}`,
  );
  const userId = str(user?.['Id']);
  const userLicenceAssigns = userId
    ? (await client.query(licenseAssignmentQuery(userId)))
        .map((r) => str(r['PermissionSetLicenseId']))
        .filter((id): id is string => id !== undefined)
    : [];
  const userPermissionSets = userId
    ? (await client.query(`SELECT PermissionSet.Name, PermissionSet.LicenseId, PermissionSet.IsOwnedByProfile FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(userId)}`))
        .filter((r) => nested(r, 'PermissionSet', 'IsOwnedByProfile') !== true)
        .map((r) => ({ name: String(nested(r, 'PermissionSet', 'Name')), licenseId: str(nested(r, 'PermissionSet', 'LicenseId')) }))
    : [];
  return { userLicence, permissionSetLicences, orgPermissionSetLicences, user, userLicenceAssigns, userPermissionSets };
}

/** Pure: what the run needs from the licences, and whether the org has it. */
export function planLicenceCheck(spec: UserSpec, userLicenceName: string, state: LicenceState, ctx: { readonly rerun: string }): LicenceCheckReport {
  if (!state.userLicence) {
    return {
      seats: [],
      passed: false,
      error: {
        code: 'USER_LICENSE_NOT_FOUND',
        message: `The org has no "${userLicenceName}" user licence. Salesforce gives it to Enterprise, Unlimited, Performance and Developer Editions.`,
        actions: ['Use the profile route instead: set "route": "profile" in apionly.config.json, run `npm run generate`, commit, then rerun: ' + ctx.rerun],
      },
    };
  }
  const wanted = [...new Set(spec.permissionSetLicenses ?? [])];
  const found = new Map(state.permissionSetLicences.map((r) => [String(r['DeveloperName']), r]));
  const missing = wanted.filter((n) => !found.has(n));
  if (missing.length) {
    return {
      seats: [],
      passed: false,
      error: {
        code: 'PERMISSION_SET_LICENSE_NOT_FOUND',
        message:
          `The org has no permission set licence ${missing.join(', ')} (matched on PermissionSetLicense.DeveloperName). ` +
          `It has: ${state.orgPermissionSetLicences.join(', ') || 'none'}.`,
        actions: [
          'Fix "permissionSet.license" in apionly.config.json (the Integration licence\'s is SalesforceAPIIntegrationPsl), run `npm run generate`, commit, then rerun: ' + ctx.rerun,
        ],
      },
    };
  }

  const user = state.user;
  const currentLicence = str(nested(user, 'Profile', 'UserLicense', 'Name'));
  const onLicence = user !== undefined && currentLicence === userLicenceName;
  const takesUserSeat = user === undefined || !onLicence || user['IsActive'] !== true;
  const seats: SeatLine[] = [
    { licence: userLicenceName, kind: 'user licence', total: num(state.userLicence['TotalLicenses']), used: num(state.userLicence['UsedLicenses']), needed: takesUserSeat ? 1 : 0 },
  ];
  for (const name of wanted) {
    const row = found.get(name) as SObjectRow;
    const held = state.userLicenceAssigns.some((id) => sameId(id, str(row['Id'])));
    seats.push({ licence: name, kind: 'permission set licence', total: num(row['TotalLicenses']), used: num(row['UsedLicenses']), needed: held ? 0 : 1 });
  }
  const move = user !== undefined && !onLicence ? { fromProfile: String(nested(user, 'Profile', 'Name') ?? user['ProfileId']), fromLicence: currentLicence ?? '(unknown)' } : undefined;

  const short = seats.filter((s) => s.needed > 0 && s.total - s.used < s.needed);
  if (short.length) {
    return {
      seats,
      ...(move ? { move } : {}),
      passed: false,
      error: {
        code: 'LICENSE_LIMIT_EXCEEDED',
        message:
          `Not enough seats, so nothing was changed: ${short.map((s) => `${s.kind} ${s.licence} has ${s.used} of ${s.total} seats used (this run needs ${s.needed} more)`).join('; ')}.`,
        actions: [
          'Free a seat (Setup > Users: deactivate an integration user nobody uses; Setup > Company Information lists the licences and permission set licences), or ask Salesforce for more.',
          'Then rerun: ' + ctx.rerun,
        ],
      },
    };
  }

  if (move) {
    // A licence change is refused while the user holds permission sets of another user licence (permission-model 1).
    const licenceId = str(state.userLicence['Id']);
    const pslIds = state.permissionSetLicences.map((r) => str(r['Id']));
    const blocking = state.userPermissionSets.filter(
      (ps) => ps.licenseId !== undefined && ps.licenseId.startsWith('100') && !sameId(ps.licenseId, licenceId) && !pslIds.some((id) => sameId(id, ps.licenseId)),
    );
    if (blocking.length) {
      const names = blocking.map((b) => b.name);
      return {
        seats,
        move,
        passed: false,
        error: {
          code: 'USER_CANNOT_MOVE',
          message:
            `${String(spec.fields['Username'])} is on profile "${move.fromProfile}" (${move.fromLicence} licence) and holds permission set${names.length > 1 ? 's' : ''} ` +
            `${names.join(', ')} of that licence, which a ${userLicenceName} user cannot hold; Salesforce refuses the licence change while ${names.length > 1 ? 'they are' : 'it is'} assigned. Nothing was changed.`,
          actions: [
            `In Setup > Users > ${String(spec.fields['Username'])} > Permission Set Assignments, remove ${names.join(', ')} (or remove ${names.length > 1 ? 'them' : 'it'} from user.permissionSets in apionly.config.json first if apionly assigned ${names.length > 1 ? 'them' : 'it'}).`,
            'Then rerun: ' + ctx.rerun + ' (it moves the user to the Integration licence and profile in one update, then assigns the permission set licence and the permission set).',
          ],
        },
      };
    }
  }
  return { seats, ...(move ? { move } : {}), passed: true };
}

/** Reads, then plans; a read failure is a failed check with the platform's code. */
export async function checkLicences(client: OrgClient, spec: UserSpec, userLicenceName: string, ctx: { readonly rerun: string; readonly describe: (err: unknown) => { code: string; message: string } }): Promise<LicenceCheckReport> {
  let state: LicenceState;
  try {
    state = await readLicenceState(client, spec, userLicenceName);
  } catch (err) {
    const { code, message } = ctx.describe(err);
    return { seats: [], passed: false, error: { code, message: `Could not read the org's licences: ${message}`, actions: ['Check that the deploying user can read users and licences (View Setup and Configuration), then rerun: ' + ctx.rerun] } };
  }
  return planLicenceCheck(spec, userLicenceName, state, ctx);
}
