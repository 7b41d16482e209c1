/**
 * The user step's one executor: read the org's state, plan (pure, ./userPlan), then write what the plan says.
 * Reads are retried by the client; a create is never retried blindly: after an ambiguous failure we look the
 * record up again before anything else, so a rerun (or this run) never makes a duplicate.
 */
import { explainUserError, type Explained } from './messages';
import { OrgCallError, toOrgCallError, type OrgClient } from './orgClient';
import { describeError, scrubText } from './scrub';
import { INTEGRATION_PSL } from '../model/integrationRoute';
import { normalizeId, sameId, soqlString } from './soql';
import {
  assignmentQuery,
  licenseAssignmentQuery,
  permissionSetLicenseQuery,
  permissionSetQuery,
  planUser,
  profileQuery,
  userQuery,
  usernameOf,
  type SObjectRow,
  type UserPlan,
} from './userPlan';
import type { PermissionSetLine, ResetPasswordMode, UserReport, UserSpec } from './types';

export interface UserStepOptions {
  readonly dryRun: boolean;
  readonly resetPassword: ResetPasswordMode;
  readonly orgKey: string | undefined;
  /** The command that finishes the job after a failure. */
  readonly rerun: string;
  readonly secrets: readonly string[];
  /** Permission sets this deploy creates (integration route): a dry run before their first deploy does not find them. */
  readonly deployedPermissionSets?: readonly string[];
  /** Progress lines (stderr). */
  readonly log?: (line: string) => void;
}

export interface UserStepResult {
  readonly report: UserReport;
  readonly warnings: readonly string[];
}

/** A failure of the user step, already explained (code, message, actions). */
class UserStepFailure extends Error {
  constructor(readonly explained: Explained) {
    super(explained.message);
  }
}

interface OrgUserState {
  readonly profileId: string | undefined;
  readonly existing: SObjectRow | undefined;
  readonly permissionSetIds: Map<string, string>;
  readonly assigned: string[];
  readonly permissionSetLicenseIds: Map<string, string>;
  readonly assignedLicenses: string[];
}

async function readState(client: OrgClient, spec: UserSpec): Promise<OrgUserState> {
  const profiles = await client.query(profileQuery(spec.profileName));
  const profileId = typeof profiles[0]?.['Id'] === 'string' ? (profiles[0]['Id'] as string) : undefined;
  const users = await client.query(userQuery(spec));
  const existing = users[0];
  const userId = typeof existing?.['Id'] === 'string' ? existing['Id'] : undefined;
  const { permissionSetIds, assigned } = await readPermissionSets(client, spec.permissionSets, userId);
  const { permissionSetLicenseIds, assignedLicenses } = await readPermissionSetLicenses(client, spec.permissionSetLicenses ?? [], userId);
  return { profileId, existing, permissionSetIds, assigned, permissionSetLicenseIds, assignedLicenses };
}

/** How one kind of grant is read: the named records (name field → Id) and the user's assignments (the Id field they point by). */
interface GrantQueries {
  readonly named: (names: readonly string[]) => string;
  readonly nameField: string;
  readonly assignments: (userId: string) => string;
  readonly assignedIdField: string;
}

/**
 * The named permission sets (Name → Id) or permission set licences (DeveloperName → Id) the org has, and the Ids
 * assigned to the user; no query when none is named, and no assignment query without a user.
 */
async function readGrants(client: OrgClient, names: readonly string[], userId: string | undefined, q: GrantQueries): Promise<{ ids: Map<string, string>; assigned: string[] }> {
  const ids = new Map<string, string>();
  const assigned: string[] = [];
  if (!names.length) return { ids, assigned };
  for (const row of await client.query(q.named([...new Set(names)]))) {
    const name = row[q.nameField];
    if (typeof name === 'string' && typeof row['Id'] === 'string') ids.set(name, row['Id']);
  }
  if (userId !== undefined) {
    for (const row of await client.query(q.assignments(userId))) {
      const id = row[q.assignedIdField];
      if (typeof id === 'string') assigned.push(id);
    }
  }
  return { ids, assigned };
}

