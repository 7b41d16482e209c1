/**
 * The official `sf` CLI as a client of the emulated org. The CLI is not a project dependency, so this runs
 * only when APIONLY_SF_CLI points at an sf binary, e.g.
 *   npm install --prefix /tmp/sfcli @salesforce/cli
 *   APIONLY_SF_CLI=/tmp/sfcli/node_modules/.bin/sf npx jest test/emulator/clients/sfCli.test.ts
 * Without it the suite is reported as skipped.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { childEnv } from '../../helpers/childEnv';
import { useEmulatedOrg } from '../../helpers/emulator';
import { API_ONLY, makeProject } from './project';

const SF = process.env['APIONLY_SF_CLI'];
const describeWithSf = SF ? describe : describe.skip;

interface SfRun {
  code: number;
  stdout: string;
  stderr: string;
}

describeWithSf('sf CLI against the emulated org (APIONLY_SF_CLI)', () => {
  const emu = useEmulatedOrg({ deployTiming: { queuedPolls: 1, inProgressPolls: 1 } });
  const home = mkdtempSync(join(tmpdir(), 'apionly-sf-home-'));
  const project = makeProject({ 'API Only': API_ONLY });

  function sf(args: string[], cwd = project.root): Promise<SfRun> {
    const env = childEnv(
      {
        SF_ORG_INSTANCE_URL: emu.get().instanceUrl,
        // In a project, core 9 validates sfdcLoginUrl, which defaults to SF_ORG_INSTANCE_URL and refuses
        // 127.0.0.1 (InvalidProjectLoginUrlError); a Salesforce login URL here keeps the check quiet.
        FORCE_SFDC_LOGIN_URL: 'https://login.salesforce.com',
        PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      },
      home,
    );
    return new Promise((resolve) => {
      execFile(SF ?? 'sf', args, { cwd, env, timeout: 120_000, maxBuffer: 10 * 1024 * 1024 }, (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }
  const token = (): string => emu.get().orgs[0]?.accessToken ?? '';

  it('project deploy start deploys the profile', async () => {
    const r = await sf(['project', 'deploy', 'start', '-d', 'force-app', '--target-org', token(), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { result: { status: string; files: Array<{ fullName: string; state: string }> } };
    expect(out.result.status).toBe('Succeeded');
    expect(out.result.files).toEqual([expect.objectContaining({ fullName: 'API Only', state: 'Created' })]);
  }, 120_000);

  it('project retrieve start writes the profile back', async () => {
    const r = await sf(['project', 'retrieve', 'start', '-m', 'Profile:API Only', '--target-org', token(), '--json']);
    expect(r.code).toBe(0);
    const text = readFileSync(join(project.profileDir, 'API Only.profile-meta.xml'), 'utf8');
    expect(text).toContain('<name>ApiUserOnly</name>');
    expect(text.endsWith('</Profile>\n')).toBe(true);
  }, 120_000);

  it('data query with a parent field, and data create record for a User', async () => {
    const q = await sf(['data', 'query', '-q', "SELECT Id, Profile.Name FROM User", '--target-org', token(), '--json']);
    expect(q.code).toBe(0);
    expect((JSON.parse(q.stdout) as { result: { totalSize: number } }).result.totalSize).toBeGreaterThan(0);
    const p = await sf(['data', 'query', '-q', "SELECT Id FROM Profile WHERE Name = 'API Only'", '--target-org', token(), '--json']);
    const profileId = (JSON.parse(p.stdout) as { result: { records: Array<{ Id: string }> } }).result.records[0]?.Id ?? '';
    const values = `Username=sf.cli.${Date.now()}@example.com.emu LastName=Integration Email=a@example.com Alias=sfcli TimeZoneSidKey=America/Los_Angeles LocaleSidKey=en_US EmailEncodingKey=UTF-8 LanguageLocaleKey=en_US ProfileId=${profileId}`;
    const c = await sf(['data', 'create', 'record', '-s', 'User', '-v', values, '--target-org', token(), '--json']);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toEqual(expect.objectContaining({ result: expect.objectContaining({ success: true }) }));
  }, 120_000);

  it('data query of ObjectPermissions by Parent.Profile.Name, and data update record freezing a user through UserLogin', async () => {
    const q = await sf(['data', 'query', '-q', "SELECT Id, SobjectType, Parent.Profile.Name, PermissionsRead FROM ObjectPermissions WHERE Parent.Profile.Name = 'API Only'", '--target-org', token(), '--json']);
    expect(q.code).toBe(0);
    const rows = (JSON.parse(q.stdout) as { result: { records: Array<{ SobjectType: string; Parent: { Profile: { Name: string } } }> } }).result.records;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]?.Parent.Profile.Name).toBe('API Only');
    const u = await sf(['data', 'query', '-q', 'SELECT Id, UserId, IsFrozen FROM UserLogin', '--target-org', token(), '--json']);
    expect(u.code).toBe(0);
    const logins = (JSON.parse(u.stdout) as { result: { records: Array<{ Id: string; UserId: string; IsFrozen: boolean }> } }).result.records;
    const other = logins.find((l) => l.UserId !== emu.get().orgs[0]?.userId);
    expect(other).toBeDefined();
    const f = await sf(['data', 'update', 'record', '-s', 'UserLogin', '-i', other?.Id ?? '', '-v', 'IsFrozen=true', '--target-org', token(), '--json']);
    expect(f.code).toBe(0);
    const again = await sf(['data', 'query', '-q', `SELECT IsFrozen FROM UserLogin WHERE Id = '${other?.Id ?? ''}'`, '--target-org', token(), '--json']);
    expect((JSON.parse(again.stdout) as { result: { records: Array<{ IsFrozen: boolean }> } }).result.records[0]?.IsFrozen).toBe(true);
  }, 120_000);

  it('org assign permsetlicense, then org assign permset, for a Salesforce Integration user (the PSL first)', async () => {
    const p = await sf(['data', 'query', '-q', "SELECT Id FROM Profile WHERE Name = 'Minimum Access - API Only Integrations'", '--target-org', token(), '--json']);
    const profileId = (JSON.parse(p.stdout) as { result: { records: Array<{ Id: string }> } }).result.records[0]?.Id ?? '';
    const username = `sf.int.${Date.now()}@example.com.emu`;
    const values = `Username=${username} LastName=Integration Email=a@example.com Alias=sfint TimeZoneSidKey=America/Los_Angeles LocaleSidKey=en_US EmailEncodingKey=UTF-8 LanguageLocaleKey=en_US ProfileId=${profileId}`;
    expect((await sf(['data', 'create', 'record', '-s', 'User', '-v', values, '--target-org', token(), '--json'])).code).toBe(0);

    // The set before its licence is refused with the platform's message.
    const early = await sf(['org', 'assign', 'permset', '--name', 'Integration_Object_Access', '--on-behalf-of', username, '--target-org', token(), '--json']);
    expect(early.code).not.toBe(0);
    expect(early.stdout).toContain("The user license doesn't allow the permission: Read Account");

    const psl = await sf(['org', 'assign', 'permsetlicense', '--name', 'SalesforceAPIIntegrationPsl', '--on-behalf-of', username, '--target-org', token(), '--json']);
    expect(psl.code).toBe(0);
    expect((JSON.parse(psl.stdout) as { result: { successes: unknown[] } }).result.successes).toHaveLength(1);
    const ps = await sf(['org', 'assign', 'permset', '--name', 'Integration_Object_Access', '--on-behalf-of', username, '--target-org', token(), '--json']);
    expect(ps.code).toBe(0);
    expect((JSON.parse(ps.stdout) as { result: { successes: unknown[] } }).result.successes).toHaveLength(1);
  }, 180_000);
  it('sobject describe of ObjectPermissions and FieldPermissions shows the restricted picklists of the org (what discover reads)', async () => {
    const o = await sf(['sobject', 'describe', '--sobject', 'ObjectPermissions', '--target-org', token(), '--json']);
    expect(o.code).toBe(0);
    const objFields = (JSON.parse(o.stdout) as { result: { fields: Array<{ name: string; restrictedPicklist: boolean; picklistValues: Array<{ value: string }> }> } }).result.fields;
    const sobjectType = objFields.find((f) => f.name === 'SobjectType');
    expect(sobjectType?.restrictedPicklist).toBe(true);
    expect(sobjectType?.picklistValues.map((v) => v.value)).toEqual(expect.arrayContaining(['Account', 'Opportunity']));
    const f = await sf(['sobject', 'describe', '--sobject', 'FieldPermissions', '--target-org', token(), '--json']);
    expect(f.code).toBe(0);
    const field = (JSON.parse(f.stdout) as { result: { fields: Array<{ name: string; picklistValues: Array<{ value: string }> }> } }).result.fields.find((x) => x.name === 'Field');
    expect(field?.picklistValues.map((v) => v.value)).toEqual(expect.arrayContaining(['Account.Phone', 'OpportunityLineItem.Discount']));
  }, 120_000);
});
