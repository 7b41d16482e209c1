/**
 * Pure views of (committed files, org snapshot): `planReport` (what a deploy would change) and `statusReport`
 * (is the integration user still what the files say). No IO.
 */
import type { ProfilePermissions } from '../deploy/profilePermissions';
import { sameId } from '../deploy/soql';
import type { OrgFacts, UserSpec } from '../deploy/types';
import { planUser, usernameOf } from '../deploy/userPlan';
import { powerfulPermission } from '../model';
import type { OrgStateSnapshot, PermissionHolding } from '../orgState';
import { diffProfile } from './diffProfile';
import type { ChangeKind, Finding, PlanCounts, PlanReport, ProfileDiff, StatusReport, UserDiff } from './types';

/** Exit codes of plan and status (README "Exit codes"); 1 and 2 keep their meaning (failure, bad input). */
export const PLAN_CHANGES_PENDING = 3;
export const STATUS_DRIFT = 4;

export interface AssessInput {
  /** Integration route: the committed file is this permission set (on the Minimum Access profile), not the profile. */
  readonly integration?: { readonly permissionSetName: string };
  readonly org: OrgFacts;
  readonly spec: UserSpec;
  readonly committed: ProfilePermissions;
  readonly state: OrgStateSnapshot;
  readonly orgKey?: string;
  readonly readMs: number;
  readonly warnings?: readonly string[];
}

export function diffUser(spec: UserSpec, state: OrgStateSnapshot): UserDiff {
  const user = state.user;
  const permissionSetIds = new Map<string, string>();
  for (const [name, ps] of state.permissionSets) permissionSetIds.set(name, ps.permissionSetId);
  const plan = planUser({
    spec,
    existing: user ? { ...user.fields, Id: user.id, IsActive: user.isActive, ProfileId: user.profileId } : undefined,
    profileId: state.profile?.profileId,
    permissionSetIds,
    assignedPermissionSetIds: user?.permissionSetAssignments.map((a) => a.permissionSetId) ?? [],
    resetPassword: 'never',
  });
  const moving = user !== undefined && (state.profile === undefined || !sameId(user.profileId, state.profile.profileId));
  return {
    username: plan.username,
    action: plan.action,
    changes: plan.changes,
    reactivate: plan.reactivate,
    ...(moving ? { profileMove: { from: user.profileName ?? user.profileId, to: spec.profileName } } : {}),
    permissionSetsToAssign: plan.permissionSets.filter((p) => p.action === 'assign').map((p) => p.name),
    permissionSetLicensesToAssign: [...new Set(spec.permissionSetLicenses ?? [])].filter((n) => !user?.permissionSetLicenseAssignments.some((a) => a.developerName === n)),
    missingPermissionSets: plan.missingPermissionSets,
  };
}

/** The committed file's counterpart in the org: the profile, or (integration route) the generated permission set. */
export function holdingOf(input: Pick<AssessInput, 'integration' | 'state' | 'spec'>): { holding: PermissionHolding | undefined; holder: { kind: 'profile' | 'permissionSet'; name: string } } {
  if (input.integration) {
    const name = input.integration.permissionSetName;
    return { holding: input.state.permissionSets.get(name), holder: { kind: 'permissionSet', name } };
  }
  return { holding: input.state.profile, holder: { kind: 'profile', name: input.spec.profileName } };
}

function countKinds(diff: ProfileDiff, kind: 'object' | 'field'): Record<ChangeKind, number> {
  const out: Record<ChangeKind, number> = { added: 0, raised: 0, lowered: 0, revoked: 0 };
  for (const c of diff.changes) if (c.kind === kind) out[c.change]++;
  return out;
}

export function planReport(input: AssessInput): PlanReport {
  const { holding, holder } = holdingOf(input);
  const profile = diffProfile(input.committed, holding, holder);
  const user = diffUser(input.spec, input.state);
  const userPermissions = { added: 0, revoked: 0 };
  for (const c of profile.changes) if (c.kind === 'userPermission') userPermissions[c.change]++;
  const userCount = user.changes.length + user.permissionSetsToAssign.length + user.permissionSetLicensesToAssign.length;
  const counts: PlanCounts = {
    objects: countKinds(profile, 'object'),
    fields: countKinds(profile, 'field'),
    userPermissions,
    extras: profile.extras.length,
    user: userCount,
  };
  const pending = !profile.exists || profile.changes.length > 0 || user.action !== 'none' || user.permissionSetsToAssign.length > 0 || user.permissionSetLicensesToAssign.length > 0;
  return {
    org: input.org,
    profileName: input.spec.profileName,
    ...(input.orgKey ? { orgKey: input.orgKey } : {}),
    profile,
    user,
    pending,
    exitCode: pending ? PLAN_CHANGES_PENDING : 0,
    counts,
    apiCalls: input.state.apiCalls,
    readMs: input.readMs,
    warnings: [
      ...(input.warnings ?? []),
      ...user.missingPermissionSets.map((n) => `Permission set ${n} (named in the config) does not exist in the org: the deploy's user step will fail on it.`),
    ],
  };
}

const DEPLOY = 'run `apionly deploy --target-org <org>`';

