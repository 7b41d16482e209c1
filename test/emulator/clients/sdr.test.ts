/**
 * The whole emulated org (server + the real model) through the real clients: SDR deploy/poll/retrieve over
 * SOAP and REST, then jsforce reads and writes what a deploy tool does next (Profile Id, User insert).
 */
import { Duration } from '@salesforce/kit';
import { ComponentSet, RequestStatus } from '@salesforce/source-deploy-retrieve';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectionFor, useEmulatedOrg, userFields } from '../../helpers/emulator';
import { API_ONLY, fullAccess, makeProject, NS, perm, profile } from './project';

const FAST = { frequency: Duration.milliseconds(20), timeout: Duration.seconds(30) };


async function deployProfiles(conn: Awaited<ReturnType<typeof connectionFor>>, profiles: Record<string, string>, apiOptions: Record<string, unknown> = {}) {
  const project = makeProject(profiles);
  const cs = ComponentSet.fromSource(join(project.root, 'force-app'));
  cs.sourceApiVersion = '66.0';
  const deploy = await cs.deploy({ usernameOrConnection: conn, apiOptions });
  const updates: string[] = [];
  deploy.onUpdate((r) => updates.push(String(r.status)));
  const result = await deploy.pollStatus(FAST);
  return { result, updates, project };
}

