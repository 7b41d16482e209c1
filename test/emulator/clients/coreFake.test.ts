/**
 * jsforce through @salesforce/core against the emulated org's wire layer (in-test world): token
 * connections, Org.create by token and by a saved alias, query/create/update, bad token.
 */
import { AuthInfo, Connection, Org, StateAggregator } from '@salesforce/core';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { connectionFor, userFields, withEmulatedOrg } from '../../helpers/emulator';
import { fakeWorld } from '../server/fakeWorld';

const NEW_USER = userFields('api.only@example.com.emu', { ProfileId: '00e000000000001AAA' });

/** `sf org login access-token` in a child process with this test file's temporary HOME. */
async function saveAliasInChild(instanceUrl: string, token: string, username: string, alias: string): Promise<void> {
  // Async: the emulated org answers from this process's event loop.
  await promisify(execFile)(process.execPath, [join(__dirname, 'saveAlias.js'), instanceUrl, token, username, alias], {
    env: { ...process.env, NODE_PATH: join(__dirname, '..', '..', '..', 'node_modules') },
    timeout: 30000,
  });
}

describe('@salesforce/core and jsforce against the emulated org (fake world)', () => {
  it('Given a token connection, When querying, creating and updating a User, Then the calls reach the world', async () => {
    const world = fakeWorld();
    await withEmulatedOrg(
      async (org) => {
        const conn = await connectionFor(org);
        expect(conn.getApiVersion()).toBe('66.0');
        const orgRow = await conn.singleRecordQuery<{ IsSandbox: boolean }>('SELECT Name, IsSandbox FROM Organization');
        expect(orgRow.IsSandbox).toBe(false);
        const created = await conn.sobject('User').create(NEW_USER);
        expect(created).toEqual(expect.objectContaining({ success: true, id: expect.stringMatching(/^005\w{15}$/) }));
        const id = (created as { id: string }).id;
        await conn.sobject('User').update({ Id: id, IsActive: false });
        expect(world.orgs[0]?.users.get(id)?.['IsActive']).toBe(false);
        const fetched = await conn.sobject('User').retrieve(id);
        expect(fetched).toEqual(expect.objectContaining({ Username: NEW_USER['Username'], IsActive: false }));
        const dup = await conn
          .sobject('User')
          .create(NEW_USER)
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(dup).toEqual(expect.objectContaining({ errorCode: 'DUPLICATE_USERNAME', message: 'Duplicate Username.' }));
        expect((dup as { data?: { fields?: string[] } }).data?.fields).toEqual(['Username']);
      },
      { world },
    );
  });

  it('Given a bad token, When querying, Then INVALID_SESSION_ID is final', async () => {
    await withEmulatedOrg(
      async (org) => {
        const authInfo = await AuthInfo.create({
          username: '00D000000000099!BAD.token',
          accessTokenOptions: { accessToken: '00D000000000099!BAD.token', instanceUrl: org.instanceUrl },
        });
        const conn = await Connection.create({ authInfo });
        const err = await conn.query('SELECT Id FROM User').then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toEqual(expect.objectContaining({ errorCode: 'INVALID_SESSION_ID' }));
      },
      { world: fakeWorld() },
    );
  });

  it('Given the token as the org and SF_ORG_INSTANCE_URL, When Org.create runs, Then the connection targets the emulated org', async () => {
    await withEmulatedOrg(
      async (org) => {
        const token = org.orgs[0]?.accessToken ?? '';
        process.env['SF_ORG_INSTANCE_URL'] = org.instanceUrl;
        try {
          const sfOrg = await Org.create({ aliasOrUsername: token });
          const conn = sfOrg.getConnection();
          expect(conn.instanceUrl).toBe(org.instanceUrl);
          const result = await conn.query<{ Username: string }>('SELECT Id, Username FROM User');
          expect(result.records.map((r) => r.Username)).toContain(org.orgs[0]?.username);
        } finally {
          delete process.env['SF_ORG_INSTANCE_URL'];
        }
      },
      { world: fakeWorld() },
    );
  });

  it('Given an alias saved like `sf org login access-token`, When Org.create uses the alias, Then it connects', async () => {
    await withEmulatedOrg(
      async (org) => {
        const identity = org.orgs[0];
        if (!identity) throw new Error('no org');
        await saveAliasInChild(org.instanceUrl, identity.accessToken, identity.username, 'emu');
        StateAggregator.clearInstance();
        const sfOrg = await Org.create({ aliasOrUsername: 'emu' });
        expect(sfOrg.getOrgId()).toBe(identity.orgId);
        expect(sfOrg.getUsername()).toBe(identity.username);
        const res = await sfOrg.getConnection().query('SELECT Id FROM User');
        expect(res.totalSize).toBeGreaterThan(0);
      },
      { world: fakeWorld() },
    );
  });
});
