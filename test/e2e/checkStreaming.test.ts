/**
 * `apionly check` (the built bin) with a streaming section, against the emulated org after `apionly deploy`: the admin
 * side (EventSettings, the selections against the limit, the committed ones present) and, as the integration user
 * through the client-credentials flow, a CometD handshake and subscribes made with jsforce's streaming client. Then
 * each way it breaks, with its message and fix.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runBin, type BinResult } from '../helpers/bin';
import { connectionFor, useEmulatedOrg } from '../helpers/emulator';
import { deployFiles, packageXml } from '../helpers/streaming';
import { makeProject } from './deploy.helpers';

jest.setTimeout(240_000);

const APP = { name: 'Vendor_S', label: 'Vendor S', contactEmail: 'ops@e2e.example.com' };
const emu = useEmulatedOrg({ deployTiming: { queuedPolls: 0, inProgressPolls: 0 }, orgs: [{ kind: 'sandbox' }], cometd: { timeoutMs: 1500 } });
let project: string;
let creds: { APIONLY_CLIENT_ID: string; APIONLY_CLIENT_SECRET: string };

function run(command: string, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<BinResult> {
  const org = emu.get();
  return runBin([command, '--target-org', org.orgs[0]?.accessToken ?? '', ...args], {
    cwd: project,
    env: { APIONLY_POLL_FREQUENCY_MS: '20', SF_ORG_INSTANCE_URL: org.instanceUrl, APIONLY_STREAMING_TIMEOUT_MS: '10000', ...env },
    timeoutMs: 180_000,
  });
}

type Result = { name: string; passed: boolean; detail: string; fix?: string };
function streamingResults(r: BinResult): Result[] {
  const json = JSON.parse(r.stdout) as { result: { groups: Array<{ id: string; results: Result[] }> } };
  return json.result.groups.find((g) => g.id === 'streaming')?.results ?? [];
}
function named(results: Result[], name: string): Result {
  const found = results.find((x) => x.name === name);
  if (!found) throw new Error(`no check named ${name} in ${JSON.stringify(results)}`);
  return found;
}

beforeAll(async () => {
  ensureBuilt();
  project = await makeProject({ extra: { externalClientApp: APP, streaming: { changeDataCapture: ['Account', 'Contact'], pushTopics: true } } });
  expect((await runBin(['generate'], { cwd: project })).code).toBe(0);
  expect((await run('deploy', [])).code).toBe(0);
  const res = await fetch(`${emu.get().instanceUrl}/__emulator/eca`);
  const [c] = (await res.json()) as Array<{ key: string; secret: string }>;
  creds = { APIONLY_CLIENT_ID: c?.key ?? '', APIONLY_CLIENT_SECRET: c?.secret ?? '' };
  const admin = await connectionFor(emu.get());
  await admin.sobject('PushTopic').create({ Name: 'OpenAccounts', Query: 'SELECT Id, Name FROM Account', ApiVersion: 66.0 });
});

describe('check with streaming', () => {
  it('Given a deployed project, When check runs, Then the streaming group passes: setting, limit, selections, handshake and every subscribe', async () => {
    const r = await run('check', ['--json'], creds);
    expect(r.stderr).not.toContain(creds.APIONLY_CLIENT_SECRET);
    const results = streamingResults(r);
    expect(results.filter((x) => !x.passed)).toEqual([]);
    expect(results.map((x) => x.name)).toEqual([
      'Streaming API on (EventSettings)',
      'Change Data Capture selections within the limit',
      'Committed Change Data Capture selections present',
      'CometD handshake as the integration user',
      'Read PushTopics',
      'Subscribe /data/ChangeEvents',
      'Subscribe /data/AccountChangeEvent',
      'Subscribe /data/ContactChangeEvent',
      'Subscribe /topic/OpenAccounts',
    ]);
    expect(named(results, 'Change Data Capture selections within the limit').detail).toMatch(/^2 of 5 entities selected/);
    expect(named(results, 'CometD handshake as the integration user').detail).toMatch(/^\/cometd\/\d+\.0: clientId issued, replay extension on/);
    expect(r.code).toBe(0);
  });

  it('Given the profile lost View All on Contact in the org, When check runs, Then the Contact channel subscribe fails with the platform error and its fix, exit 5', async () => {
    const { ComponentSet } = require('@salesforce/source-deploy-retrieve') as typeof import('@salesforce/source-deploy-retrieve');
    const dir = mkdtempSync(join(tmpdir(), 'apionly-tamper-'));
    mkdirSync(join(dir, 'profiles'));
    const flags = ['allowCreate', 'allowDelete', 'allowEdit', 'modifyAllRecords'].map((f) => `        <${f}>false</${f}>`).join('\n');
    writeFileSync(
      join(dir, 'profiles', 'API Only.profile-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true</custom>\n    <objectPermissions>\n${flags}\n        <allowRead>true</allowRead>\n        <object>Contact</object>\n        <viewAllFields>false</viewAllFields>\n        <viewAllRecords>false</viewAllRecords>\n    </objectPermissions>\n    <userLicense>Salesforce</userLicense>\n</Profile>\n`,
    );
    const cs = ComponentSet.fromSource(dir);
    cs.sourceApiVersion = '66.0';
    const deploy = await cs.deploy({ usernameOrConnection: await connectionFor(emu.get()) });
    expect((await deploy.pollStatus({ frequency: require('@salesforce/kit').Duration.milliseconds(20) })).response.status).toBe('Succeeded');
    try {
      const r = await run('check', ['--json'], creds);
      expect(r.code).toBe(5);
      const results = streamingResults(r);
      const contact = named(results, 'Subscribe /data/ContactChangeEvent');
      expect(contact).toMatchObject({ passed: false, detail: '403::User not allowed to subscribe CDC without View All Data permissions' });
      expect(contact.fix).toContain('lacks View All on Contact');
      expect(named(results, 'Subscribe /data/ChangeEvents').passed).toBe(true);
      expect(named(results, 'Subscribe /data/AccountChangeEvent').passed).toBe(true);
    } finally {
      expect((await run('deploy', [])).code).toBe(0);
    }
  });

  it('Given the Contact selection was removed from the org, When check runs, Then "selections present" fails naming it, with the deploy fix', async () => {
    const destructive = packageXml({ PlatformEventChannelMember: ['ChangeEvents_ContactChangeEvent'] });
    const removed = await deployFiles(await connectionFor(emu.get()), { 'package.xml': packageXml({}), 'destructiveChanges.xml': destructive });
    expect(removed.success).toBe(true);
    try {
      const r = await run('check', ['--json'], creds);
      expect(r.code).toBe(5);
      const present = named(streamingResults(r), 'Committed Change Data Capture selections present');
      expect(present).toMatchObject({ passed: false, detail: 'not selected in the org: ContactChangeEvent' });
      expect(present.fix).toContain('npm run deploy -- --target-org');
    } finally {
      expect((await run('deploy', [])).code).toBe(0);
    }
  });

  it('Given the Streaming API switched off, When check runs, Then the setting and the handshake fail with the Setup fix, exit 5', async () => {
    const settings = '<?xml version="1.0" encoding="UTF-8"?>\n<EventSettings xmlns="http://soap.sforce.com/2006/04/metadata">\n    <enableStreamingApi>false</enableStreamingApi>\n</EventSettings>\n';
    const admin = await connectionFor(emu.get());
    expect((await deployFiles(admin, { 'package.xml': packageXml({ Settings: ['Event'] }), 'settings/Event.settings': settings })).success).toBe(true);
    try {
      const r = await run('check', ['--json'], creds);
      expect(r.code).toBe(5);
      const results = streamingResults(r);
      expect(named(results, 'Streaming API on (EventSettings)')).toMatchObject({ passed: false, detail: 'EventSettings.enableStreamingApi = false: every CometD handshake is refused' });
      const hs = named(results, 'CometD handshake as the integration user');
      expect(hs.passed).toBe(false);
      expect(hs.detail).toContain('403::Handshake denied');
      expect(hs.fix).toContain('Enable Streaming API');
    } finally {
      const on = settings.replace('>false<', '>true<');
      expect((await deployFiles(admin, { 'package.xml': packageXml({ Settings: ['Event'] }), 'settings/Event.settings': on })).success).toBe(true);
    }
  });
});