describe('SDR + jsforce against the emulated org (real model)', () => {
  const emu = useEmulatedOrg();

  it('Given the API Only profile, When deployed over SOAP, Then it succeeds and a User can be created with it', async () => {
    const conn = await connectionFor(emu.get());
    const { result, updates } = await deployProfiles(conn, { 'API Only': API_ONLY });
    expect(updates).toEqual([RequestStatus.Pending, RequestStatus.InProgress]);
    expect(result.response.status).toBe(RequestStatus.Succeeded);
    expect(result.getFileResponses()).toEqual([expect.objectContaining({ fullName: 'API Only', type: 'Profile', state: 'Created' })]);

    const prof = await conn.singleRecordQuery<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'API Only'");
    expect(prof.Id).toMatch(/^00e\w{15}$/);
    const created = (await conn.sobject('User').create(userFields(`api.only.${Date.now()}@example.com.emu`, { ProfileId: prof.Id }))) as {
      id: string;
      success: boolean;
    };
    expect(created.success).toBe(true);
    const users = await conn.query<{ Id: string; Profile: { Name: string } }>(`SELECT Id, Profile.Name FROM User WHERE Id = '${created.id}'`);
    expect(users.records[0]?.Profile.Name).toBe('API Only');
  });

  it('Given an unknown user permission, When deployed, Then the deploy fails on the profile and nothing changes', async () => {
    const conn = await connectionFor(emu.get());
    const bad = profile('    <custom>true</custom>\n    <userLicense>Salesforce</userLicense>\n' + perm('NoSuchPermission'));
    const { result } = await deployProfiles(conn, { 'Bad Perm': bad });
    expect(result.response.status).toBe(RequestStatus.Failed);
    expect(result.getFileResponses()).toEqual([
      expect.objectContaining({ fullName: 'Bad Perm', type: 'Profile', state: 'Failed', problemType: 'Error', error: expect.stringContaining('Unknown user permission: NoSuchPermission') }),
    ]);
    const q = await conn.query("SELECT Id FROM Profile WHERE Name = 'Bad Perm'");
    expect(q.totalSize).toBe(0);
  });

  it('Given checkOnly, When deployed, Then it validates and creates nothing', async () => {
    const conn = await connectionFor(emu.get());
    const { result } = await deployProfiles(conn, { 'Check Only': API_ONLY }, { checkOnly: true });
    expect(result.response.status).toBe(RequestStatus.Succeeded);
    expect(result.response.checkOnly).toBe(true);
    expect((await conn.query("SELECT Id FROM Profile WHERE Name = 'Check Only'")).totalSize).toBe(0);
  });

  it('Given testLevel NoTestRun, When deployed to production, Then the whole deploy is refused', async () => {
    const conn = await connectionFor(emu.get());
    const { result } = await deployProfiles(conn, { 'No Tests': API_ONLY }, { testLevel: 'NoTestRun' });
    expect(result.response.status).toBe(RequestStatus.Failed);
    expect(result.response.errorStatusCode).toBe('INVALID_OPERATION');
    expect(result.response.errorMessage).toContain('NoTestRun');
  });

  it('Given the REST variant, When deployed, Then deployRequest succeeds with progress', async () => {
    const conn = await connectionFor(emu.get());
    const { result, updates } = await deployProfiles(conn, { 'API Only REST': API_ONLY }, { rest: true });
    expect(updates).toEqual([RequestStatus.Pending, RequestStatus.InProgress]);
    expect(result.response.status).toBe(RequestStatus.Succeeded);
    expect((await conn.query("SELECT Id FROM Profile WHERE Name = 'API Only REST'")).totalSize).toBe(1);
  });

  it('Given a deployed profile, When retrieved with Account, Then SDR writes the canonical profile with Account permissions', async () => {
    const conn = await connectionFor(emu.get());
    await deployProfiles(conn, { 'API Only': API_ONLY });
    const project = makeProject({});
    const cs = new ComponentSet([
      { fullName: 'API Only', type: 'Profile' },
      { fullName: 'Account', type: 'CustomObject' },
    ]);
    cs.sourceApiVersion = '66.0';
    const retrieve = await cs.retrieve({ usernameOrConnection: conn, output: join(project.root, 'force-app'), merge: true });
    const result = await retrieve.pollStatus(FAST);
    expect(result.response.status).toBe(RequestStatus.Succeeded);
    const files = result.getFileResponses();
    expect(files).toEqual(expect.arrayContaining([expect.objectContaining({ fullName: 'API Only', type: 'Profile', state: 'Created' })]));
    const text = readFileSync(join(project.root, 'force-app', 'main', 'default', 'profiles', 'API Only.profile-meta.xml'), 'utf8');
    expect(text.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${NS}">\n`)).toBe(true);
    expect(text.endsWith('</Profile>\n')).toBe(true);
    expect(text).toContain(fullAccess('Account'));
    expect(text).toContain(perm('ApiUserOnly'));
    expect(text).not.toContain('<enabled>false</enabled>'); // only enabled user permissions come back
    // SDR writes exactly the bytes the org served (the model's canonical profile).
    const served = emu.get().world.orgs[0]?.retrieve(
      [
        { name: 'CustomObject', members: ['Account'] },
        { name: 'Profile', members: ['API Only'] },
      ],
      '66.0',
    );
    expect(text).toBe(served?.files.get('profiles/API Only.profile'));
  });

  it('Given a slow deploy, When canceled, Then it ends Canceled and the profile is not created', async () => {
    const conn = await connectionFor(emu.get());
    emu.get().faults.add({ kind: 'deploy-stuck', polls: 50 });
    const project = makeProject({ 'To Cancel': API_ONLY });
    const cs = ComponentSet.fromSource(join(project.root, 'force-app'));
    cs.sourceApiVersion = '66.0';
    const deploy = await cs.deploy({ usernameOrConnection: conn });
    deploy.onUpdate((r) => {
      if (r.status === RequestStatus.InProgress) void deploy.cancel();
    });
    const result = await deploy.pollStatus(FAST);
    expect(result.response.status).toBe(RequestStatus.Canceled);
    expect((await conn.query("SELECT Id FROM Profile WHERE Name = 'To Cancel'")).totalSize).toBe(0);
    emu.get().faults.clear();
  });

  it('Given the token as target org, When Org.create runs and a User is updated, Then the change is read back', async () => {
    const { Org } = require('@salesforce/core') as typeof import('@salesforce/core');
    process.env['SF_ORG_INSTANCE_URL'] = emu.get().instanceUrl;
    try {
      const org = await Org.create({ aliasOrUsername: emu.get().orgs[0]?.accessToken ?? '' });
      const conn = org.getConnection();
      const admin = emu.get().orgs[0]?.userId ?? '';
      await conn.sobject('User').update({ Id: admin, Title: 'Emulated admin' });
      const rec = await conn.sobject('User').retrieve(admin);
      expect(rec).toEqual(expect.objectContaining({ Id: admin, Title: 'Emulated admin' }));
    } finally {
      delete process.env['SF_ORG_INSTANCE_URL'];
    }
  });

  it('Given a retrieve of a missing component, When polled, Then it succeeds with a warning message for it', async () => {
    const conn = await connectionFor(emu.get());
    const cs = new ComponentSet([{ fullName: 'Nope', type: 'Profile' }]);
    cs.sourceApiVersion = '66.0';
    const project = makeProject({});
    const result = await (await cs.retrieve({ usernameOrConnection: conn, output: join(project.root, 'force-app'), merge: true })).pollStatus(FAST);
    expect(result.response.status).toBe(RequestStatus.Succeeded);
    expect(result.getFileResponses()).toEqual([expect.objectContaining({ fullName: 'Nope', type: 'Profile', state: 'Failed' })]);
  });
});