/** The named permission set licences (DeveloperName → Id) and the PermissionSetLicenseIds assigned to the user. */
export async function readPermissionSetLicenses(
  client: OrgClient,
  names: readonly string[],
  userId: string | undefined,
): Promise<{ permissionSetLicenseIds: Map<string, string>; assignedLicenses: string[] }> {
  const { ids, assigned } = await readGrants(client, names, userId, {
    named: permissionSetLicenseQuery, nameField: 'DeveloperName', assignments: licenseAssignmentQuery, assignedIdField: 'PermissionSetLicenseId',
  });
  return { permissionSetLicenseIds: ids, assignedLicenses: assigned };
}

/** The named permission sets the org has (Name → Id) and the PermissionSetIds assigned to the user. */
export async function readPermissionSets(
  client: OrgClient,
  names: readonly string[],
  userId: string | undefined,
): Promise<{ permissionSetIds: Map<string, string>; assigned: string[] }> {
  const { ids, assigned } = await readGrants(client, names, userId, { named: permissionSetQuery, nameField: 'Name', assignments: assignmentQuery, assignedIdField: 'PermissionSetId' });
  return { permissionSetIds: ids, assigned };
}

function plan(spec: UserSpec, state: OrgUserState, resetPassword: ResetPasswordMode): UserPlan {
  return planUser({
    spec,
    existing: state.existing,
    profileId: state.profileId,
    permissionSetIds: state.permissionSetIds,
    assignedPermissionSetIds: state.assigned,
    permissionSetLicenseIds: state.permissionSetLicenseIds,
    assignedPermissionSetLicenseIds: state.assignedLicenses,
    resetPassword,
  });
}

function reportOf(
  spec: UserSpec,
  p: UserPlan,
  status: UserReport['status'],
  extra: { id?: string | undefined; done?: ReadonlySet<string>; passwordReset?: UserReport['passwordReset']; error?: Explained } = {},
): UserReport {
  const id = extra.id ?? p.userId;
  const line = (kind: string) => (ps: UserPlan['permissionSets'][number]): PermissionSetLine => ({
    name: ps.name,
    action: ps.action,
    done: ps.action === 'already-assigned' || (extra.done?.has(`${kind}:${ps.name}`) ?? false),
  });
  const permissionSets = p.permissionSets.map(line('set'));
  return {
    username: p.username,
    ...(id ? { id } : {}),
    action: p.action,
    changes: p.changes,
    reactivated: p.reactivate,
    profileName: spec.profileName,
    permissionSets,
    ...(p.permissionSetLicenses.length ? { permissionSetLicenses: p.permissionSetLicenses.map(line('licence')) } : {}),
    passwordReset: extra.passwordReset ?? (p.resetPassword ? (status === 'planned' ? 'planned' : 'skipped') : 'not-requested'),
    status,
    ...(extra.error ? { error: { code: extra.error.code, message: extra.error.message, actions: extra.error.actions } } : {}),
  };
}

