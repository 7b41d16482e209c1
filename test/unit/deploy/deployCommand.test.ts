import { run } from '../../../src/cli/index';
import { checkDeployArgs, deployOutcome, toDeployOptions } from '../../../src/cli/commands/deploy';
import { UsageError } from '../../../src/errors';
import type { DeployOptions, DeployReport } from '../../../src/deploy/types';
import { renderDeployReport } from '../../../src/deploy/summary';
import { memoryIo, type MemoryIo } from '../../helpers/memoryIo';

const TOKEN = '00D000000000001!SECRET.token.value';

const report: DeployReport = {
  outcome: 'UserStepFailed',
  exitCode: 68,
  dryRun: false,
  org: { id: '00D000000000001AAA', name: 'Acme', edition: 'Enterprise Edition', isSandbox: true, instanceUrl: 'https://acme.my.salesforce.com', target: 'uat', username: 'admin@acme.example' },
  orgKey: 'uat',
  deploy: { id: '0Af000000000001AAA', status: 'Succeeded', checkOnly: false, apiVersion: '66.0', components: [{ type: 'Profile', fullName: 'API Only', state: 'Changed' }], failures: [] },
  user: {
    username: 'api@acme.example',
    action: 'create',
    changes: [{ field: 'LastName', from: null, to: 'Integration' }],
    reactivated: false,
    profileName: 'API Only',
    permissionSets: [{ name: 'Reports_Read', action: 'assign', done: false }],
    passwordReset: 'not-requested',
    status: 'failed',
    error: { code: 'DUPLICATE_USERNAME', message: 'Username api@acme.example is already taken', actions: ['Set a username for this org'] },
  },
  checks: [{ name: 'Profile is API only', passed: true, detail: 'ok' }],
  rerun: 'npm run deploy -- --target-org uat',
  warnings: ['Using insecure protocol'],
};

const mockDeploy = jest.fn(async (_o: DeployOptions, _d?: unknown): Promise<DeployReport> => report);
jest.mock('../../../src/deploy', () => {
  const actual = jest.requireActual('../../../src/deploy') as Record<string, unknown>;
  return { ...actual, deploy: (o: DeployOptions, d?: unknown) => mockDeploy(o, d) };
});

function io(): MemoryIo {
  return memoryIo({ cwd: '/tmp/project' });
}

describe('apionly deploy command', () => {
  it('Given --json, When the user step failed, Then stdout holds one JSON object with status 68 and the report', async () => {
    const cli = io();
    const code = await run(['deploy', '--target-org', 'uat', '--json'], cli);
    expect(code).toBe(68);
    const parsed = JSON.parse(cli.out.join('')) as { status: number; result: DeployReport; warnings: string[] };
    expect(parsed).toEqual({ status: 68, result: report, warnings: ['Using insecure protocol'] });
  });

  it('Given human output, When run, Then the summary goes to stdout and warnings to stderr', async () => {
    const cli = io();
    const code = await run(['deploy', '-o', 'uat', '--dry-run', '--wait', '5', '--org-key', 'uat', '--config', 'c.json'], cli);
    expect(code).toBe(68);
    expect(cli.out.join('')).toContain('The metadata deployed, but the user step failed.');
    expect(cli.err.join('')).toContain('Warning: Using insecure protocol');
    expect(mockDeploy.mock.calls[0]?.[0]).toEqual({
      cwd: '/tmp/project',
      configPath: 'c.json',
      targetOrg: 'uat',
      orgKey: 'uat',
      dryRun: true,
      yes: false,
      waitMinutes: 5,
      resetPassword: 'never',
      interactive: false,
    });
  });

  it('Given a bare --reset-password, When parsed, Then it means new', async () => {
    const cli = io();
    await run(['deploy', '--target-org', 'uat', '--reset-password'], cli);
    expect(mockDeploy.mock.calls[0]?.[0].resetPassword).toBe('new');
  });

  it.each([
    [['--reset-password', 'sometimes'], /--reset-password must be one of/],
    [['--reset-password', 'always', '--dry-run'], /don't make sense together/],
    [['--wait', '0'], /--wait must be a positive number/],
  ])('Given %j, When run, Then exit 2 with the reason', async (args, message) => {
    const cli = io();
    const code = await run(['deploy', '--target-org', 'uat', ...args], cli);
    expect(code).toBe(2);
    expect(cli.err.join('')).toMatch(message);
    expect(mockDeploy).not.toHaveBeenCalled();
  });

  it('Given an error carrying a token, When deploy throws, Then the CLI output never shows it', async () => {
    mockDeploy.mockRejectedValueOnce(new UsageError('X', `bad session ${TOKEN}`));
    mockDeploy.mockRejectedValueOnce(new Error(`socket closed for ${TOKEN}`));
    const cli = io();
    const code = await run(['deploy', '--target-org', TOKEN], cli);
    expect(code).toBe(2);
    expect(cli.err.join('')).toContain('bad session <access token redacted>');
    const code2 = await run(['deploy', '--target-org', TOKEN, '--json'], cli);
    expect(code2).toBe(1);
    expect(cli.err.join('') + cli.out.join('')).not.toContain('SECRET.token');
    expect(cli.out.join('')).toContain('socket closed for <access token redacted>');
  });

  it('Given the pure helpers, Then flags map to options and the status is the report exit code', () => {
    expect(checkDeployArgs({ 'reset-password': 'new' })).toBe(true);
    expect(() => checkDeployArgs({ 'reset-password': 'x' })).toThrow(UsageError);
    const options = toDeployOptions({ 'dry-run': false, yes: true, wait: 33, json: false }, '/p', true);
    expect(options).toEqual({ cwd: '/p', dryRun: false, yes: true, waitMinutes: 33, resetPassword: 'never', interactive: true });
    expect(deployOutcome(report, renderDeployReport(report)).status).toBe(68);
  });
});

describe('renderDeployReport', () => {
  it('Given a report, When rendered, Then it shows org facts, deploy id, components, the user action, the error with its fix, checks and the rerun', () => {
    const text = renderDeployReport(report).join('\n');
    expect(text).toContain('Org: Acme (00D000000000001AAA), Enterprise Edition, sandbox');
    expect(text).toContain('Deploy: 0Af000000000001AAA Succeeded, API 66.0');
    expect(text).toContain('  Profile API Only: Changed');
    expect(text).toContain('User api@acme.example: not created (the step failed)');
    expect(text).toContain('  LastName = "Integration"');
    expect(text).toContain('  permission set Reports_Read: not assigned');
    expect(text).toContain('Error (DUPLICATE_USERNAME)');
    expect(text).toContain('PASS Profile is API only');
    expect(text).toContain('rerun: npm run deploy -- --target-org uat');
  });
});
