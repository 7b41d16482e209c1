/**
 * Emulated org for tests. Start one per test (withEmulatedOrg) or per file (useEmulatedOrg), always on a
 * free port of 127.0.0.1, always closed afterwards. Connections come from @salesforce/core, loaded lazily.
 *
 *   const emu = useEmulatedOrg();                 // beforeAll/afterAll
 *   const conn = await connectionFor(emu.get());  // token connection to the first org
 *
 *   await withEmulatedOrg(async (org) => { ... }, { deployTiming: { queuedPolls: 0, inProgressPolls: 0 } });
 */
import type { Connection } from '@salesforce/core';
import { startEmulatedOrg } from '../../src/emulator';
import type { RunningEmulatedOrg, StartEmulatedOrgOptions } from '../../src/emulator';

/** Test defaults: one Queued and one InProgress status check per deploy/retrieve, silent. */
export const TEST_ORG_DEFAULTS: StartEmulatedOrgOptions = { port: 0, deployTiming: { queuedPolls: 1, inProgressPolls: 1 } };

export async function withEmulatedOrg<T>(fn: (org: RunningEmulatedOrg) => Promise<T>, options: StartEmulatedOrgOptions = {}): Promise<T> {
  const org = await startEmulatedOrg({ ...TEST_ORG_DEFAULTS, ...options });
  try {
    return await fn(org);
  } finally {
    await org.close();
  }
}

/** Starts an org in beforeAll and closes it in afterAll; `get()` inside tests. */
export function useEmulatedOrg(options: StartEmulatedOrgOptions = {}): { get(): RunningEmulatedOrg } {
  let org: RunningEmulatedOrg | undefined;
  beforeAll(async () => {
    org = await startEmulatedOrg({ ...TEST_ORG_DEFAULTS, ...options });
  });
  afterAll(async () => {
    await org?.close();
  });
  return {
    get(): RunningEmulatedOrg {
      if (!org) throw new Error('useEmulatedOrg: the org is not started yet (call get() inside a test)');
      return org;
    },
  };
}

/** A @salesforce/core token Connection to one of the hosted orgs (default the first). */
export async function connectionFor(org: RunningEmulatedOrg, index = 0): Promise<Connection> {
  const { AuthInfo, Connection } = require('@salesforce/core') as typeof import('@salesforce/core');
  const identity = org.orgs[index];
  if (!identity) throw new Error(`connectionFor: no org #${index}`);
  const authInfo = await AuthInfo.create({
    username: identity.accessToken,
    accessTokenOptions: { accessToken: identity.accessToken, instanceUrl: org.instanceUrl },
  });
  return Connection.create({ authInfo });
}

/** The fields a new User needs in any org (required fields and valid picklist values); override what a test cares about. */
export function userFields(username: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Username: username,
    LastName: 'Integration',
    Email: 'api.only@example.com',
    Alias: 'apionly',
    TimeZoneSidKey: 'America/Los_Angeles',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
    ...overrides,
  };
}
