import type { OrgFacts } from '../../../src/deploy/types';
import { renderPlan, renderPlanMarkdown, renderStatus, renderStatusMarkdown, type PlanReport, type StatusReport } from '../../../src/plan';

const ORG: OrgFacts = { id: '00D000000000001AAA', name: 'Acme', edition: 'Enterprise Edition', isSandbox: false, instanceUrl: 'https://acme.example', target: 'prod', username: 'admin@acme.example' };

function planWith(objects: number): PlanReport {
  const changes = Array.from({ length: objects }, (_, i) => ({ kind: 'object' as const, object: `Object_${i}__c`, change: 'added' as const, flags: [{ flag: 'allowRead' as const, from: false, to: true }, { flag: 'allowEdit' as const, from: false, to: true }] }));
  return {
    org: ORG, profileName: 'API Only', pending: true, exitCode: 3, apiCalls: 11, readMs: 120, warnings: [],
    profile: { holder: { kind: 'profile', name: 'API Only' }, exists: true, changes, extras: [{ kind: 'userPermission', name: 'ViewSetup' }], readBackFalse: [] },
    user: { username: 'api@acme.example', action: 'update', changes: [{ field: 'Email', from: 'old@acme.example', to: 'new@acme.example' }], reactivate: false, permissionSetsToAssign: ['Vendor'], permissionSetLicensesToAssign: [], missingPermissionSets: [] },
    counts: { objects: { added: objects, raised: 0, lowered: 0, revoked: 0 }, fields: { added: 0, raised: 0, lowered: 0, revoked: 0 }, userPermissions: { added: 0, revoked: 0 }, extras: 1, user: 2 },
  };
}

describe('plan and status renderings', () => {
  it('Given 5,000 object changes, When rendered as Markdown, Then a summary table and collapsible details that fit a GitHub comment', () => {
    const md = renderPlanMarkdown(planWith(5000)).join('\n');
    expect(md).toContain('| Object permissions | 5000 | 0 | 0 | 0 |');
    expect(md).toContain('<details>');
    expect(md).toContain('… and 4600 more (run `apionly plan --json` for all)');
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain('user field Email');
    expect(md).toContain('assign permission set Vendor');
  });

  it('Given changes, When rendered as text, Then one line per change, the extras apart, and the exit code', () => {
    const text = renderPlan(planWith(2)).join('\n');
    expect(text).toContain('~ object Object_0__c: added (+Read +Edit)');
    expect(text).toContain('+ user permission ViewSetup');
    expect(text).toContain('Exit 3 (changes pending)');
  });

  it('Given drift, When rendered, Then each finding with its action, in text and in a Markdown table', () => {
    const r: StatusReport = {
      org: ORG, profileName: 'API Only', username: 'api@acme.example', healthy: false, exitCode: 4, apiCalls: 11, readMs: 90, warnings: [],
      findings: [
        { severity: 'drift', code: 'UserFrozen', message: 'User api@acme.example is frozen: it cannot log in.', action: 'Unfreeze it.', deployRepairs: false },
        { severity: 'info', code: 'NeverUsed', message: 'api@acme.example has never logged in.' },
      ],
    };
    expect(renderStatus(r).join('\n')).toMatch(/DRIFT UserFrozen: .*\n\s+→ Unfreeze it\./);
    const md = renderStatusMarkdown(r).join('\n');
    expect(md).toContain('| UserFrozen | User api@acme.example is frozen: it cannot log in. | Unfreeze it. |');
    expect(md).toContain('- api@acme.example has never logged in.');
  });
});
