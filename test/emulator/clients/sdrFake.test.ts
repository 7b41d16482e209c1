/**
 * SDR (source-deploy-retrieve) against the emulated org's wire layer, with a fixed in-test world
 * (test/emulator/server/fakeWorld.ts), so these tests are about the protocol, not Salesforce's rules.
 */
import { Duration } from '@salesforce/kit';
import { ComponentSet, RequestStatus } from '@salesforce/source-deploy-retrieve';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { connectionFor, withEmulatedOrg } from '../../helpers/emulator';
import { fakeWorld } from '../server/fakeWorld';
import { makeProject, PROFILE_OK } from './project';

const FAST = { frequency: Duration.milliseconds(20), timeout: Duration.seconds(30) };
const BAD = PROFILE_OK.replace('<name>ApiEnabled</name>', '<name>Bogus</name>');

describe('SDR deploy against the emulated org (fake world)', () => {
  it('Given a valid profile, When deployed, Then polling goes Queued -> InProgress -> Succeeded and the profile lands', async () => {
    const world = fakeWorld();
    await withEmulatedOrg(
      async (org) => {
        const conn = await connectionFor(org);
        const project = makeProject({ 'API Only': PROFILE_OK });
        const cs = ComponentSet.fromSource(project.paths[0] ?? '');
        cs.sourceApiVersion = '66.0';
        const deploy = await cs.deploy({ usernameOrConnection: conn });
        const seen: string[] = [];
        deploy.onUpdate((r) => seen.push(String(r.status)));
        const result = await deploy.pollStatus(FAST);
        expect(seen).toEqual([RequestStatus.Pending, RequestStatus.InProgress]);
        expect(result.response.status).toBe(RequestStatus.Succeeded);
        expect(result.response.checkOnly).toBe(false);
        const files = result.getFileResponses();
        expect(files).toEqual([expect.objectContaining({ fullName: 'API Only', type: 'Profile', state: 'Created' })]);
        expect(world.orgs[0]?.profiles.get('API Only')).toBe(PROFILE_OK);
        expect(world.orgs[0]?.deploys[0]?.files).toEqual(['package.xml', 'profiles/API Only.profile']);
      },
      { world },
    );
  });

  it('Given a profile the org rejects, When deployed, Then pollStatus resolves Failed with the component error', async () => {
    const world = fakeWorld();
    await withEmulatedOrg(
      async (org) => {
        const conn = await connectionFor(org);
        const project = makeProject({ 'API Only': BAD });
        const cs = ComponentSet.fromSource(project.paths[0] ?? '');
        cs.sourceApiVersion = '66.0';
        const result = await (await cs.deploy({ usernameOrConnection: conn })).pollStatus(FAST);
        expect(result.response.status).toBe(RequestStatus.Failed);
        expect(result.response.success).toBe(false);
        expect(result.getFileResponses()).toEqual([
          expect.objectContaining({ fullName: 'API Only', type: 'Profile', state: 'Failed', problemType: 'Error', lineNumber: 3, columnNumber: 5 }),
        ]);
        expect(world.orgs[0]?.profiles.has('API Only')).toBe(false);
      },
      { world },
    );
  });

  it('Given checkOnly, When deployed, Then the result echoes checkOnly and nothing is applied', async () => {
    const world = fakeWorld();
    await withEmulatedOrg(
      async (org) => {
        const conn = await connectionFor(org);
        const project = makeProject({ 'API Only': PROFILE_OK });
        const cs = ComponentSet.fromSource(project.paths[0] ?? '');
        cs.sourceApiVersion = '66.0';
        const result = await (await cs.deploy({ usernameOrConnection: conn, apiOptions: { checkOnly: true } })).pollStatus(FAST);
        expect(result.response.status).toBe(RequestStatus.Succeeded);
        expect(result.response.checkOnly).toBe(true);
        expect(world.orgs[0]?.deploys[0]?.options.checkOnly).toBe(true);
        expect(world.orgs[0]?.profiles.has('API Only')).toBe(false);
      },
      { world },
    );
  });

  it('Given a deploy in progress, When canceled, Then polling ends Canceled, onCancel fires and nothing is applied', async () => {
    const world = fakeWorld();
    await withEmulatedOrg(
      async (org) => {
        const conn = await connectionFor(org);
        const project = makeProject({ 'API Only': PROFILE_OK });
        const cs = ComponentSet.fromSource(project.paths[0] ?? '');
        cs.sourceApiVersion = '66.0';
        const deploy = await cs.deploy({ usernameOrConnection: conn });
        let canceled = false;
        deploy.onCancel(() => {
          canceled = true;
        });
        await deploy.cancel();
        const result = await deploy.pollStatus(FAST);
        expect(result.response.status).toBe(RequestStatus.Canceled);
        expect(canceled).toBe(true);
        expect(result.getFileResponses()).toEqual([]);
        expect(world.orgs[0]?.deploys).toHaveLength(0);
      },
      { world, deployTiming: { queuedPolls: 3, inProgressPolls: 3 } },
    );
  });

  it('Given apiOptions.rest, When deployed, Then the REST deployRequest route answers and the profile lands', async () => {
    const world = fakeWorld();
    await withEmulatedOrg(
      async (org) => {
        const conn = await connectionFor(org);
        const project = makeProject({ 'API Only': PROFILE_OK });
        const cs = ComponentSet.fromSource(project.paths[0] ?? '');
        cs.sourceApiVersion = '66.0';
        const deploy = await cs.deploy({ usernameOrConnection: conn, apiOptions: { rest: true } });
        const seen: string[] = [];
        deploy.onUpdate((r) => seen.push(String(r.status)));
        const result = await deploy.pollStatus(FAST);
        expect(seen).toEqual([RequestStatus.Pending, RequestStatus.InProgress]);
        expect(result.response.status).toBe(RequestStatus.Succeeded);
        expect(result.getFileResponses()).toEqual([expect.objectContaining({ fullName: 'API Only', state: 'Created' })]);
        expect(world.orgs[0]?.profiles.get('API Only')).toBe(PROFILE_OK);
      },
      { world },
    );
  });

  it('Given REST and a rejected profile, When deployed, Then the failure arrives through deployRequest', async () => {
    const world = fakeWorld();
    await withEmulatedOrg(
      async (org) => {
        const conn = await connectionFor(org);
        const project = makeProject({ 'API Only': BAD });
        const cs = ComponentSet.fromSource(project.paths[0] ?? '');
        cs.sourceApiVersion = '66.0';
        const result = await (await cs.deploy({ usernameOrConnection: conn, apiOptions: { rest: true } })).pollStatus(FAST);
        expect(result.response.status).toBe(RequestStatus.Failed);
        expect(result.getFileResponses()).toEqual([expect.objectContaining({ fullName: 'API Only', state: 'Failed', error: expect.stringContaining('Bogus') })]);
      },
      { world },
    );
  });

  it('Given a profile in the org, When retrieved into a project, Then the file has the org bytes', async () => {
    const world = fakeWorld();
    world.orgs[0]?.profiles.set('API Only', PROFILE_OK);
    await withEmulatedOrg(
      async (org) => {
        const conn = await connectionFor(org);
        const project = makeProject({});
        const cs = new ComponentSet([{ fullName: 'API Only', type: 'Profile' }]);
        cs.sourceApiVersion = '66.0';
        const retrieve = await cs.retrieve({ usernameOrConnection: conn, output: join(project.root, 'force-app'), merge: true });
        const seen: string[] = [];
        retrieve.onUpdate((r) => seen.push(String(r.status)));
        const result = await retrieve.pollStatus(FAST);
        expect(seen).toEqual([RequestStatus.Pending, RequestStatus.InProgress]);
        expect(result.response.status).toBe(RequestStatus.Succeeded);
        const written = join(project.root, 'force-app', 'main', 'default', 'profiles', 'API Only.profile-meta.xml');
        expect(existsSync(written)).toBe(true);
        expect(readFileSync(written, 'utf8')).toBe(PROFILE_OK);
        expect(readdirSync(join(project.root, 'force-app', 'main', 'default', 'profiles'))).toEqual(['API Only.profile-meta.xml']);
      },
      { world },
    );
  });
});
