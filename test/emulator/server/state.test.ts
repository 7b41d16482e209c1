/**
 * --state persistence with the real model: written atomically after each change, loaded on start,
 * a corrupt or foreign file is a clear error and is never overwritten.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorStateError, startEmulatedOrg } from '../../../src/emulator';
import { userFields } from '../../helpers/emulator';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'apionly-emu-state-'));
}


async function call(base: string, token: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('state file', () => {
  it('Given --state, When a user is created and the org restarted, Then the user, token and org id survive', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'org.json');
    const first = await startEmulatedOrg({ statePath });
    const identity = first.orgs[0];
    if (!identity) throw new Error('no org');
    expect(existsSync(statePath)).toBe(true); // written at start
    const q = encodeURIComponent("SELECT Id FROM Profile WHERE Name = 'Standard User'");
    const profileId = (await call(first.instanceUrl, identity.accessToken, `/services/data/v66.0/query?q=${q}`)).body.records[0].Id as string;
    const created = await call(first.instanceUrl, identity.accessToken, '/services/data/v66.0/sobjects/User', {
      method: 'POST',
      body: JSON.stringify(userFields('persisted@example.com.emu', { ProfileId: profileId })),
    });
    expect(created.status).toBe(201);
    // Written after the change, before close.
    const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { format: string; version: number };
    expect(saved).toEqual(expect.objectContaining({ format: 'apionly-emulated-org-state', version: 1 }));
    expect(readFileSync(statePath, 'utf8')).toContain('persisted@example.com.emu');
    await first.close();
    expect(readdirSync(dir)).toEqual(['org.json']); // no temp files left

    const second = await startEmulatedOrg({ statePath });
    try {
      expect(second.orgs).toEqual(first.orgs);
      const got = await call(second.instanceUrl, identity.accessToken, `/services/data/v66.0/sobjects/User/${created.body.id}?fields=Username`);
      expect(got.body.Username).toBe('persisted@example.com.emu');
      const dup = await call(second.instanceUrl, identity.accessToken, '/services/data/v66.0/sobjects/User', {
        method: 'POST',
        body: JSON.stringify(userFields('persisted@example.com.emu', { ProfileId: profileId })),
      });
      expect(dup.body[0].errorCode).toBe('DUPLICATE_USERNAME');
    } finally {
      await second.close();
    }
  });

  it('Given reads only, When served, Then the state file is not rewritten', async () => {
    const statePath = join(tempDir(), 'org.json');
    const org = await startEmulatedOrg({ statePath });
    const before = readFileSync(statePath, 'utf8');
    await fetch(`${org.instanceUrl}/services/data`);
    await call(org.instanceUrl, org.orgs[0]?.accessToken ?? '', `/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM User')}`);
    expect(readFileSync(statePath, 'utf8')).toBe(before);
    await org.close();
    expect(readFileSync(statePath, 'utf8')).toBe(before);
  });

  it.each([
    ['not JSON', '{ nope', /not valid JSON/],
    ['another JSON file', '{"hello":"world"}', /is not an emulated org state file/],
    ['a future version', '{"format":"apionly-emulated-org-state","version":99,"world":{}}', /state format version 99/],
    ['a broken world', '{"format":"apionly-emulated-org-state","version":1,"world":{"orgs":"x"}}', /could not be loaded/],
  ])('Given %s as the state file, When started, Then a clear EmulatorStateError and the file is untouched', async (_what, content, message) => {
    const statePath = join(tempDir(), 'org.json');
    writeFileSync(statePath, content);
    const err = await startEmulatedOrg({ statePath }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmulatorStateError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain(statePath);
    expect(readFileSync(statePath, 'utf8')).toBe(content);
  });

  it('Given a production org and a sandbox, When started, Then each token reaches its own org and usernames are unique across both', async () => {
    const org = await startEmulatedOrg({ orgs: [{ kind: 'production' }, { kind: 'sandbox' }] });
    try {
      const [prod, sandbox] = org.orgs;
      if (!prod || !sandbox) throw new Error('two orgs expected');
      const q = encodeURIComponent('SELECT IsSandbox FROM Organization');
      expect((await call(org.instanceUrl, prod.accessToken, `/services/data/v66.0/query?q=${q}`)).body.records[0].IsSandbox).toBe(false);
      expect((await call(org.instanceUrl, sandbox.accessToken, `/services/data/v66.0/query?q=${q}`)).body.records[0].IsSandbox).toBe(true);
      const pq = encodeURIComponent("SELECT Id FROM Profile WHERE Name = 'Standard User'");
      const sandboxProfile = (await call(org.instanceUrl, sandbox.accessToken, `/services/data/v66.0/query?q=${pq}`)).body.records[0].Id as string;
      const dup = await call(org.instanceUrl, sandbox.accessToken, '/services/data/v66.0/sobjects/User', {
        method: 'POST',
        body: JSON.stringify(userFields(prod.username, { ProfileId: sandboxProfile })),
      });
      expect(dup.status).toBe(400);
      expect(dup.body[0].errorCode).toBe('DUPLICATE_USERNAME');
    } finally {
      await org.close();
    }
  });
});
