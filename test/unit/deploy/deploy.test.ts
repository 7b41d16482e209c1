import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError, OperationError, UsageError } from '../../../src/errors';
import { chooseOrgKey, deploy, type DeployDeps } from '../../../src/deploy/deploy';
import { silentProgress } from '../../../src/deploy/progress';
import { renderDeployReport } from '../../../src/deploy/summary';
import type { DeployOptions, UserSpec } from '../../../src/deploy/types';
import type { ProjectState } from '../../../src/deploy/project';
import { OrgCallError } from '../../../src/deploy/orgClient';
import { FakeMetadata, FakeOrg, fakeProject, fakeReadOrgState, PROFILE_XML, fakeSession } from './fakeOrg';

const TOKEN = '00D000000000001!SECRET.token.value';

const baseSpec: UserSpec = {
  fields: {
    Username: 'api.user@acme.example',
    LastName: 'Integration',
    Email: 'ops@acme.example',
    Alias: 'apiuser',
    TimeZoneSidKey: 'America/Los_Angeles',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
  },
  profileName: 'API Only',
  permissionSets: ['Reports_Read'],
};

function setup(opts: { sandbox?: boolean; userFor?: (key: string | undefined) => UserSpec; extra?: (dir: string) => Partial<ProjectState> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'apionly-deploy-unit-'));
  const file = join(dir, 'API Only.profile-meta.xml');
  writeFileSync(file, PROFILE_XML);
  const proj = { ...fakeProject(dir, opts.userFor ?? (() => baseSpec)), profilePath: file, metadataPaths: [file], ...(opts.extra?.(dir) ?? {}) };
  const org = new FakeOrg();
  (org.tables['Organization'] as Array<Record<string, unknown>>)[0]!['IsSandbox'] = opts.sandbox ?? true;
  org.tables['PermissionSet']!.push({ Id: '0PS000000000001AAA', Name: 'Reports_Read' });
  const metadata = new FakeMetadata(org);
  const confirm = jest.fn(async (_question: string) => true);
  const connect = jest.fn(async () => fakeSession(org, metadata));
  const deps: Partial<DeployDeps> = {
    loadProject: async () => proj,
    connect,
    confirm,
    progress: silentProgress,
    env: {},
    collectCoreWarnings: () => () => undefined,
    readOrgState: fakeReadOrgState(org, metadata),
  };
  const options: DeployOptions = { cwd: dir, targetOrg: 'acme-uat', pollFrequencyMs: 10, waitMinutes: 1 };
  return { dir, org, metadata, deps, options, confirm, connect };
}