export function statusReport(input: AssessInput): StatusReport {
  const { spec, state, committed } = input;
  const username = usernameOf(spec);
  const findings: Finding[] = [];
  const drift = (code: string, message: string, action: string, deployRepairs: boolean): void => {
    findings.push({ severity: 'drift', code, message, action, deployRepairs });
  };
  const { holding, holder } = holdingOf(input);
  const what = holder.kind === 'profile' ? `Profile "${holder.name}"` : `Permission set ${holder.name}`;
  if (!holding) {
    drift(holder.kind === 'profile' ? 'ProfileMissing' : 'PermissionSetMissing', `${what} does not exist in the org.`, `Deploy it: ${DEPLOY}.`, true);
  } else {
    for (const name of ['ApiUserOnly', 'ApiEnabled']) {
      if (committed.userPermissions.get(name) === true && holding.userPermissions.get(name) !== true) {
        drift(name === 'ApiUserOnly' ? 'ProfileNotApiOnly' : 'ProfileApiDisabled', `${what} has ${name} off (committed: on).`, `Deploy to turn it back on: ${DEPLOY}.`, true);
      }
    }
    // Drift on the grants is what the plan would raise (a deploy overlays: what the org has beyond the file is not drift).
    for (const c of diffProfile(committed, holding, holder).changes) {
      if (c.kind === 'object') {
        const lower = c.flags.filter((f) => f.to).map((f) => f.flag);
        if (lower.length) {
          drift('ObjectPermissionLowered', `${c.object}: ${lower.join(', ')} ${lower.length === 1 ? 'is' : 'are'} off in the org (committed: on).`, `Deploy restores them: ${DEPLOY}.`, true);
        }
      } else if (c.kind === 'field') {
        if (c.change === 'added' || c.change === 'raised') drift('FieldPermissionLowered', `${c.field}: ${c.from} in the org (committed: ${c.to}).`, `Deploy restores it: ${DEPLOY}.`, true);
      } else if (c.change === 'added' && c.name !== 'ApiUserOnly' && c.name !== 'ApiEnabled') {
        drift('UserPermissionRevoked', `${what} has ${c.name} off (committed: on).`, `Deploy restores it: ${DEPLOY}.`, true);
      }
    }
  }
  const profile = state.profile;
  const user = state.user;
  if (!user) {
    drift('UserMissing', `User ${username} does not exist in the org.`, `Create it: ${DEPLOY}.`, true);
  } else {
    if (!user.isActive) drift('UserInactive', `User ${username} is deactivated.`, `Reactivate it: ${DEPLOY} (it reactivates the user).`, true);
    if (user.isFrozen) {
      drift('UserFrozen', `User ${username} is frozen: it cannot log in.`,
        'If nobody froze it on purpose, unfreeze it in Setup → Users (Unfreeze), or PATCH its UserLogin record with {"IsFrozen": false}. apionly deploy never unfreezes.', false);
    }
    if (user.isPasswordLocked) {
      drift('UserPasswordLocked', `User ${username} is locked out (too many failed logins).`, 'Unlock it in Setup → Users (Unlock), or PATCH its UserLogin record with {"IsPasswordLocked": false}.', false);
    }
    if (profile && !sameId(user.profileId, profile.profileId)) {
      drift('UserOnOtherProfile', `User ${username} is on profile "${user.profileName ?? user.profileId}", not "${spec.profileName}".`, `Move it back: ${DEPLOY}.`, true);
    }
    const assigned = new Set(user.permissionSetAssignments.map((a) => a.name));
    for (const name of new Set(spec.permissionSets)) {
      if (!state.permissionSets.has(name)) {
        if (name === input.integration?.permissionSetName) continue; // reported above, as the committed file's set
        drift('PermissionSetMissing', `Permission set ${name} (named in the config) does not exist in the org.`, 'Deploy the permission set first (it is not generated by apionly), then deploy.', false);
      } else if (!assigned.has(name)) drift('PermissionSetUnassigned', `Permission set ${name} is not assigned to ${username}.`, `Assign it: ${DEPLOY}.`, true);
    }
    for (const name of new Set(spec.permissionSetLicenses ?? [])) {
      if (!user.permissionSetLicenseAssignments.some((a) => a.developerName === name)) {
        drift('PermissionSetLicenseUnassigned', `Permission set licence ${name} is not assigned to ${username}.`, `Assign it: ${DEPLOY} (it assigns licences before sets).`, true);
      }
    }
    const configSets = new Set(spec.permissionSets);
    for (const grant of user.powerful) {
      const unexpected = grant.via.filter((v) =>
        (v.route === 'profile' ? input.integration !== undefined || committed.userPermissions.get(grant.permission) !== true : !configSets.has(v.name)));
      if (!unexpected.length) continue;
      const p = powerfulPermission(grant.permission);
      const routes = unexpected.map((v) => `${v.route === 'profile' ? 'profile' : v.route === 'permissionSetGroup' ? 'permission set group' : 'permission set'} ${v.name}`).join(', ');
      const viaProfile = unexpected.some((v) => v.route === 'profile');
      drift('PowerfulPermission', `${p?.label ?? grant.permission} reaches ${username} through ${routes}, which the config does not grant (${p?.risk ?? 'a powerful permission'}).`,
        viaProfile
          ? `Revoke it on the profile: set "${grant.permission}": false under profile.userPermissions in apionly.config.json, run \`npm run generate\`, then deploy.${unexpected.length > 1 ? ' Also remove the permission set assignments named.' : ''}`
          : `Remove the assignment (Setup → Users → ${username} → Permission Set Assignments), or add the set to user.permissionSets in the config if it is intended.`,
        false);
    }
    findings.push({
      severity: 'info',
      code: user.lastLoginDate ? 'LastLogin' : 'NeverUsed',
      message: user.lastLoginDate ? `${username} last logged in at ${user.lastLoginDate}.` : `${username} has never logged in (no integration has used it yet).`,
    });
  }
  const healthy = !findings.some((f) => f.severity === 'drift');
  return {
    org: input.org,
    profileName: spec.profileName,
    username,
    ...(input.orgKey ? { orgKey: input.orgKey } : {}),
    healthy,
    exitCode: healthy ? 0 : STATUS_DRIFT,
    findings,
    apiCalls: state.apiCalls,
    readMs: input.readMs,
    warnings: [...(input.warnings ?? [])],
  };
}
