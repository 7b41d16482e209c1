/**
 * The integration route end to end: the built bin against an emulated org. A user on the Salesforce Integration
 * licence and Minimum Access - API Only Integrations, the generated permission set, the PSL assigned first; seats
 * checked before anything changes; a user moved from the profile route.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runBin, type BinResult } from '../helpers/bin';
import { withEmulatedOrg } from '../helpers/emulator';
import type { RunningEmulatedOrg, StartEmulatedOrgOptions } from '../../src/emulator';
import { configUsername, makeProject, orgQuery, usersNamed } from './deploy.helpers';

jest.setTimeout(180_000);

const SANDBOX = { deployTiming: { queuedPolls: 0, inProgressPolls: 1 }, orgs: [{ kind: 'sandbox' as const }] } satisfies StartEmulatedOrgOptions;
const INTEGRATION = { route: 'integration' };
const MINIMUM_ACCESS = 'Minimum Access - API Only Integrations';

beforeAll(() => ensureBuilt());

function token(emu: RunningEmulatedOrg): string {
  const t = emu.orgs[0]?.accessToken;
  if (!t) throw new Error('no org');
  return t;
}

function deploy(emu: RunningEmulatedOrg, cwd: string, ...args: string[]): Promise<BinResult> {
  return runBin(['deploy', '--target-org', token(emu), '--json', ...args], {
    cwd,
    env: { APIONLY_POLL_FREQUENCY_MS: '20', SF_ORG_INSTANCE_URL: emu.instanceUrl },
    timeoutMs: 120_000,
  });
}

interface Json {
  status: number;
  result: {
    outcome: string;
    deploy: { status: string; components: Array<{ type: string; fullName: string; state: string }> };
    licences?: { passed: boolean; seats: Array<{ licence: string; total: number; used: number; needed: number }>; move?: { fromProfile: string }; error?: { code: string; message: string; actions: string[] } };
    user?: {
      action: string;
      status: string;
      permissionSets: Array<{ name: string; action: string; done: boolean }>;
      permissionSetLicenses?: Array<{ name: string; action: string; done: boolean }>;
      error?: { code: string; message: string };
    };
    checks: Array<{ name: string; passed: boolean; detail: string }>;
    rerun?: string;
  };
}

function parse(r: BinResult): Json {
  try {
    return JSON.parse(r.stdout) as Json;
  } catch {
    throw new Error(`stdout is not one JSON object (exit ${String(r.code)}):\n${r.stdout}\n--- stderr:\n${r.stderr}`);
  }
}

/** The org's view of the integration user: licence, profile, PSLs and permission sets. */
function userState(emu: RunningEmulatedOrg, username: string): { profile: string; licence: string; psls: string[]; sets: string[]; active: boolean } | undefined {
  const [u] = orgQuery(emu, `SELECT Id, IsActive, Profile.Name, Profile.UserLicense.Name FROM User WHERE Username = '${username}'`);
  if (!u) return undefined;
  const id = String(u['Id']);
  const profile = u['Profile'] as { Name: string; UserLicense: { Name: string } };
  const psls = orgQuery(emu, `SELECT PermissionSetLicense.DeveloperName FROM PermissionSetLicenseAssign WHERE AssigneeId = '${id}'`).map(
    (r) => (r['PermissionSetLicense'] as { DeveloperName: string }).DeveloperName,
  );
  const sets = orgQuery(emu, `SELECT PermissionSet.Name, PermissionSet.IsOwnedByProfile FROM PermissionSetAssignment WHERE AssigneeId = '${id}'`)
    .map((r) => r['PermissionSet'] as { Name: string; IsOwnedByProfile: boolean })
    .filter((p) => !p.IsOwnedByProfile)
    .map((p) => p.Name)
    .sort();
  return { profile: profile.Name, licence: profile.UserLicense.Name, psls, sets, active: u['IsActive'] === true };
}