export async function runUserStep(client: OrgClient, spec: UserSpec, opts: UserStepOptions): Promise<UserStepResult> {
  const username = usernameOf(spec);
  const ctx = { username, orgKey: opts.orgKey, rerun: opts.rerun };
  const explain = (err: unknown): Explained => {
    if (err instanceof UserStepFailure) return err.explained;
    const { code, message } = describeError(toOrgCallError(err), opts.secrets);
    return explainUserError(code, message, ctx);
  };

  let state: OrgUserState;
  let userPlan: UserPlan;
  try {
    state = await readState(client, spec);
    userPlan = plan(spec, state, opts.resetPassword);
  } catch (err) {
    const error = explain(err);
    return { report: failedBeforePlan(spec, username, error), warnings: [] };
  }
  const warnings = [...userPlan.warnings];
  const missing = userPlan.missingPermissionSets.filter((n) => !(opts.dryRun && opts.deployedPermissionSets?.includes(n)));
  const missingLicenses = userPlan.missingPermissionSetLicenses;
  const missingError: Explained | undefined = missingLicenses.length
    ? explainUserError(
        'PERMISSION_SET_LICENSE_NOT_FOUND',
        `Permission set licence${missingLicenses.length > 1 ? 's' : ''} not found in the org: ${missingLicenses.join(', ')} (matched on PermissionSetLicense.DeveloperName).`,
        ctx,
      )
    : missing.length
      ? explainUserError(
          'PERMISSION_SET_NOT_FOUND',
          `Permission set${missing.length > 1 ? 's' : ''} not found in the org: ${missing.join(', ')} (matched on PermissionSet.Name, the API name).`,
          ctx,
        )
      : undefined;

  let blocked: Explained | undefined;
  try {
    blocked = missingError ? undefined : await integrationLicenceBlocksMove(client, spec, userPlan, ctx);
  } catch (err) {
    blocked = explain(err);
  }
  const planError = missingError ?? blocked;
  if (opts.dryRun) {
    return { report: reportOf(spec, userPlan, planError ? 'failed' : 'planned', planError ? { error: planError } : {}), warnings };
  }
  if (blocked) return { report: reportOf(spec, userPlan, 'failed', { error: blocked }), warnings };
  if (state.profileId === undefined) {
    const error = explainUserError('PROFILE_NOT_FOUND', `Profile ${JSON.stringify(spec.profileName)} was not found in the org after the deploy.`, ctx);
    return { report: reportOf(spec, userPlan, 'failed', { error }), warnings };
  }
  if (missingError) return { report: reportOf(spec, userPlan, 'failed', { error: missingError }), warnings };

  let userId = userPlan.userId;
  const done = new Set<string>();
  try {
    if (userPlan.action === 'create') {
      opts.log?.(`Creating user ${username}…`);
      try {
        userId = normalizeId(await client.create('User', userPlan.write));
      } catch (err) {
        const callError = toOrgCallError(err);
        if (!callError.ambiguous) throw callError;
        // We cannot tell whether the insert happened: look before doing anything else, never insert again blindly.
        opts.log?.('The user insert failed without a clear answer; looking the user up before going on…');
        const again = await readState(client, spec);
        if (!again.existing) {
          throw new UserStepFailure(
            explainUserError(
              callError.errorCode,
              `The user insert failed without a clear answer (${firstLine(describeError(callError, opts.secrets).message)}). ` +
                `Looking ${username} up again found no such user, so nothing was created, and the insert was not retried.`,
              ctx,
            ),
          );
        }
        userPlan = plan(spec, again, opts.resetPassword);
        // The insert did happen: treat the user as created by this run (for the reset-email transition too).
        userPlan = { ...userPlan, action: 'create', resetPassword: opts.resetPassword !== 'never' };
        userId = userPlan.userId;
        if (Object.keys(userPlan.write).length && userId) await client.update('User', userId, userPlan.write);
      }
    } else if (userPlan.action === 'update' && userId) {
      opts.log?.(`Updating user ${username}: ${Object.keys(userPlan.write).join(', ')}${userPlan.reactivate ? ' (reactivating)' : ''}…`);
      await client.update('User', userId, userPlan.write);
    }
    if (!userId) throw new OrgCallError('NO_ID_RETURNED', `no Id for user ${username}`, true);

    // The licences first: a permission set that needs one cannot be assigned before it (permission-model 7).
    for (const psl of userPlan.permissionSetLicenses) {
      if (psl.action !== 'assign' || !psl.id) continue;
      opts.log?.(`Assigning permission set licence ${psl.name}…`);
      await assign(client, 'PermissionSetLicenseAssign', userId, psl.id);
      done.add(`licence:${psl.name}`);
    }
    for (const ps of userPlan.permissionSets) {
      if (ps.action !== 'assign' || !ps.id) continue;
      opts.log?.(`Assigning permission set ${ps.name}…`);
      await assign(client, 'PermissionSetAssignment', userId, ps.id);
      done.add(`set:${ps.name}`);
    }

    let passwordReset: UserReport['passwordReset'] = 'not-requested';
    if (userPlan.resetPassword) {
      opts.log?.(`Asking Salesforce to email ${username} a password reset…`);
      try {
        await client.resetPassword(userId);
        passwordReset = 'sent';
      } catch (err) {
        const { code, message } = describeError(toOrgCallError(err), opts.secrets);
        throw new UserStepFailure({
          code,
          message: `The user is in place, but the password-reset email was not sent: ${message}`,
          actions: [`Rerun with --reset-password=always to ask again: ${opts.rerun} --reset-password=always`],
        });
      }
    }
    return { report: reportOf(spec, userPlan, 'done', { id: userId, done, passwordReset }), warnings };
  } catch (err) {
    const error = explain(err);
    return { report: reportOf(spec, userPlan, 'failed', { id: userId, done, error }), warnings };
  }
}

