/**
 * Renderings of the plan and status reports: plain text for a terminal, and Markdown for a pull-request comment
 * (a compact summary table, then collapsible <details> per section; long lists are cut with a note so the comment
 * stays under GitHub's 65,536-character limit even for thousands of objects).
 */
import { describeOrg } from '../deploy/deploy';
import type { OrgObjectFlags } from '../model';
import type { Finding, FlagChange, OverlayExtra, PlanReport, ProfileChange, StatusReport } from './types';

const FLAG_LABEL: Readonly<Record<keyof OrgObjectFlags, string>> = {
  allowRead: 'Read', allowCreate: 'Create', allowEdit: 'Edit', allowDelete: 'Delete', viewAllRecords: 'View All', modifyAllRecords: 'Modify All', viewAllFields: 'View All Fields',
};

function flagText(f: FlagChange): string {
  return `${f.to ? '+' : '-'}${FLAG_LABEL[f.flag]}`;
}

export function changeLine(c: ProfileChange): string {
  switch (c.kind) {
    case 'object':
      return `object ${c.object}: ${c.change} (${c.flags.map(flagText).join(' ')})`;
    case 'field':
      return `field ${c.field}: ${c.change} (${c.from} → ${c.to})`;
    case 'userPermission':
      return `user permission ${c.name}: ${c.change}`;
  }
}

export function extraLine(e: OverlayExtra): string {
  switch (e.kind) {
    case 'object':
      return `object ${e.object}: ${e.flags.map((f) => FLAG_LABEL[f]).join(', ')}`;
    case 'field':
      return `field ${e.field}: ${e.access}`;
    case 'userPermission':
      return `user permission ${e.name}`;
  }
}

function userLines(r: PlanReport): string[] {
  const u = r.user;
  const out: string[] = [];
  if (u.action === 'create') out.push(`create user ${u.username} on profile "${r.profileName}"`);
  if (u.reactivate) out.push(`reactivate user ${u.username}`);
  if (u.profileMove) out.push(`move user ${u.username} from profile "${u.profileMove.from}" to "${u.profileMove.to}"`);
  if (u.action === 'update') {
    for (const c of u.changes) {
      if (c.field === 'IsActive' || c.field === 'ProfileId') continue;
      out.push(`user field ${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
    }
  }
  for (const n of u.permissionSetLicensesToAssign) out.push(`assign permission set licence ${n}`);
  for (const n of u.permissionSetsToAssign) out.push(`assign permission set ${n}`);
  return out;
}

function holderText(r: PlanReport): string {
  return r.profile.holder.kind === 'profile' ? `profile "${r.profile.holder.name || r.profileName}"` : `permission set ${r.profile.holder.name}`;
}

export function renderPlan(r: PlanReport): string[] {
  const lines = [describeOrg(r.org), ''];
  const holder = holderText(r);
  if (!r.profile.exists) lines.push(`${holder} does not exist in the org: deploy creates it.`);
  const changes = r.profile.changes.map(changeLine);
  const user = userLines(r);
  if (!r.pending) lines.push(`No changes: deploying would change nothing in ${holder} or user ${r.user.username}.`);
  else {
    lines.push(`Deploy would change ${changes.length + user.length} thing${changes.length + user.length === 1 ? '' : 's'}:`);
    for (const l of [...changes, ...user]) lines.push(`  ~ ${l}`);
  }
  if (r.profile.extras.length) {
    lines.push('', `The org grants ${r.profile.extras.length} thing${r.profile.extras.length === 1 ? '' : 's'} the committed ${r.profile.holder.kind === 'profile' ? 'profile' : 'permission set'} does not mention (a deploy overlays, so it leaves them in place; write false in the config to revoke):`);
    for (const e of r.profile.extras) lines.push(`  + ${extraLine(e)}`);
  }
  if (r.profile.readBackFalse.length) lines.push('', `View All / Modify All always read back false on ${r.profile.readBackFalse.join(', ')} (not a change).`);
  lines.push('', `Read in ${r.readMs} ms with ${r.apiCalls} API calls. Exit ${r.exitCode}${r.pending ? ' (changes pending)' : ''}.`);
  return lines;
}

const MAX_DETAIL_LINES = 400;

function details(summary: string, items: readonly string[]): string[] {
  if (!items.length) return [];
  const shown = items.slice(0, MAX_DETAIL_LINES).map((l) => `- ${escapeMd(l)}`);
  if (items.length > MAX_DETAIL_LINES) shown.push(`- … and ${items.length - MAX_DETAIL_LINES} more (run \`apionly plan --json\` for all)`);
  return ['<details>', `<summary>${escapeHtml(summary)}</summary>`, '', ...shown, '', '</details>', ''];
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]|<>])/g, '\\$1');
}
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderPlanMarkdown(r: PlanReport): string[] {
  const c = r.counts;
  const org = `${escapeMd(r.org.name)} (${r.org.isSandbox ? 'sandbox' : 'production'})`;
  const head = r.pending
    ? `### apionly plan: changes pending for ${org}`
    : `### apionly plan: no changes for ${org}`;
  const row = (what: string, k: Record<string, number>): string => `| ${what} | ${k['added'] ?? 0} | ${k['raised'] ?? '–'} | ${k['lowered'] ?? '–'} | ${k['revoked'] ?? 0} |`;
  const lines = [
    head,
    '',
    `${r.profile.holder.kind === 'profile' ? 'Profile' : 'Permission set'} **${escapeMd(r.profile.holder.name || r.profileName)}**${r.profile.exists ? '' : ' (new: the deploy creates it)'}, user **${escapeMd(r.user.username)}**.`,
    '',
    '| | added | raised | lowered | revoked |',
    '|---|---:|---:|---:|---:|',
    row('Object permissions', c.objects),
    row('Field permissions', c.fields),
    row('User permissions', c.userPermissions),
    '',
    `User: ${!userLines(r).length ? 'no change' : escapeMd(userLines(r).join('; '))}. Overlay extras (left in place): ${c.extras}.`,
    '',
  ];
  const byKind = (kind: ProfileChange['kind']): string[] => r.profile.changes.filter((x) => x.kind === kind).map(changeLine);
  lines.push(...details(`Object permission changes (${byKind('object').length})`, byKind('object')));
  lines.push(...details(`Field permission changes (${byKind('field').length})`, byKind('field')));
  lines.push(...details(`User permission changes (${byKind('userPermission').length})`, byKind('userPermission')));
  lines.push(...details(`Granted in the org beyond the committed files (${r.profile.extras.length}; a deploy leaves them)`, r.profile.extras.map(extraLine)));
  for (const w of r.warnings) lines.push(`> ⚠️ ${escapeMd(w)}`);
  lines.push(`<sub>${r.apiCalls} API calls, ${r.readMs} ms. Exit ${r.exitCode}.</sub>`);
  return lines;
}

