import { renderDeployReport } from '../../../src/deploy/summary';
import type { DeployReport } from '../../../src/deploy/types';

const ORG = { id: '00D000000000001AAA', name: 'Acme', edition: 'Enterprise Edition', isSandbox: true, instanceUrl: 'https://acme.example', target: 'uat', username: 'admin@acme.example' };

describe('renderDeployReport (integration route)', () => {
  it('Given a failed licence check, When rendered, Then the move, every seat count, the error with its actions, and that nothing changed', () => {
    const report: DeployReport = {
      outcome: 'LicenseCheckFailed',
      exitCode: 1,
      dryRun: false,
      org: ORG,
      deploy: { status: 'NotRun', checkOnly: false, apiVersion: '66.0', components: [], failures: [] },
      licences: {
        passed: false,
        move: { fromProfile: 'API Only', fromLicence: 'Salesforce' },
        seats: [
          { licence: 'Salesforce Integration', kind: 'user licence', total: 5, used: 5, needed: 1 },
          { licence: 'SalesforceAPIIntegrationPsl', kind: 'permission set licence', total: 5, used: 1, needed: 1 },
        ],
        error: { code: 'LICENSE_LIMIT_EXCEEDED', message: 'Not enough seats', actions: ['Free a seat', 'Then rerun: x'] },
      },
      checks: [],
      rerun: 'npm run deploy -- --target-org uat',
      warnings: [],
    };
    expect(renderDeployReport(report).slice(1)).toEqual([
      'User moves from profile "API Only" (Salesforce licence) to the Integration licence and profile',
      'Seats: user licence Salesforce Integration: 5 of 5 used, this run takes 1',
      'Seats: permission set licence SalesforceAPIIntegrationPsl: 1 of 5 used, this run takes 1',
      '  Error (LICENSE_LIMIT_EXCEEDED): Not enough seats',
      '    Free a seat',
      '    Then rerun: x',
      'Deploy: (no id) NotRun, API 66.0',
      'Licence check failed: nothing was deployed or changed in the org.',
      'To finish the job, fix the cause above and rerun: npm run deploy -- --target-org uat',
    ]);
  });

  it('Given a dry run, When rendered, Then the licence and the set read "would be assigned", licence first', () => {
    const report: DeployReport = {
      outcome: 'DryRunSucceeded',
      exitCode: 0,
      dryRun: true,
      org: ORG,
      deploy: { status: 'Succeeded', checkOnly: true, apiVersion: '66.0', components: [], failures: [] },
      user: {
        username: 'api@acme.example', action: 'create', changes: [], reactivated: false, profileName: 'Minimum Access - API Only Integrations',
        permissionSetLicenses: [{ name: 'SalesforceAPIIntegrationPsl', action: 'assign', done: false }],
        permissionSets: [{ name: 'API_Only_Integration', action: 'assign', done: false }],
        passwordReset: 'not-requested', status: 'planned',
      },
      checks: [],
      warnings: [],
    };
    const lines = renderDeployReport(report);
    expect(lines.filter((l) => l.includes('would be assigned'))).toEqual([
      '  permission set licence SalesforceAPIIntegrationPsl: would be assigned',
      '  permission set API_Only_Integration: would be assigned',
    ]);
  });
});
