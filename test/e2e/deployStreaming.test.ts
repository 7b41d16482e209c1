/**
 * deploy() with a streaming section, against the emulated org: the generated PlatformEventChannelMembers go out with
 * the profile (SDR's component set takes the platformEventChannelMembers folder), the org selects the objects, and
 * the deployed integration user then receives their change events through jsforce's streaming client. An org whose
 * Change Data Capture allocation is too small refuses the members with its limit message.
 */
import { deploy } from '../../src/deploy';
import { silentProgress } from '../../src/deploy/progress';
import type { DeployReport } from '../../src/deploy/types';
import { connectionFor, withEmulatedOrg } from '../helpers/emulator';
import { collector, disconnected, jsforceConnection, sessionAs, subscribed } from '../helpers/streaming';
import type { RunningEmulatedOrg, StartEmulatedOrgOptions } from '../../src/emulator';
import { configUsername, makeProject } from './deploy.helpers';

jest.setTimeout(120_000);

const SANDBOX = { deployTiming: { queuedPolls: 0, inProgressPolls: 1 }, orgs: [{ kind: 'sandbox' as const }], cometd: { timeoutMs: 1500 } } satisfies StartEmulatedOrgOptions;
const STREAMING = { streaming: { changeDataCapture: ['Account', 'Contact', 'User'], pushTopics: true } };

function run(emu: RunningEmulatedOrg, project: string): Promise<DeployReport> {
  process.env['SF_ORG_INSTANCE_URL'] = emu.instanceUrl;
  return deploy({ cwd: project, targetOrg: emu.orgs[0]?.accessToken as string, pollFrequencyMs: 20, waitMinutes: 1, interactive: false }, { progress: silentProgress, env: {} });
}

afterEach(() => {
  delete process.env['SF_ORG_INSTANCE_URL'];
});

describe('deploy with streaming', () => {
  it('Given three objects selected for Change Data Capture, When deployed, Then the org selects them and the integration user receives an Account change event', async () => {
    const project = await makeProject({ extra: STREAMING });
    await withEmulatedOrg(async (emu) => {
      const report = await run(emu, project);
      expect(report).toMatchObject({ outcome: 'Succeeded', exitCode: 0 });
      const members = emu.world.orgs[0]?.toolingQuery?.('SELECT DeveloperName, EventChannel, SelectedEntity FROM PlatformEventChannelMember') ?? { records: [] };
      expect(members.records.map((r) => r['SelectedEntity']).sort()).toEqual(['AccountChangeEvent', 'ContactChangeEvent', 'UserChangeEvent']);
      expect(members.records.map((r) => r['DeveloperName']).sort()).toEqual(['ChangeEvents_AccountChangeEvent', 'ChangeEvents_ContactChangeEvent', 'ChangeEvents_UserChangeEvent']);

      const vendor = jsforceConnection(emu.instanceUrl, await sessionAs(emu, configUsername(project)));
      const got = collector();
      const client: any = vendor.streaming.createClient([]);
      try {
        await subscribed(client.subscribe('/data/AccountChangeEvent', got.listener));
        await subscribed(client.subscribe('/data/ChangeEvents', () => undefined));
        const admin = await connectionFor(emu);
        const account = (await admin.sobject('Account').create({ Name: 'Streamed' })) as { id: string };
        const [event] = await got.waitFor(1);
        expect(event?.['payload'].ChangeEventHeader).toMatchObject({ entityName: 'Account', changeType: 'CREATE', recordIds: [account.id] });
      } finally {
        await disconnected(client);
      }

      const again = await run(emu, project);
      expect(again).toMatchObject({ outcome: 'Succeeded', exitCode: 0 });
    }, SANDBOX);
  });

  it('Given an org that allows 2 entities, When three are deployed, Then the deploy fails with the limit and nothing is selected', async () => {
    const project = await makeProject({ extra: STREAMING });
    await withEmulatedOrg(async (emu) => {
      const report = await run(emu, project).catch((e: unknown) => e as { exitCode?: number; message: string });
      expect((report as { exitCode?: number }).exitCode).toBe(1);
      expect(JSON.stringify(report) + String((report as Error).message)).toMatch(/You can select up to 2 entities for Change Data Capture/);
      expect(emu.world.orgs[0]?.toolingQuery?.('SELECT Id FROM PlatformEventChannelMember').totalSize).toBe(0);
    }, { ...SANDBOX, orgs: [{ kind: 'sandbox', cdcEntityLimit: 2 }] });
  });
});