function findingLine(f: Finding): string {
  return `${f.severity === 'drift' ? 'DRIFT' : 'info '} ${f.code}: ${f.message}${f.action ? `\n        → ${f.action}` : ''}`;
}

export function renderStatus(r: StatusReport): string[] {
  const lines = [describeOrg(r.org), ''];
  lines.push(r.healthy
    ? `Healthy: ${r.username} is active on profile "${r.profileName}", which matches the committed files.`
    : `Drift: ${r.findings.filter((f) => f.severity === 'drift').length} finding(s) for ${r.username} / profile "${r.profileName}":`);
  for (const f of r.findings) lines.push(`  ${findingLine(f)}`);
  lines.push('', `Read in ${r.readMs} ms with ${r.apiCalls} API calls. Exit ${r.exitCode}${r.healthy ? '' : ' (drift)'}.`);
  return lines;
}

export function renderStatusMarkdown(r: StatusReport): string[] {
  const drift = r.findings.filter((f) => f.severity === 'drift');
  const lines = [
    `### apionly status: ${r.healthy ? 'healthy' : `${drift.length} drift finding${drift.length === 1 ? '' : 's'}`} in ${escapeMd(r.org.name)}`,
    '',
    `User **${escapeMd(r.username)}**, profile **${escapeMd(r.profileName)}**.`,
    '',
  ];
  if (drift.length) {
    lines.push('| Finding | What | What to do |', '|---|---|---|');
    for (const f of drift.slice(0, MAX_DETAIL_LINES)) lines.push(`| ${f.code} | ${escapeMd(f.message)} | ${escapeMd(f.action ?? '')} |`);
    if (drift.length > MAX_DETAIL_LINES) lines.push(`| … | ${drift.length - MAX_DETAIL_LINES} more | run \`apionly status --json\` |`);
    lines.push('');
  }
  for (const f of r.findings.filter((x) => x.severity === 'info')) lines.push(`- ${escapeMd(f.message)}`);
  lines.push('', `<sub>${r.apiCalls} API calls, ${r.readMs} ms. Exit ${r.exitCode}.</sub>`);
  return lines;
}
