/**
 * deploy() end to end through the library, against the emulated org (real SDR, core and jsforce on the wire).
 * The target is the org's access token with SF_ORG_INSTANCE_URL, as `--target-org <token>` works.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, UsageError } from '../../src/errors';
import { generate } from '../../src/generate';
import { deploy } from '../../src/deploy';
import { silentProgress } from '../../src/deploy/progress';
import type { DeployOptions, DeployReport } from '../../src/deploy/types';
import { userFields, withEmulatedOrg } from '../helpers/emulator';
import type { RunningEmulatedOrg, StartEmulatedOrgOptions } from '../../src/emulator';
import { configUsername, makeProject, profilesNamed, usersNamed } from './deploy.helpers';

jest.setTimeout(120_000);

const FAST = { deployTiming: { queuedPolls: 0, inProgressPolls: 1 } } satisfies StartEmulatedOrgOptions;
const SANDBOX = { ...FAST, orgs: [{ kind: 'sandbox' as const }] } satisfies StartEmulatedOrgOptions;

let project: string;
let username: string;

beforeAll(async () => {
  project = await makeProject();
  username = configUsername(project);
});

function run(emu: RunningEmulatedOrg, extra: Partial<DeployOptions> = {}, index = 0, env: NodeJS.ProcessEnv = {}): Promise<DeployReport> {
  const identity = emu.orgs[index];
  if (!identity) throw new Error('no org');
  process.env['SF_ORG_INSTANCE_URL'] = emu.instanceUrl;
  return deploy(
    { cwd: project, targetOrg: identity.accessToken, pollFrequencyMs: 20, waitMinutes: 1, interactive: false, ...extra },
    { progress: silentProgress, env },
  );
}

afterEach(() => {
  delete process.env['SF_ORG_INSTANCE_URL'];
});

function expectNoToken(emu: RunningEmulatedOrg, value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const o of emu.orgs) expect(text).not.toContain(o.accessToken);
  expect(text).not.toMatch(/00D\w{12,15}![\w.]+/);
}

describe('deploy to the emulated org (library)', () => {
  it('Given a fresh sandbox, When deployed, rerun and dry-run, Then the org ends in the declared state and reruns change nothing', async () => {
    await withEmulatedOrg(async (emu) => {
      const first = await run(emu);
      expect(first.deploy).toMatchObject({ status: 'Succeeded' });
      expect(first.checks.filter((c) => !c.passed)).toEqual([]);
      expect(first).toMatchObject({ outcome: 'Succeeded', exitCode: 0 });
      expect(first.org.isSandbox).toBe(true);
      expect(first.org.username).toBe(emu.orgs[0]?.username);
      expect(first.deploy.id).toMatch(/^0Af/);
      expect(first.user).toMatchObject({ action: 'create', status: 'done', username });
      expect(first.checks.length).toBeGreaterThanOrEqual(4);
      expect(usersNamed(emu, username)).toHaveLength(1);
      expectNoToken(emu, first);

      const again = await run(emu);
      expect(again).toMatchObject({ outcome: 'Succeeded', exitCode: 0 });
      expect(again.user).toMatchObject({ action: 'none', changes: [] });
      expect(usersNamed(emu, username)).toHaveLength(1);

      const dry = await run(emu, { dryRun: true });
      expect(dry).toMatchObject({ outcome: 'DryRunSucceeded', exitCode: 0 });
      expect(dry.deploy.checkOnly).toBe(true);
      expect(dry.user).toMatchObject({ action: 'none', status: 'planned' });
    }, SANDBOX);
  });

  it('Given a fresh org, When dry-run, Then nothing is written: no profile, no user', async () => {
    await withEmulatedOrg(async (emu) => {
      const report = await run(emu, { dryRun: true });
      expect(report).toMatchObject({ outcome: 'DryRunSucceeded', exitCode: 0 });
      expect(report.user).toMatchObject({ action: 'create', status: 'planned' });
      expect(profilesNamed(emu, 'API Only')).toEqual([]);
      expect(usersNamed(emu, username)).toEqual([]);
    }, SANDBOX);
  });

  it('Given a user that drifted (other email, deactivated) and a permission set to assign, When dry-run then deployed, Then the plan shows the diff, and the run fixes only that and reactivates', async () => {
    const psProject = await makeProject({ permissionSets: ['Vendor_Extra'] });
    const psUsername = configUsername(psProject);
    await withEmulatedOrg(async (emu) => {
      const org = emu.world.orgs[0];
      if (!org) throw new Error('no org');
      // An admin deployed this permission set earlier (Metadata API; the org stores permission sets as metadata).
      const seeded = org.deploy(
        new Map([
          ['package.xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Vendor_Extra</members><name>PermissionSet</name></types><version>66.0</version></Package>\n')],
          ['permissionsets/Vendor_Extra.permissionset', Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <hasActivationRequired>false</hasActivationRequired>\n    <label>Vendor Extra</label>\n</PermissionSet>\n')],
        ]),
        { checkOnly: false, rollbackOnError: true },
      );
      expect(seeded.status).toBe('Succeeded');
      const runIn = (extra: Partial<DeployOptions>): Promise<DeployReport> => {
        process.env['SF_ORG_INSTANCE_URL'] = emu.instanceUrl;
        return deploy({ cwd: psProject, targetOrg: emu.orgs[0]?.accessToken as string, pollFrequencyMs: 20, interactive: false, ...extra }, { progress: silentProgress, env: {} });
      };
      const first = await runIn({ resetPassword: 'new' });
      expect(first).toMatchObject({ outcome: 'Succeeded', exitCode: 0 });
      expect(first.user?.permissionSets).toEqual([{ name: 'Vendor_Extra', action: 'assign', done: true }]);
      expect(first.user?.passwordReset).toBe('sent');
      expect(JSON.stringify(first)).not.toMatch(/NewPassword/i);
      const userId = usersNamed(emu, psUsername)[0]?.['Id'] as string;

      org.update('User', userId, { Email: 'someone.else@e2e.example.com', IsActive: false });
      const dry = await runIn({ dryRun: true });
      expect(dry).toMatchObject({ outcome: 'DryRunSucceeded', exitCode: 0 });
      expect(dry.user).toMatchObject({ action: 'update', reactivated: true, status: 'planned' });
      expect(dry.user?.changes).toEqual([
        { field: 'Email', from: 'someone.else@e2e.example.com', to: 'integrations@e2e.example.com' },
        { field: 'IsActive', from: false, to: true },
      ]);
      expect(usersNamed(emu, psUsername)[0]).toMatchObject({ IsActive: false });

      const fix = await runIn({});
      expect(fix).toMatchObject({ outcome: 'Succeeded', exitCode: 0 });
      expect(fix.user).toMatchObject({ action: 'update', reactivated: true, status: 'done' });
      expect(fix.user?.permissionSets).toEqual([{ name: 'Vendor_Extra', action: 'already-assigned', done: true }]);
      expect(fix.checks.every((c) => c.passed)).toBe(true);
      expect(usersNamed(emu, psUsername)).toEqual([expect.objectContaining({ IsActive: true })]);
    }, SANDBOX);
  });

  it('Given a production org and no terminal, When deployed without --yes, Then it refuses and changes nothing', async () => {
    await withEmulatedOrg(async (emu) => {
      const err = (await run(emu).catch((e: unknown) => e)) as AppError;
      expect(err).toBeInstanceOf(UsageError);
      expect(err.exitCode).toBe(2);
      expect(err.message).toMatch(/production org/);
      expect(profilesNamed(emu, 'API Only')).toEqual([]);
      const ok = await run(emu, { yes: true });
      expect(ok.exitCode).toBe(0);
      expect(ok.org.isSandbox).toBe(false);
    }, { ...FAST, orgs: [{ kind: 'production' }] });
  });

  it('Given a component failure, When deployed, Then it exits 1 listing file, line and problem, and the user step does not run', async () => {
    await withEmulatedOrg(async (emu) => {
      emu.faults.add({ kind: 'component-failure', component: 'Profile:API Only', problem: 'Unknown user permission: ApiUserOnly' });
      const report = await run(emu);
      expect(report).toMatchObject({ outcome: 'DeployFailed', exitCode: 1 });
      expect(report.deploy.failures[0]).toMatchObject({ type: 'Profile', fullName: 'API Only' });
      expect(report.deploy.failures[0]?.problem).toContain('Unknown user permission: ApiUserOnly');
      expect(report.deploy.failures[0]?.filePath).toMatch(/API Only\.profile-meta\.xml$/);
      expect(report.user).toBeUndefined();
      expect(usersNamed(emu, username)).toEqual([]);
      const rerun = await run(emu);
      expect(rerun.exitCode).toBe(0);
    }, SANDBOX);
  });

  // Objects the org lacks are refused before anything is sent (test/e2e/discover.test.ts); a field the org lacks still
  // reaches the platform, whose rule must come back with file, line and column.
  it('Given a profile naming a field the org lacks, When deployed, Then the platform rule fails it with file, line and column, and nothing is written', async () => {
    const withField = await makeProject();
    const fieldDir = join(withField, 'force-app/main/default/objects/Account/fields');
    mkdirSync(fieldDir, { recursive: true });
    writeFileSync(
      join(fieldDir, 'Vendor_Score__c.field-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>Vendor_Score__c</fullName>\n    <label>Vendor Score</label>\n    <type>Number</type>\n    <precision>18</precision>\n    <scale>0</scale>\n</CustomField>\n',
    );
    await generate({ cwd: withField });
    await withEmulatedOrg(async (emu) => {
      process.env['SF_ORG_INSTANCE_URL'] = emu.instanceUrl;
      const report = await deploy(
        { cwd: withField, targetOrg: emu.orgs[0]?.accessToken ?? '', pollFrequencyMs: 20, waitMinutes: 1, interactive: false },
        { progress: silentProgress, env: {} },
      );
      expect(report).toMatchObject({ outcome: 'DeployFailed', exitCode: 1 });
      const failure = report.deploy.failures[0];
      expect(failure).toMatchObject({ type: 'Profile', fullName: 'API Only' });
      expect(failure?.problem).toContain('no CustomField named Account.Vendor_Score__c found');
      expect(failure?.lineNumber).toBeGreaterThan(2);
      expect(failure?.columnNumber).toBeGreaterThan(0);
      expect(failure?.filePath).toMatch(/API Only\.profile-meta\.xml$/);
      expect(report.user).toBeUndefined();
      expect(profilesNamed(emu, 'API Only')).toEqual([]);
      expect(usersNamed(emu, configUsername(withField))).toEqual([]);
    }, SANDBOX);
  });

  it('Given a SOAP fault on deploy, When deployed, Then it exits 1 with the fault code, and a rerun completes', async () => {
    await withEmulatedOrg(async (emu) => {
      emu.faults.add({ kind: 'soap-fault', match: { soapMethod: 'deploy' }, faultcode: 'sf:INVALID_CROSS_REFERENCE_KEY' });
      const report = await run(emu);
      expect(report).toMatchObject({ outcome: 'DeployFailed', exitCode: 1 });
      expect(report.deploy.error?.code).toBe('INVALID_CROSS_REFERENCE_KEY');
      expect((await run(emu)).exitCode).toBe(0);
    }, SANDBOX);
  });

  it('Given the user insert fails (500), When deployed, Then it exits 68 naming the rerun, and the rerun completes with one user', async () => {
    await withEmulatedOrg(async (emu) => {
      emu.faults.add({ kind: 'http-500', match: { route: 'sobject-create', sobject: 'User' } });
      const first = await run(emu);
      expect(first).toMatchObject({ outcome: 'UserStepFailed', exitCode: 68 });
      expect(first.deploy.status).toBe('Succeeded');
      expect(first.rerun).toMatch(/^npm run deploy -- --target-org /);
      expectNoToken(emu, first);
      const second = await run(emu);
      expect(second).toMatchObject({ outcome: 'Succeeded', exitCode: 0 });
      expect(second.user?.action).toBe('create');
      expect(usersNamed(emu, username)).toHaveLength(1);
    }, SANDBOX);
  });

  it('Given the username is taken in another org, When deployed, Then DUPLICATE_USERNAME is explained with the per-org fix (exit 68)', async () => {
    await withEmulatedOrg(async (emu) => {
      // The second org (production) takes the username first: usernames are global across Salesforce.
      const other = emu.world.orgs[1];
      if (!other) throw new Error('no second org');
      const profileId = other.query("SELECT Id FROM Profile WHERE Name = 'Standard User'").records[0]?.['Id'];
      other.create('User', userFields(username, { LastName: 'Someone', Email: 'someone@else.example.com', Alias: 'someone', ProfileId: profileId }));
      const report = await run(emu);
      expect(report.exitCode).toBe(68);
      expect(report.user?.error?.code).toBe('DUPLICATE_USERNAME');
      expect(report.user?.error?.actions.join('\n')).toMatch(/"orgs"/);
      expect(usersNamed(emu, username, 0)).toEqual([]);
    }, { ...FAST, orgs: [{ kind: 'sandbox' }, { kind: 'production' }] });
  });

  it('Given no free Salesforce seat, When deployed, Then LICENSE_LIMIT_EXCEEDED is explained (exit 68), and after a seat is freed the rerun completes', async () => {
    await withEmulatedOrg(async (emu) => {
      const org = emu.world.orgs[0];
      if (!org) throw new Error('no org');
      // Two seats: the admin holds one, a colleague the other.
      const profileId = org.query("SELECT Id FROM Profile WHERE Name = 'Standard User'").records[0]?.['Id'];
      const colleague = org.create(
        'User',
        userFields(`colleague.${process.pid}.${Date.now()}@e2e.example.com`, { LastName: 'Colleague', Email: 'colleague@e2e.example.com', Alias: 'colleag', ProfileId: profileId }),
      );
      const report = await run(emu);
      expect(report.exitCode).toBe(68);
      expect(report.user?.error?.code).toBe('LICENSE_LIMIT_EXCEEDED');
      expect(report.user?.error?.actions.join(' ')).toMatch(/Free a seat/);
      expect(usersNamed(emu, username)).toEqual([]);
      // Free a seat as the message says (deactivate a user), then rerun.
      org.update('User', colleague, { IsActive: false });
      const rerun = await run(emu);
      expect(rerun).toMatchObject({ outcome: 'Succeeded', exitCode: 0 });
      expect(usersNamed(emu, username)).toHaveLength(1);
    }, { ...FAST, orgs: [{ kind: 'sandbox', seats: { Salesforce: 2 } }] });
  });

  it('Given transient errors while polling and reading, When deployed, Then it rides them out', async () => {
    await withEmulatedOrg(async (emu) => {
      emu.faults.add({ kind: 'http-503', match: { soapMethod: 'checkDeployStatus' }, count: 2 });
      emu.faults.add({ kind: 'http-503', match: { route: 'query', sobject: 'User' }, count: 1 });
      const report = await run(emu);
      expect(report).toMatchObject({ outcome: 'Succeeded', exitCode: 0 });
    }, SANDBOX);
  });

  it('Given a deploy stuck past --wait, When deployed, Then it stops with the deploy id and how to follow it', async () => {
    await withEmulatedOrg(async (emu) => {
      emu.faults.add({ kind: 'deploy-stuck', polls: 100_000 });
      const report = await run(emu, { waitMinutes: 0.02, pollFrequencyMs: 100 });
      expect(report).toMatchObject({ outcome: 'DeployTimedOut', exitCode: 1 });
      expect(report.deploy.id).toMatch(/^0Af/);
      expect(report.deploy.followCommand).toContain(`sf project deploy report --job-id ${report.deploy.id}`);
      expectNoToken(emu, report);
    }, SANDBOX);
  });

  it('Given SF_ORG_METADATA_REST_DEPLOY=true, When deployed, Then the REST deploy works the same', async () => {
    await withEmulatedOrg(async (emu) => {
      const report = await run(emu, {}, 0, { SF_ORG_METADATA_REST_DEPLOY: 'true' });
      expect(report).toMatchObject({ outcome: 'Succeeded', exitCode: 0 });
    }, SANDBOX);
  });

  it('Given a bad access token, When deployed, Then the error never shows the token', async () => {
    await withEmulatedOrg(async (emu) => {
      process.env['SF_ORG_INSTANCE_URL'] = emu.instanceUrl;
      const bad = `${emu.orgs[0]?.orgId.slice(0, 15)}!NOT.A.REAL.TOKEN.value`;
      const err = (await deploy({ cwd: project, targetOrg: bad, interactive: false }, { progress: silentProgress, env: {} }).catch((e: unknown) => e)) as AppError;
      expect(err).toBeInstanceOf(AppError);
      expect(`${err.message}\n${err.stack}\n${JSON.stringify(err.actions)}`).not.toContain('NOT.A.REAL.TOKEN');
    }, SANDBOX);
  });
});