function permissionSets(emu: RunningEmulatedOrg, name: string): Array<Record<string, unknown>> {
  return orgQuery(emu, `SELECT Id, Name, LicenseId, PermissionsApiEnabled FROM PermissionSet WHERE Name = '${name}'`);
}

describe('apionly deploy, route "integration"', () => {
  it('Given a fresh org, When deployed, rerun and dry-run, Then the permission set, the Integration-licence user, the PSL before the set, all verified; a rerun changes nothing', async () => {
    const dir = await makeProject({ extra: INTEGRATION });
    const username = configUsername(dir);
    await withEmulatedOrg(async (emu) => {
      // Dry run first: validates, plans, writes nothing.
      const dry = await deploy(emu, dir, '--dry-run');
      expect(dry.code).toBe(0);
      const dj = parse(dry);
      expect(dj.result.outcome).toBe('DryRunSucceeded');
      expect(dj.result.licences?.seats).toEqual([
        { licence: 'Salesforce Integration', kind: 'user licence', total: 5, used: 0, needed: 1 },
        { licence: 'SalesforceAPIIntegrationPsl', kind: 'permission set licence', total: 5, used: 0, needed: 1 },
      ]);
      expect(dj.result.user).toMatchObject({
        action: 'create',
        status: 'planned',
        permissionSetLicenses: [{ name: 'SalesforceAPIIntegrationPsl', action: 'assign', done: false }],
        permissionSets: [{ name: 'API_Only_Integration', action: 'assign', done: false }],
      });
      expect(usersNamed(emu, username)).toHaveLength(0);
      expect(permissionSets(emu, 'API_Only_Integration')).toHaveLength(0);

      const first = await deploy(emu, dir);
      const fj = parse(first);
      expect({ code: first.code, outcome: fj.result.outcome }).toEqual({ code: 0, outcome: 'Succeeded' });
      expect(fj.result.deploy.components).toEqual([expect.objectContaining({ type: 'PermissionSet', fullName: 'API_Only_Integration', state: 'Created' })]);
      expect(fj.result.user?.permissionSetLicenses).toEqual([{ name: 'SalesforceAPIIntegrationPsl', action: 'assign', done: true }]);
      expect(fj.result.user?.permissionSets).toEqual([{ name: 'API_Only_Integration', action: 'assign', done: true }]);
      expect(fj.result.checks.map((c) => [c.name, c.passed])).toEqual([
        ['Permission set has its licence and API permissions', true],
        ['Object permissions match the committed permission set', true],
        ['User is active', true],
        ['User is on the profile', true],
        ['User has its permission set licences', true],
        ['User has its permission sets', true],
      ]);
      expect(userState(emu, username)).toEqual({ profile: MINIMUM_ACCESS, licence: 'Salesforce Integration', psls: ['SalesforceAPIIntegrationPsl'], sets: ['API_Only_Integration'], active: true });
      const [ps] = permissionSets(emu, 'API_Only_Integration');
      const [psl] = orgQuery(emu, "SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'");
      expect(ps?.['LicenseId']).toBe(psl?.['Id']);

      const again = await deploy(emu, dir);
      const aj = parse(again);
      expect({ code: again.code, outcome: aj.result.outcome }).toEqual({ code: 0, outcome: 'Succeeded' });
      expect(aj.result.deploy.components[0]?.state).toBe('Unchanged');
      expect(aj.result.licences?.seats.map((s) => s.needed)).toEqual([0, 0]);
      expect(aj.result.user).toMatchObject({
        action: 'none',
        permissionSets: [{ name: 'API_Only_Integration', action: 'already-assigned', done: true }],
        permissionSetLicenses: [{ name: 'SalesforceAPIIntegrationPsl', action: 'already-assigned', done: true }],
      });
      expect(orgQuery(emu, "SELECT Id FROM User WHERE Profile.Name = 'Minimum Access - API Only Integrations'")).toHaveLength(1);
    }, SANDBOX);
  });

  it.each([
    ['Salesforce Integration', 'user licence Salesforce Integration has 0 of 0 seats used'],
    ['SalesforceAPIIntegrationPsl', 'permission set licence SalesforceAPIIntegrationPsl has 0 of 0 seats used'],
  ])('Given no free %s seat, When deployed, Then LICENSE_LIMIT_EXCEEDED with the counts and nothing changed; once a seat is freed the rerun finishes', async (licence, counts) => {
    const dir = await makeProject({ extra: INTEGRATION });
    const username = configUsername(dir);
    await withEmulatedOrg(async (emu) => {
      const org = emu.world.orgs[0];
      org?.setLicenseSeats?.(licence, 0);
      const r = await deploy(emu, dir);
      const j = parse(r);
      expect({ code: r.code, outcome: j.result.outcome, deploy: j.result.deploy.status }).toEqual({ code: 1, outcome: 'LicenseCheckFailed', deploy: 'NotRun' });
      expect(j.result.licences?.error?.code).toBe('LICENSE_LIMIT_EXCEEDED');
      expect(j.result.licences?.error?.message).toContain(counts);
      expect(j.result.rerun).toContain('npm run deploy -- --target-org');
      expect(permissionSets(emu, 'API_Only_Integration')).toHaveLength(0);
      expect(usersNamed(emu, username)).toHaveLength(0);

      org?.setLicenseSeats?.(licence, 1);
      const rerun = await deploy(emu, dir);
      expect({ code: rerun.code, outcome: parse(rerun).result.outcome }).toEqual({ code: 0, outcome: 'Succeeded' });
    }, SANDBOX);
  });

  it('Given a permission set licence the org does not have, When deployed, Then it stops before changing anything and names the licences the org has', async () => {
    const dir = await makeProject({ extra: { ...INTEGRATION, permissionSet: { license: 'SalesforceCPQ_CPQStandardPerm' } } });
    await withEmulatedOrg(async (emu) => {
      const r = await deploy(emu, dir);
      const j = parse(r);
      expect({ code: r.code, outcome: j.result.outcome }).toEqual({ code: 1, outcome: 'LicenseCheckFailed' });
      expect(j.result.licences?.error).toMatchObject({ code: 'PERMISSION_SET_LICENSE_NOT_FOUND', message: expect.stringContaining('It has: SalesforceAPIIntegrationPsl') });
      expect(permissionSets(emu, 'API_Only_Integration')).toHaveLength(0);
    }, SANDBOX);
  });

  it('Given the licence "Salesforce" for the permission set, When generated, Then exit 2 with the reason and nothing written', async () => {
    const dir = await makeProject({ extra: INTEGRATION });
    const config = JSON.parse(readFileSync(join(dir, 'apionly.config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'apionly.config.json'), JSON.stringify({ ...config, permissionSet: { license: 'Salesforce' }, profile: { userPermissions: { ModifyAllData: true } } }));
    const r = await runBin(['generate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/permissionSet/license');
    expect(r.stderr).toContain('cannot be assigned to a Salesforce Integration user');
    expect(r.stderr).toContain('/profile/userPermissions/ModifyAllData');
    expect(r.stderr).toContain('cannot carry ModifyAllData');
  });

  it('Given a user on the profile route, When the route is switched, Then a licence-bound permission set stops the move with the manual steps; once removed, the rerun moves the user in one update', async () => {
    const dir = await makeProject({ permissionSets: ['Sales_Reports'] });
    const username = configUsername(dir);
    await withEmulatedOrg(async (emu) => {
      const before = await deploy(emu, dir);
      expect(before.code).toBe(0);
      expect(userState(emu, username)).toMatchObject({ profile: 'API Only', licence: 'Salesforce', sets: ['Sales_Reports'] });

      // Switch: route "integration", the user keeps no Salesforce-licence set in the config.
      const config = JSON.parse(readFileSync(join(dir, 'apionly.config.json'), 'utf8')) as { user: Record<string, unknown> };
      writeFileSync(join(dir, 'apionly.config.json'), JSON.stringify({ ...config, route: 'integration', user: { ...config.user, permissionSets: [] } }, undefined, 2));
      const generated = await runBin(['generate'], { cwd: dir });
      expect(generated.code).toBe(0);
      // The profile file stays (never deleted for you) and generate says so.
      expect(`${generated.stdout}${generated.stderr}`).toContain('force-app/main/default/profiles/API Only.profile-meta.xml is no longer generated (route "integration")');

      const blocked = await deploy(emu, dir);
      const bj = parse(blocked);
      expect({ code: blocked.code, outcome: bj.result.outcome }).toEqual({ code: 1, outcome: 'LicenseCheckFailed' });
      expect(bj.result.licences?.move).toEqual({ fromProfile: 'API Only', fromLicence: 'Salesforce' });
      expect(bj.result.licences?.error).toMatchObject({ code: 'USER_CANNOT_MOVE', message: expect.stringContaining('Sales_Reports') });
      expect(bj.result.licences?.error?.actions.join('\n')).toContain('Permission Set Assignments, remove Sales_Reports');
      expect(userState(emu, username)).toMatchObject({ profile: 'API Only', licence: 'Salesforce', sets: ['Sales_Reports'] });
      expect(permissionSets(emu, 'API_Only_Integration')).toHaveLength(0);

      // The manual step: an admin removes the assignment.
      const org = emu.world.orgs[0];
      const [assignment] = orgQuery(emu, `SELECT Id FROM PermissionSetAssignment WHERE Assignee.Username = '${username}' AND PermissionSet.Name = 'Sales_Reports'`);
      org?.delete('PermissionSetAssignment', String(assignment?.['Id']));

      const moved = await deploy(emu, dir);
      const mj = parse(moved);
      expect({ code: moved.code, outcome: mj.result.outcome }).toEqual({ code: 0, outcome: 'Succeeded' });
      expect(mj.result.user?.action).toBe('update');
      expect(userState(emu, username)).toEqual({ profile: MINIMUM_ACCESS, licence: 'Salesforce Integration', psls: ['SalesforceAPIIntegrationPsl'], sets: ['API_Only_Integration'], active: true });
      const seats = orgQuery(emu, "SELECT Name, UsedLicenses FROM UserLicense WHERE Name IN ('Salesforce', 'Salesforce Integration')");
      expect(Object.fromEntries(seats.map((s) => [s['Name'], s['UsedLicenses']]))).toEqual({ Salesforce: 1, 'Salesforce Integration': 1 });
    }, SANDBOX);
  });

  it('Given a user on the integration route, When switched back to the profile route, Then the move off the Integration licence stops with the manual steps (68, user unchanged); once done, the rerun moves it', async () => {
    const dir = await makeProject({ extra: INTEGRATION });
    const username = configUsername(dir);
    await withEmulatedOrg(async (emu) => {
      expect((await deploy(emu, dir)).code).toBe(0);
      const config = JSON.parse(readFileSync(join(dir, 'apionly.config.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(dir, 'apionly.config.json'), JSON.stringify({ ...config, route: 'profile' }, undefined, 2));
      expect((await runBin(['generate'], { cwd: dir })).code).toBe(0);

      const dry = await deploy(emu, dir, '--dry-run');
      expect({ code: dry.code, error: parse(dry).result.user?.error?.code }).toEqual({ code: 1, error: 'USER_CANNOT_MOVE' });

      const blocked = await deploy(emu, dir);
      const bj = parse(blocked);
      expect({ code: blocked.code, outcome: bj.result.outcome }).toEqual({ code: 68, outcome: 'UserStepFailed' });
      expect(bj.result.user?.error).toMatchObject({ code: 'USER_CANNOT_MOVE', message: expect.stringContaining('API_Only_Integration') });
      expect(userState(emu, username)).toMatchObject({ profile: MINIMUM_ACCESS, psls: ['SalesforceAPIIntegrationPsl'], sets: ['API_Only_Integration'] });

      // The manual steps: the set, then the licence.
      const org = emu.world.orgs[0];
      const [set] = orgQuery(emu, `SELECT Id FROM PermissionSetAssignment WHERE Assignee.Username = '${username}' AND PermissionSet.Name = 'API_Only_Integration'`);
      org?.delete('PermissionSetAssignment', String(set?.['Id']));
      const [psl] = orgQuery(emu, `SELECT Id FROM PermissionSetLicenseAssign WHERE Assignee.Username = '${username}'`);
      org?.delete('PermissionSetLicenseAssign', String(psl?.['Id']));

      const moved = await deploy(emu, dir);
      expect({ code: moved.code, outcome: parse(moved).result.outcome }).toEqual({ code: 0, outcome: 'Succeeded' });
      expect(userState(emu, username)).toEqual({ profile: 'API Only', licence: 'Salesforce', psls: [], sets: [], active: true });
    }, SANDBOX);
  });

  it('Given the PSL insert fails after the set deployed, When deployed, Then exit 68 with the rerun (the user created, no set assigned before its licence); the rerun finishes', async () => {
    const dir = await makeProject({ extra: INTEGRATION });
    const username = configUsername(dir);
    await withEmulatedOrg(async (emu) => {
      emu.faults.add({ kind: 'http-500', match: { route: 'sobject-create', sobject: 'PermissionSetLicenseAssign' } });
      const partial = await deploy(emu, dir);
      const pj = parse(partial);
      expect({ code: partial.code, outcome: pj.result.outcome }).toEqual({ code: 68, outcome: 'UserStepFailed' });
      expect(pj.result.user).toMatchObject({
        action: 'create',
        status: 'failed',
        permissionSetLicenses: [{ name: 'SalesforceAPIIntegrationPsl', action: 'assign', done: false }],
        permissionSets: [{ name: 'API_Only_Integration', action: 'assign', done: false }],
      });
      expect(pj.result.rerun).toContain('npm run deploy -- --target-org');
      expect(userState(emu, username)).toEqual({ profile: MINIMUM_ACCESS, licence: 'Salesforce Integration', psls: [], sets: [], active: true });

      const rerun = await deploy(emu, dir);
      const rj = parse(rerun);
      expect({ code: rerun.code, outcome: rj.result.outcome, action: rj.result.user?.action }).toEqual({ code: 0, outcome: 'Succeeded', action: 'none' });
      expect(rj.result.licences?.seats.map((s) => s.needed)).toEqual([0, 1]);
      expect(userState(emu, username)?.sets).toEqual(['API_Only_Integration']);
    }, SANDBOX);
  });

  it('Given a catalogue from discover, When generated and deployed on the integration route, Then the set carries the org\'s objects and fields and verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apionly-integration-catalogue-'));
    cpSync(join(__dirname, '..', 'golden', 'integration-discovered-org', 'input'), dir, { recursive: true });
    expect((await runBin(['generate'], { cwd: dir })).code).toBe(0);
    const org = { kind: 'sandbox' as const, orgId: '00D000000000042', features: { Orders: true }, customObjects: { count: 2, fieldsPerObject: 12 } };
    await withEmulatedOrg(async (emu) => {
      const r = await deploy(emu, dir);
      const j = parse(r);
      expect({ code: r.code, outcome: j.result.outcome }).toEqual({ code: 0, outcome: 'Succeeded' });
      expect(j.result.checks.every((c) => c.passed)).toBe(true);
      const fields = orgQuery(emu, "SELECT Field FROM FieldPermissions WHERE Parent.Name = 'API_Only_Integration'").map((f) => String(f['Field']));
      expect(fields).toEqual(expect.arrayContaining(['Obj0001__c.Field01__c', 'Account.Industry']));
      expect(fields.length).toBeGreaterThan(300);
      expect(userState(emu, 'integration@acme.example')).toMatchObject({ profile: MINIMUM_ACCESS, psls: ['SalesforceAPIIntegrationPsl'], sets: ['API_Only_Integration'] });
    }, { deployTiming: { queuedPolls: 0, inProgressPolls: 1 }, orgs: [org] });
  });
});