describe('deploy (library, fake org)', () => {
  it('Given a successful deploy, When it finishes, Then the report times every phase (connect, package, deploy wait, user, verify) in ms', async () => {
    const { deps, options } = setup();
    const report = await deploy(options, deps);
    expect(report.outcome).toBe('Succeeded');
    const timings = report.timings ?? {};
    expect(Object.keys(timings).sort()).toEqual(['connect', 'deployWait', 'package', 'user', 'verify']);
    for (const ms of Object.values(timings)) {
      expect(Number.isInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('Given a sandbox and no user, When deployed, Then the profile deploys, the user is created and assigned, and every check passes', async () => {
    const { org, metadata, deps, options } = setup();
    const report = await deploy(options, deps);
    expect(report.outcome).toBe('Succeeded');
    expect(report.exitCode).toBe(0);
    expect(metadata.requests[0]).toMatchObject({ apiVersion: '62.0', checkOnly: false, rest: false });
    expect(report.user).toMatchObject({ action: 'create', status: 'done', passwordReset: 'not-requested' });
    expect(report.user?.permissionSets).toEqual([{ name: 'Reports_Read', action: 'assign', done: true }]);
    expect(org.tables['User']).toHaveLength(1);
    expect(org.tables['User']![0]).toMatchObject({ ProfileId: '00e000000000001AAA', Username: 'api.user@acme.example' });
    expect(org.tables['PermissionSetAssignment']).toHaveLength(1);
    expect(report.checks.map((c) => [c.name, c.passed])).toEqual([
      ['Profile is API only', true],
      ['Object permissions match the committed profile', true],
      ['User is active', true],
      ['User is on the profile', true],
      ['User has its permission sets', true],
    ]);
    expect(report.orgKey).toBe('acme-uat');
  });

  it('Given everything already in place, When rerun, Then nothing is written and it exits 0', async () => {
    const { org, deps, options } = setup();
    await deploy(options, deps);
    const writesBefore = org.writes().length;
    const report = await deploy(options, deps);
    expect(report.exitCode).toBe(0);
    expect(report.user).toMatchObject({ action: 'none', changes: [] });
    expect(report.user?.permissionSets).toEqual([{ name: 'Reports_Read', action: 'already-assigned', done: true }]);
    expect(org.writes().length).toBe(writesBefore);
    expect(org.tables['User']).toHaveLength(1);
  });

  it('Given --dry-run, When deployed, Then it validates (checkOnly), plans the user, and writes nothing', async () => {
    const { org, metadata, deps, options } = setup();
    const report = await deploy({ ...options, dryRun: true }, deps);
    expect(metadata.requests[0]?.checkOnly).toBe(true);
    expect(report.outcome).toBe('DryRunSucceeded');
    expect(report.exitCode).toBe(0);
    expect(report.user).toMatchObject({ action: 'create', status: 'planned' });
    expect(report.checks).toEqual([]);
    expect(org.writes()).toEqual([]);
  });

  it('Given an inactive user on another profile, When deployed, Then it is reactivated and moved, and the report says so', async () => {
    const { org, deps, options } = setup();
    org.tables['Profile']!.push({ Id: '00e000000000001AAA', Name: 'API Only', PermissionsApiEnabled: true, PermissionsApiUserOnly: true });
    org.tables['User']!.push({ ...baseSpec.fields, Id: '005000000000009AAA', IsActive: false, ProfileId: '00e000000000077AAA' });
    const report = await deploy(options, deps);
    expect(report.user).toMatchObject({ action: 'update', reactivated: true, status: 'done' });
    expect(org.tables['User']![0]).toMatchObject({ IsActive: true, ProfileId: '00e000000000001AAA' });
    expect(renderDeployReport(report).join('\n')).toMatch(/updated, reactivated/);
  });

  describe('production guard', () => {
    it('Given production and no terminal, When deployed without --yes, Then it refuses (exit 2) before any change', async () => {
      const { metadata, deps, options, org } = setup({ sandbox: false });
      const err = await deploy({ ...options, interactive: false }, deps).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as AppError).exitCode).toBe(2);
      expect((err as AppError).code).toBe('ProductionNotConfirmed');
      expect((err as AppError).actions.join(' ')).toMatch(/--yes/);
      expect(metadata.requests).toEqual([]);
      expect(org.writes()).toEqual([]);
    });

    it('Given production and a terminal, When the person says no, Then nothing is deployed', async () => {
      const { metadata, deps, options, confirm } = setup({ sandbox: false });
      confirm.mockResolvedValueOnce(false);
      await expect(deploy({ ...options, interactive: true }, deps)).rejects.toBeInstanceOf(OperationError);
      expect(confirm).toHaveBeenCalledTimes(1);
      expect(metadata.requests).toEqual([]);
    });

    it('Given production and a terminal, When the person says yes, Then it deploys', async () => {
      const { deps, options, confirm } = setup({ sandbox: false });
      const report = await deploy({ ...options, interactive: true }, deps);
      expect(confirm.mock.calls[0]?.[0]).toMatch(/PRODUCTION org Acme/);
      expect(report.exitCode).toBe(0);
    });

    it('Given production with --yes, or a dry run, When deployed, Then it does not ask', async () => {
      const { deps, options, confirm } = setup({ sandbox: false });
      expect((await deploy({ ...options, yes: true }, deps)).exitCode).toBe(0);
      expect((await deploy({ ...options, dryRun: true }, deps)).exitCode).toBe(0);
      expect(confirm).not.toHaveBeenCalled();
    });

    it('Given a sandbox, When deployed without a terminal, Then it does not ask', async () => {
      const { deps, options, confirm } = setup({ sandbox: true });
      expect((await deploy({ ...options, interactive: false }, deps)).exitCode).toBe(0);
      expect(confirm).not.toHaveBeenCalled();
    });
  });

  describe('deploy failures', () => {
    it('Given a component failure, When deployed, Then it exits 1 with file/line/column/problem and skips the user', async () => {
      const { org, metadata, deps, options } = setup();
      metadata.nextDeploy = (req) => ({
        id: '0Af000000000002AAA',
        status: 'Failed',
        components: [{ type: 'Profile', fullName: 'API Only', state: 'Failed', filePath: req.fsPaths[0] as string }],
        failures: [{ type: 'Profile', fullName: 'API Only', filePath: req.fsPaths[0] as string, lineNumber: 3, columnNumber: 5, problem: 'Unknown user permission: ApiUserOnly' }],
      });
      const report = await deploy(options, deps);
      expect(report).toMatchObject({ outcome: 'DeployFailed', exitCode: 1, checks: [] });
      expect(report.user).toBeUndefined();
      expect(report.deploy.failures[0]).toMatchObject({ filePath: 'API Only.profile-meta.xml', lineNumber: 3, columnNumber: 5 });
      expect(renderDeployReport(report).join('\n')).toContain('FAILED API Only.profile-meta.xml:3:5: Unknown user permission: ApiUserOnly');
      expect(org.writes()).toEqual([]);
    });

    it('Given a dry run that does not validate, When deployed, Then the rerun it names is a dry run again', async () => {
      const { metadata, deps, options } = setup();
      metadata.nextDeploy = () => ({
        id: '0Af000000000004AAA',
        status: 'Failed',
        components: [],
        failures: [{ type: 'Profile', fullName: 'API Only', problem: 'Unknown user permission: ApiUserOnly' }],
      });
      const report = await deploy({ ...options, dryRun: true }, deps);
      expect(report).toMatchObject({ outcome: 'DeployFailed', exitCode: 1, rerun: 'npm run deploy -- --target-org acme-uat --dry-run' });
    });

    it('Given the deploy is still running at --wait, When it times out, Then the report names the deploy id and how to follow it', async () => {
      const { metadata, deps, options } = setup();
      metadata.nextDeploy = () => ({ id: '0Af000000000003AAA', status: 'TimedOut', components: [], failures: [], error: { code: 'MetadataTransferError', message: 'The client has timed out.' } });
      const report = await deploy(options, deps);
      expect(report).toMatchObject({ outcome: 'DeployTimedOut', exitCode: 1 });
      expect(report.deploy.followCommand).toBe('sf project deploy report --job-id 0Af000000000003AAA --target-org acme-uat');
      expect(renderDeployReport(report).join('\n')).toContain('Follow it with: sf project deploy report --job-id 0Af000000000003AAA');
    });

    it('Given checking on an accepted deploy fails, When deployed, Then it exits 1 without claiming nothing changed, and names how to follow it', async () => {
      const { metadata, deps, options } = setup();
      metadata.nextDeploy = () => ({ id: '0Af000000000005AAA', status: 'Error', components: [], failures: [], error: { code: 'INVALID_SESSION_ID', message: 'Session expired or invalid' } });
      const report = await deploy(options, deps);
      expect(report).toMatchObject({ outcome: 'DeployFailed', exitCode: 1 });
      expect(report.deploy.followCommand).toBe('sf project deploy report --job-id 0Af000000000005AAA --target-org acme-uat');
      const text = renderDeployReport(report).join('\n');
      expect(text).toContain('Error (INVALID_SESSION_ID): Session expired or invalid');
      expect(text).toContain('Follow it with: sf project deploy report --job-id 0Af000000000005AAA');
      expect(text).toContain('Deploy status unknown');
      expect(text).not.toContain('nothing was changed');
    });

    it('Given a deploy request the org refused, When deployed, Then the report says nothing was changed and names no deploy to follow', async () => {
      const { metadata, deps, options } = setup();
      metadata.nextDeploy = () => ({ status: 'Error', components: [], failures: [], error: { code: 'INVALID_CROSS_REFERENCE_KEY', message: 'bad' } });
      const report = await deploy(options, deps);
      expect(report.deploy.followCommand).toBeUndefined();
      expect(renderDeployReport(report).join('\n')).toContain('Deploy failed: nothing was changed in the org (rollbackOnError).');
    });

    it('Given SF_ORG_METADATA_REST_DEPLOY=true, When deployed, Then the REST deploy is used', async () => {
      const { metadata, deps, options } = setup();
      await deploy(options, { ...deps, env: { SF_ORG_METADATA_REST_DEPLOY: 'true' } });
      expect(metadata.requests[0]?.rest).toBe(true);
    });
  });

  describe('user step failures', () => {
    it('Given DUPLICATE_USERNAME, When deployed, Then it exits 68 and explains the per-org username fix', async () => {
      const { org, deps, options } = setup();
      org.createFaults['User'] = [{ error: new OrgCallError('DUPLICATE_USERNAME', 'Duplicate Username.', false) }];
      const report = await deploy(options, deps);
      expect(report).toMatchObject({ outcome: 'UserStepFailed', exitCode: 68 });
      expect(report.user?.error?.code).toBe('DUPLICATE_USERNAME');
      expect(report.user?.error?.message).toMatch(/unique across every Salesforce org/);
      expect(report.user?.error?.actions.join(' ')).toMatch(/"orgs": \{ "acme-uat": \{ "user"/);
      expect(report.rerun).toBe('npm run deploy -- --target-org acme-uat');
      expect(org.calls.filter((c) => c.startsWith('create User'))).toHaveLength(1);
    });

    it('Given LICENSE_LIMIT_EXCEEDED, When deployed, Then it exits 68 and says to free or buy a seat', async () => {
      const { org, deps, options } = setup();
      org.createFaults['User'] = [{ error: new OrgCallError('LICENSE_LIMIT_EXCEEDED', 'License Limit Exceeded', false) }];
      const report = await deploy(options, deps);
      expect(report.exitCode).toBe(68);
      expect(report.user?.error?.actions.join(' ')).toMatch(/Free a seat .* or buy one/);
    });

    it('Given an ambiguous create that did happen, When deployed, Then it finds the user and never inserts twice', async () => {
      const { org, deps, options } = setup();
      org.createFaults['User'] = [{ error: new OrgCallError('UNKNOWN_ERROR', 'socket hang up', true), afterWrite: true }];
      const report = await deploy(options, deps);
      expect(report.exitCode).toBe(0);
      expect(org.calls.filter((c) => c.startsWith('create User'))).toHaveLength(1);
      expect(org.tables['User']).toHaveLength(1);
      expect(report.user).toMatchObject({ action: 'create', status: 'done' });
    });

    it('Given an ambiguous create that did not happen, When deployed, Then it exits 68 without retrying, and a rerun completes with one user', async () => {
      const { org, deps, options } = setup();
      org.createFaults['User'] = [{ error: new OrgCallError('UNKNOWN_ERROR', 'socket hang up', true) }];
      const first = await deploy(options, deps);
      expect(first.exitCode).toBe(68);
      expect(first.user?.error?.message).toMatch(/found no such user, so nothing was created, and the insert was not retried/);
      expect(renderDeployReport(first).join('\n')).toContain('not created (the step failed)');
      expect(org.calls.filter((c) => c.startsWith('create User'))).toHaveLength(1);
      expect(org.tables['User']).toHaveLength(0);
      const second = await deploy(options, deps);
      expect(second.exitCode).toBe(0);
      expect(org.tables['User']).toHaveLength(1);
      expect(org.tables['PermissionSetAssignment']).toHaveLength(1);
    });

    it('Given a permission set the org lacks, When deployed, Then nothing is written to the user and it exits 68', async () => {
      const { org, deps, options } = setup({ userFor: () => ({ ...baseSpec, permissionSets: ['Nope'] }) });
      const report = await deploy(options, deps);
      expect(report.exitCode).toBe(68);
      expect(report.user?.error?.code).toBe('PERMISSION_SET_NOT_FOUND');
      expect(org.calls.filter((c) => c.startsWith('create'))).toEqual([]);
    });

    it('Given --reset-password and a new user, When deployed, Then Salesforce is asked for the reset email once', async () => {
      const { org, deps, options } = setup();
      const report = await deploy({ ...options, resetPassword: 'new' }, deps);
      expect(org.resets).toHaveLength(1);
      expect(report.user?.passwordReset).toBe('sent');
      const again = await deploy({ ...options, resetPassword: 'new' }, deps);
      expect(org.resets).toHaveLength(1);
      expect(again.user?.passwordReset).toBe('not-requested');
    });
  });

  it('Given a profile whose object permissions differ in the org, When verified, Then the check fails and it exits 1', async () => {
    const { metadata, deps, options } = setup();
    metadata.retrievedXml = PROFILE_XML.replace('<allowDelete>true</allowDelete>', '<allowDelete>false</allowDelete>');
    const report = await deploy(options, deps);
    expect(report).toMatchObject({ outcome: 'VerificationFailed', exitCode: 1 });
    const check = report.checks.find((c) => c.name.startsWith('Object permissions'));
    expect(check).toMatchObject({ passed: false });
    expect(check?.detail).toContain('Account.allowDelete: org false, file true');
  });

  it('Given an access token as target and an org error quoting it, When it fails, Then the token appears nowhere', async () => {
    const { org, deps, options } = setup();
    org.queryFault = new Error(`INVALID_SESSION_ID: Session expired or invalid: ${TOKEN}`);
    const err = (await deploy({ ...options, targetOrg: TOKEN }, deps).catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).not.toContain('SECRET.token');
    expect(String(err.stack)).not.toContain('SECRET.token');
    expect(err.message).toContain('<access token redacted>');
  });

  it('Given an access token as target, When deployed, Then the report holds no token', async () => {
    const { org, deps, options } = setup();
    org.tables['Organization']![0]!['Name'] = `Acme ${TOKEN}`; // even echoed by the org
    const report = await deploy({ ...options, targetOrg: TOKEN }, deps);
    expect(JSON.stringify(report)).not.toContain('SECRET.token');
    expect(renderDeployReport(report).join('\n')).not.toContain('SECRET.token');
  });

  it('Given a non-positive --wait, When deployed, Then it is a usage error', async () => {
    const { deps, options } = setup();
    await expect(deploy({ ...options, waitMinutes: 0 }, deps)).rejects.toBeInstanceOf(UsageError);
  });

  it('Given --org-key not in the config, When deployed, Then it is a usage error listing the keys', async () => {
    const { deps, options } = setup();
    await expect(deploy({ ...options, orgKey: 'nope' }, deps)).rejects.toThrow(/has: acme-uat, prod/);
  });
});

describe('chooseOrgKey', () => {
  const session = { aliases: ['uat', 'acme-uat'], username: 'admin@acme.example' };
  it.each([
    [{ orgKey: 'prod', targetOrg: 'uat' }, 'prod'],
    [{ targetOrg: 'acme-uat' }, 'acme-uat'],
    [{ targetOrg: 'admin@acme.example' }, 'acme-uat'],
    [{ targetOrg: TOKEN }, 'acme-uat'],
    [{}, 'acme-uat'],
  ])('Given %j, Then the key is %s', (options, expected) => {
    expect(chooseOrgKey(options, ['acme-uat', 'prod'], session)).toBe(expected);
  });
  it('Given no matching key, Then the base user applies (undefined)', () => {
    expect(chooseOrgKey({ targetOrg: 'other' }, ['prod'], { aliases: [], username: 'x@y.z' })).toBeUndefined();
  });
});

describe('the External Client App step (fake org)', () => {
  /** A project with an app: three committed files and policies rendered per org (here: the username in a comment-free stub). */
  const withApp = (dir: string): Partial<ProjectState> => ({
    externalClientApp: {
      name: 'Vendor_X',
      label: 'Vendor X',
      fixedPaths: ['eca', 'ecaOauth', 'ecaGlblOauth'].map((s) => join(dir, `Vendor_X.${s}-meta.xml`)),
      policiesPath: join(dir, 'extlClntAppOauthPolicies', 'Vendor_X_oauthPlcy.ecaOauthPlcy-meta.xml'),
      policiesFor: () => ({
        type: 'ExtlClntAppOauthConfigurablePolicies',
        fullName: 'Vendor_X_oauthPlcy',
        path: 'extlClntAppOauthPolicies/Vendor_X_oauthPlcy.ecaOauthPlcy-meta.xml',
        content: '<ExtlClntAppOauthConfigurablePolicies><clientCredentialsFlowUser>api.user@acme.example</clientCredentialsFlowUser></ExtlClntAppOauthConfigurablePolicies>',
      }),
    },
  });

  it('Given an app, When deployed, Then the profile goes first, the user next, then the app in a second deploy; the report says where the key and secret are', async () => {
    const { metadata, deps, options } = setup({ extra: withApp });
    const report = await deploy(options, deps);
    expect(report).toMatchObject({ outcome: 'Succeeded', exitCode: 0, app: { status: 'deployed', runAsUsername: 'api.user@acme.example' } });
    expect(metadata.requests).toHaveLength(2);
    expect(metadata.requests[1]?.fsPaths.at(-1)).toMatch(/Vendor_X_oauthPlcy\.ecaOauthPlcy-meta\.xml$/);
    expect(Object.keys(report.timings ?? {})).toContain('app');
    expect(renderDeployReport(report).join('\n')).toContain('Setup > External Client App Manager > Vendor X > Settings > OAuth Settings > Consumer Key and Secret');
  });

  it('Given the user step fails, When deployed, Then the app is not sent (it needs its run-as user), exit 68 and the report says why', async () => {
    const { org, metadata, deps, options } = setup({ extra: withApp });
    org.createFaults['User'] = [{ error: new OrgCallError('DUPLICATE_USERNAME', 'Duplicate Username.', false) }];
    const report = await deploy(options, deps);
    expect(report).toMatchObject({ outcome: 'UserStepFailed', exitCode: 68, app: { status: 'skipped', detail: expect.stringContaining('user step failed') } });
    expect(metadata.requests).toHaveLength(1);
  });

  it('Given the org refuses the app, When deployed, Then AppStepFailed with exit 68 and the rerun command', async () => {
    const { org, metadata, deps, options } = setup({ extra: withApp });
    org.tables['Profile']?.push({ Id: '00e000000000001AAA', Name: 'API Only', PermissionsApiEnabled: true, PermissionsApiUserOnly: true });
    let calls = 0;
    metadata.nextDeploy = (req) => {
      calls++;
      if (calls === 1) return { id: '0Af000000000001AAA', status: 'Succeeded', components: [], failures: [] };
      return { id: '0Af000000000002AAA', status: 'Failed', components: [], failures: [{ type: 'ExtlClntAppOauthConfigurablePolicies', fullName: 'Vendor_X_oauthPlcy', filePath: req.fsPaths.at(-1) as string, problem: 'Enter a valid execution user for the OAuth client credentials flow.' }] };
    };
    const report = await deploy(options, deps);
    expect(report).toMatchObject({ outcome: 'AppStepFailed', exitCode: 68, rerun: 'npm run deploy -- --target-org acme-uat' });
    expect(renderDeployReport(report).join('\n')).toContain('Enter a valid execution user for the OAuth client credentials flow.');
  });

  it('Given a dry run that would create the user, When run, Then only the checkOnly profile deploy is sent and the app is reported as not validated yet', async () => {
    const { metadata, deps, options } = setup({ extra: withApp });
    const report = await deploy({ ...options, dryRun: true }, deps);
    expect(report).toMatchObject({ outcome: 'DryRunSucceeded', exitCode: 0, app: { status: 'skipped' } });
    expect(metadata.requests.map((r) => r.checkOnly)).toEqual([true]);
  });
});
