/** The human summary of a DeployReport (pure): org facts, deploy id, components, user action, checks, next step. */
import { describeOrg } from './deploy';
import type { DeployReport, FieldChange } from './types';

const OUTCOME_TITLE: Record<DeployReport['outcome'], string> = {
  Succeeded: 'Deployed and verified.',
  DryRunSucceeded: 'Dry run: the deploy validates; nothing was written to the org.',
  DeployFailed: 'Deploy failed: nothing was changed in the org (rollbackOnError).',
  DeployTimedOut: 'Deploy still running when --wait ran out.',
  UserStepFailed: 'The metadata deployed, but the user step failed.',
  VerificationFailed: 'Deployed, but reading back found differences.',
  AppStepFailed: 'The metadata and the user are done, but the External Client App did not deploy.',
  LicenseCheckFailed: 'Licence check failed: nothing was deployed or changed in the org.',
};

export function renderDeployReport(report: DeployReport): string[] {
  const lines: string[] = [];
  lines.push(describeOrg(report.org));
  if (report.orgKey) lines.push(`Config org key: ${report.orgKey}`);
  const lic = report.licences;
  if (lic) {
    if (lic.move) lines.push(`User moves from profile "${lic.move.fromProfile}" (${lic.move.fromLicence} licence) to the Integration licence and profile`);
    for (const s of lic.seats) lines.push(`Seats: ${s.kind} ${s.licence}: ${s.used} of ${s.total} used, this run takes ${s.needed}`);
    if (lic.error) {
      lines.push(`  Error (${lic.error.code}): ${lic.error.message}`);
      for (const a of lic.error.actions) lines.push(`    ${a}`);
    }
  }
  const dep = report.deploy;
  lines.push(`Deploy${dep.checkOnly ? ' (checkOnly)' : ''}: ${dep.id ?? '(no id)'} ${dep.status}, API ${dep.apiVersion}`);
  for (const c of dep.components) lines.push(`  ${c.type} ${c.fullName}: ${c.state}${c.filePath ? ` (${c.filePath})` : ''}`);
  for (const f of dep.failures) {
    const where = f.filePath ? `${f.filePath}${f.lineNumber !== undefined ? `:${f.lineNumber}${f.columnNumber !== undefined ? `:${f.columnNumber}` : ''}` : ''}` : `${f.type} ${f.fullName}`;
    lines.push(`  FAILED ${where}: ${f.problem}`);
  }
  if (dep.error && dep.status !== 'TimedOut') lines.push(`  Error (${dep.error.code}): ${dep.error.message}`);
  if (dep.followCommand) lines.push(`  Follow it with: ${dep.followCommand}`);

  const user = report.user;
  if (user) {
    lines.push(`User ${user.username}${user.id ? ` (${user.id})` : ''}: ${userVerb(user, report.dryRun)}`);
    for (const c of user.changes) lines.push(`  ${formatChange(c)}`);
    for (const psl of user.permissionSetLicenses ?? []) {
      const state = psl.action === 'already-assigned' ? 'already assigned' : psl.done ? 'assigned' : report.dryRun ? 'would be assigned' : 'not assigned';
      lines.push(`  permission set licence ${psl.name}: ${state}`);
    }
    for (const ps of user.permissionSets) {
      const state = ps.action === 'already-assigned' ? 'already assigned' : ps.done ? 'assigned' : report.dryRun ? 'would be assigned' : 'not assigned';
      lines.push(`  permission set ${ps.name}: ${state}`);
    }
    if (user.passwordReset === 'sent') lines.push('  password-reset email sent by Salesforce (no password is set, printed or stored)');
    if (user.passwordReset === 'planned') lines.push('  a password-reset email would be sent');
    if (user.error) {
      lines.push(`  Error (${user.error.code}): ${user.error.message}`);
      for (const a of user.error.actions) lines.push(`    ${a}`);
    }
  }
  const app = report.app;
  if (app) {
    const verb = { deployed: 'deployed', validated: 'validates (checkOnly)', skipped: 'not deployed or validated', failed: 'FAILED' }[app.status];
    lines.push(`External Client App ${app.name} (run as ${app.runAsUsername}): ${verb}${app.deploy?.id ? ` (deploy ${app.deploy.id})` : ''}`);
    if (app.detail) lines.push(`  ${app.detail}`);
    for (const c of app.deploy?.components ?? []) lines.push(`  ${c.type} ${c.fullName}: ${c.state}${c.filePath ? ` (${c.filePath})` : ''}`);
    for (const f of app.deploy?.failures ?? []) lines.push(`  FAILED ${f.filePath ?? `${f.type} ${f.fullName}`}: ${f.problem}`);
    if (app.deploy?.error) lines.push(`  Error (${app.deploy.error.code}): ${app.deploy.error.message}`);
    if (app.status === 'deployed' || app.status === 'validated') for (const line of app.credentials) lines.push(`  ${line}`);
  }
  if (report.checks.length) {
    lines.push('Checks:');
    for (const c of report.checks) lines.push(`  ${c.passed ? 'PASS' : 'FAIL'} ${c.name}: ${c.detail}`);
  }
  // "Nothing was changed" holds for a deploy that ended, or never started; not for one whose status check failed.
  const unknownEnd = report.outcome === 'DeployFailed' && dep.status === 'Error' && dep.id !== undefined;
  lines.push(unknownEnd ? 'Deploy status unknown: the org accepted it, then checking on it failed; follow it before rerunning.' : OUTCOME_TITLE[report.outcome]);
  if (report.rerun && report.outcome !== 'DeployTimedOut') lines.push(`To finish the job, fix the cause above and rerun: ${report.rerun}`);
  return lines;
}

function userVerb(user: NonNullable<DeployReport['user']>, dryRun: boolean): string {
  const reactivated = user.reactivated ? ', reactivated' : '';
  if (user.status === 'planned' || dryRun) {
    return { create: 'would be created', update: `would be updated${user.reactivated ? ' and reactivated' : ''}`, none: 'no change' }[user.action];
  }
  if (user.status === 'failed') {
    if (user.action === 'create') return user.id ? 'created, but the user step did not finish' : 'not created (the step failed)';
    if (user.action === 'update') return `update${user.reactivated ? ' and reactivation' : ''} not finished (the step failed)`;
    return 'no field change; the user step failed';
  }
  return { create: 'created', update: `updated${reactivated}`, none: 'no change' }[user.action];
}

function formatChange(c: FieldChange): string {
  const show = (v: string | boolean | null): string => (v === null ? '(none)' : typeof v === 'string' ? JSON.stringify(v) : String(v));
  return c.from === null ? `${c.field} = ${show(c.to)}` : `${c.field}: ${show(c.from)} → ${show(c.to)}`;
}