/**
 * Profile route, user moving off the Integration licence: Salesforce refuses the licence change while the user holds
 * the SalesforceAPIIntegrationPsl (and sets that need it), so name them with the manual steps before any write rather
 * than leave the user half moved. Undefined when the move can go ahead (or is no move).
 */
async function integrationLicenceBlocksMove(client: OrgClient, spec: UserSpec, p: UserPlan, ctx: { username: string; rerun: string }): Promise<Explained | undefined> {
  if (p.action !== 'update' || !p.userId || !p.changes.some((c) => c.field === 'ProfileId') || spec.permissionSetLicenses?.length) return undefined;
  const held = await client.query(
    `SELECT PermissionSetLicenseId, PermissionSetLicense.DeveloperName FROM PermissionSetLicenseAssign WHERE AssigneeId = ${soqlString(p.userId)}`,
  );
  const psl = held.find((r) => (r['PermissionSetLicense'] as { DeveloperName?: unknown } | null)?.DeveloperName === INTEGRATION_PSL);
  if (!psl) return undefined;
  const pslId = String(psl['PermissionSetLicenseId']);
  const sets = (await client.query(`SELECT PermissionSet.Name, PermissionSet.LicenseId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(p.userId)}`))
    .map((r) => r['PermissionSet'] as { Name?: unknown; LicenseId?: unknown } | null)
    .filter((ps) => typeof ps?.LicenseId === 'string' && sameId(ps.LicenseId, pslId))
    .map((ps) => String(ps?.Name));
  return {
    code: 'USER_CANNOT_MOVE',
    message:
      `${ctx.username} is on the Salesforce Integration licence and holds the ${INTEGRATION_PSL} permission set licence${sets.length ? ` and permission set${sets.length > 1 ? 's' : ''} ${sets.join(', ')} that need${sets.length > 1 ? '' : 's'} it` : ''}; ` +
      `Salesforce refuses moving the user to profile "${spec.profileName}" (another licence) while ${sets.length ? 'they are' : 'it is'} assigned. Nothing was changed.`,
    actions: [
      `In Setup > Users > ${ctx.username}: remove ${sets.length ? `the permission set assignment${sets.length > 1 ? 's' : ''} ${sets.join(', ')}, then ` : ''}the permission set licence assignment Salesforce API Integration.`,
      'Then rerun: ' + ctx.rerun + ' (it moves the user to the profile in one update). Or keep "route": "integration" in apionly.config.json.',
    ],
  };
}

/** Inserts a PermissionSetAssignment or PermissionSetLicenseAssign; after an ambiguous failure, looks before failing. */
async function assign(client: OrgClient, sobject: 'PermissionSetAssignment' | 'PermissionSetLicenseAssign', userId: string, targetId: string): Promise<void> {
  const [targetField, query] =
    sobject === 'PermissionSetAssignment' ? ['PermissionSetId', assignmentQuery(userId)] : ['PermissionSetLicenseId', licenseAssignmentQuery(userId)];
  try {
    await client.create(sobject, { AssigneeId: userId, [targetField]: targetId });
  } catch (err) {
    const callError = toOrgCallError(err);
    if (callError.errorCode === 'DUPLICATE_VALUE') return; // assigned meanwhile: the state we want
    if (!callError.ambiguous) throw callError;
    const rows = await client.query(query);
    if (rows.some((r) => typeof r[targetField] === 'string' && sameId(r[targetField], targetId))) return;
    throw callError;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}

function failedBeforePlan(spec: UserSpec, username: string, error: Explained): UserReport {
  return {
    username,
    action: 'none',
    changes: [],
    reactivated: false,
    profileName: spec.profileName,
    permissionSets: spec.permissionSets.map((name) => ({ name, action: 'assign', done: false })),
    ...(spec.permissionSetLicenses?.length ? { permissionSetLicenses: spec.permissionSetLicenses.map((name) => ({ name, action: 'assign' as const, done: false })) } : {}),
    passwordReset: 'not-requested',
    status: 'failed',
    error: { code: error.code, message: scrubText(error.message), actions: error.actions },
  };
}
