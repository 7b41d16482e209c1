/**
 * deploy and check over HTTPS: the emulated org serves a certificate made at start, and the spawned bin trusts it
 * through NODE_EXTRA_CA_CERTS (SDR, @salesforce/core and jsforce's token request all go through it).
 */
import { ensureBuilt, runBin, type BinResult } from '../helpers/bin';
import { useEmulatedOrg } from '../helpers/emulator';
import { makeProject, patchConfig } from './deploy.helpers';

jest.setTimeout(180_000);

const emu = useEmulatedOrg({ https: true, deployTiming: { queuedPolls: 0, inProgressPolls: 0 }, orgs: [{ kind: 'sandbox' }] });
let project: string;

beforeAll(async () => {
  ensureBuilt();
  project = await makeProject();
  patchConfig(project, { externalClientApp: { name: 'Vendor_S', label: 'Vendor S', contactEmail: 'ops@e2e.example.com' } });
  expect((await runBin(['generate'], { cwd: project })).code).toBe(0);
});

function run(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<BinResult> {
  return runBin([command, '--target-org', emu.get().orgs[0]?.accessToken ?? '', ...args], {
    cwd: project,
    env: { APIONLY_POLL_FREQUENCY_MS: '20', SF_ORG_INSTANCE_URL: emu.get().instanceUrl, NODE_EXTRA_CA_CERTS: emu.get().certificatePath ?? '', ...env },
    timeoutMs: 150_000,
  });
}

it('Given an HTTPS emulated org trusted through NODE_EXTRA_CA_CERTS, When deploy then check run, Then both succeed', async () => {
  expect(emu.get().instanceUrl).toMatch(/^https:/);
  const deploy = await run('deploy', []);
  expect([deploy.code, deploy.stdout]).toEqual([0, expect.stringContaining('External Client App Vendor_S')]);
  const consumer = emu.get().world.orgs[0]?.ecaConsumers?.()[0];
  const r = await run('check', [], { APIONLY_CLIENT_ID: consumer?.key ?? '', APIONLY_CLIENT_SECRET: consumer?.secret ?? '' });
  expect([r.code, r.stdout]).toEqual([0, expect.stringMatching(/All \d+ checks passed\./)]);
  expect(r.stdout).toContain(`Client-credentials login: token issued`);
  expect(r.stdout).not.toContain(consumer?.secret ?? 'x');
});
